import { DomHandler, type Document } from 'domhandler';
import { Parser, type Handler, type Tokenizer } from 'htmlparser2';
import { SkippingTokenizer } from './skipping-tokenizer.js';

/**
 * HTML → domhandler document, as cheerio/slim parses it (htmlparser2, default options), with the
 * open-element stack capped. htmlparser2 (10.x, and 12.0 still) keeps that stack with
 * `Array#unshift`, so every open tag costs the current depth: `<b><i><u>…` nested 100k deep took
 * seconds. At MAX_OPEN_ELEMENTS, a start tag first closes the innermost open element, so the new
 * element becomes its sibling rather than its child: the page is flattened, not rejected, every
 * element and its text is kept (links, scripts), and each tag costs at most the cap.
 */

/** Open elements htmlparser2 may hold; real pages stay under ~100. */
export const MAX_OPEN_ELEMENTS = 256;

/**
 * Elements built into the tree; past it the rest of the markup is read as text only (its words stay,
 * its tags go). The largest of 1,539 real pages (WCXB dev + the 181-page benchmark) has 15,797
 * elements; 2 MiB of bare tags makes ~250k, whose tree alone cost 0.6 s of CPU to build, walk and collect.
 */
export const MAX_ELEMENTS = 50_000;

/** The Parser's internals the cap reads and resets (htmlparser2 10.x field names). */
interface ParserState {
  stack: string[];
  foreignContext: unknown[];
  cbs: Partial<Handler>;
}

/** Elements whose end htmlparser2 pairs with a foreignContext entry. */
const FOREIGN_CONTEXT = new Set(['math', 'svg', 'mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

class DepthCappedParser extends Parser {
  override onopentagname(start: number, endIndex: number): void {
    const state = this as unknown as ParserState;
    if (state.stack.length >= MAX_OPEN_ELEMENTS) {
      const innermost = state.stack.shift()!;
      if (FOREIGN_CONTEXT.has(innermost)) state.foreignContext.shift();
      state.cbs.onclosetag?.(innermost, true);
    }
    super.onopentagname(start, endIndex);
  }
}

/** Builds at most MAX_ELEMENTS elements; tags past it leave their text in the element open at the cap. */
class ElementCappedHandler extends DomHandler {
  private built = 0;
  /** Elements opened past the cap and not yet closed: htmlparser2 closes in LIFO order, so they close first. */
  private skipped = 0;
  /** Skipped depth of an open script or style past the cap: its code is not text (0: none). */
  private mutedAt = 0;

  override onopentag(name: string, attribs: Record<string, string>): void {
    if (this.built < MAX_ELEMENTS) {
      this.built++;
      super.onopentag(name, attribs);
      return;
    }
    this.skipped++;
    if (this.mutedAt === 0 && CODE_ELEMENTS.has(name)) this.mutedAt = this.skipped;
  }

  override onclosetag(): void {
    if (this.skipped === 0) return super.onclosetag();
    if (this.skipped === this.mutedAt) this.mutedAt = 0;
    this.skipped--;
  }

  override ontext(data: string): void {
    if (this.mutedAt === 0) super.ontext(data);
  }
}

/** Elements whose content is code or markup, not text a reader sees. */
const CODE_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math', 'textarea', 'title']);

export function parseHtml(html: string): Document {
  const handler = new ElementCappedHandler();
  new DepthCappedParser(handler, { Tokenizer: SkippingTokenizer as unknown as typeof Tokenizer }).end(html);
  return handler.root;
}
