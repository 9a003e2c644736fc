import { Tokenizer } from 'htmlparser2';

/**
 * htmlparser2's Tokenizer, skipping runs of characters it would look at one by one and do nothing
 * with: text up to the next `<` or `&`, a quoted attribute value up to its closing quote or `&`, and
 * (its own fast-forward) script and style bodies up to the next `<`. The positions come from
 * String#indexOf, remembered until passed, so the whole page is searched about once per character
 * sought. Same tokens, same callbacks in the same order; the per-character state loop was a third of
 * parsing a page. Reads and overrides htmlparser2 10.x internals (private in its typings), so
 * package.json pins htmlparser2's exact version; its test compares trees with the stock tokenizer's.
 */

const LT = 0x3c;
const AMP = 0x26;

/** The internals read and overridden (htmlparser2 10.x names). */
interface TokenizerInternals {
  buffer: string;
  index: number;
  offset: number;
  write(chunk: string): void;
  stateText(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
  fastForwardTo(c: number): boolean;
}

const OpenTokenizer = Tokenizer as unknown as new (...args: ConstructorParameters<typeof Tokenizer>) => TokenizerInternals;

export class SkippingTokenizer extends OpenTokenizer {
  /** Per ASCII code: where the last search started (-1: none yet) and the absolute index it found (Infinity: none). */
  private readonly searchedFrom = new Float64Array(128).fill(-1);
  private readonly foundAt = new Float64Array(128);

  override write(chunk: string): void {
    this.searchedFrom.fill(-1);
    super.write(chunk);
  }

  /** Absolute index of the first `code` at or after `from`, Infinity when there is none. */
  private next(code: number, from: number): number {
    const found = this.foundAt[code];
    // A search that started at or before `from` and found nothing before `from` still holds.
    if (this.searchedFrom[code] >= 0 && this.searchedFrom[code] <= from && found >= from) return found;
    const local = this.buffer.indexOf(String.fromCharCode(code), from - this.offset);
    const at = local < 0 ? Infinity : local + this.offset;
    this.searchedFrom[code] = from;
    this.foundAt[code] = at;
    return at;
  }

  /** Moves to just before the next `a` or `b` (the state loop then steps onto it), or to the end. */
  private skipBefore(a: number, b: number): void {
    const at = Math.min(this.next(a, this.index + 1), this.next(b, this.index + 1));
    this.index = (at === Infinity ? this.buffer.length + this.offset : at) - 1;
  }

  override fastForwardTo(c: number): boolean {
    const at = this.next(c, this.index + 1);
    if (at !== Infinity) {
      this.index = at;
      return true;
    }
    this.index = this.buffer.length + this.offset - 1;
    return false;
  }

  override stateText(c: number): void {
    if (c === LT || c === AMP) super.stateText(c);
    else this.skipBefore(LT, AMP);
  }

  override handleInAttributeValue(c: number, quote: number): void {
    if (c === quote || c === AMP) super.handleInAttributeValue(c, quote);
    else this.skipBefore(quote, AMP);
  }
}
