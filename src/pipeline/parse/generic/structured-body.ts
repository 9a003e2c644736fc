import { decodeEntities } from '../text/decode-entities.js';
import { shingleHashes } from '../text/word-shingles.js';
import type { PageScan, TextBlock } from './scan-page.js';

/**
 * Uses the body a page declares in its structured data (JSON-LD or itemprop articleBody) to pick the
 * article's paragraphs out of the DOM: the declared body is a strong signal of *what* the article
 * is, while the DOM keeps its paragraph breaks. When the DOM cannot reproduce most of it (text
 * rendered by JavaScript), the declared body itself is the article.
 */

/** Blocks with at least this share of their shingles in the declared body belong to it. */
const BLOCK_MATCH = 0.6;
/** The DOM paragraphs must cover this share of the declared body to be preferred to it. */
const MIN_COVERAGE = 0.8;
/** A declared body with fewer shingles than this share of the selection's is a teaser. */
const COMPLETE_SHARE = 0.7;
/** Selected paragraphs matching the complete declared body this little are foreign (promos, captions). */
const FOREIGN_MATCH = 0.2;
/** Declared bodies shorter than this many shingles are teasers, not bodies. */
const MIN_SHINGLES = 30;

/** Markup inside articleBody (some sites escape it: "&lt;p&gt;") becomes paragraph breaks. */
export function cleanDeclaredBody(raw: string): string {
  return decodeEntities(
    decodeEntities(raw)
      .replace(/<\/(?:p|div|h\d|li|blockquote)>|<br\s*\/?>/gi, '\n')
      .replace(/<\/?[a-z][^>]*>/gi, ''),
  )
    .split(/\n+/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n\n');
}

/** Each block's shingles, computed once per reconciliation. */
class ShingleCache {
  private readonly cache = new Map<TextBlock, number[]>();
  of(block: TextBlock): number[] {
    let shingles = this.cache.get(block);
    if (shingles === undefined) {
      shingles = shingleHashes(block.text);
      this.cache.set(block, shingles);
    }
    return shingles;
  }
}

/** Shingles of `body` present in `blocks`, as a share of the body's; and the blocks' shingle count. */
function coverage(body: Set<number>, blocks: readonly TextBlock[], cache: ShingleCache): { share: number; shingles: number } {
  const covered = new Set<number>();
  let shingles = 0;
  for (const block of blocks) {
    for (const s of cache.of(block)) {
      shingles++;
      if (body.has(s)) covered.add(s);
    }
  }
  return { share: covered.size / body.size, shingles };
}

/** Share of a block's shingles found in the body, and how many it has. */
function matchShare(body: Set<number>, block: TextBlock, cache: ShingleCache): { share: number; count: number } {
  const own = cache.of(block);
  let hits = 0;
  for (const s of own) if (body.has(s)) hits++;
  return { share: own.length === 0 ? 0 : hits / own.length, count: own.length };
}

/**
 * Reconciles the scored DOM selection with the declared body:
 * - the selection holds the declared body: keep it, minus paragraphs the declared body lacks
 *   (when the declared body is complete, not a teaser);
 * - the selection missed it but other DOM paragraphs hold it: those paragraphs;
 * - nothing in the DOM holds it and it is much longer than the selection: the declared text.
 */
export function reconcileWithDeclaredBody(scan: PageScan, selection: TextBlock[], declared: string): TextBlock[] | string {
  const body = new Set(shingleHashes(declared));
  if (body.size < MIN_SHINGLES) return selection;
  const cache = new ShingleCache();
  const selected = coverage(body, selection, cache);
  if (selected.share >= MIN_COVERAGE) {
    if (body.size < selected.shingles * COMPLETE_SHARE) return selection;
    return selection.filter((block) => {
      const match = matchShare(body, block, cache);
      return match.count < 4 || match.share >= FOREIGN_MATCH;
    });
  }
  const matched: TextBlock[] = [];
  const seenText = new Set<string>();
  for (const block of scan.blocks) {
    if (seenText.has(block.text)) continue;
    const match = matchShare(body, block, cache);
    if (match.count < 2 || match.share < BLOCK_MATCH) continue;
    matched.push(block);
    seenText.add(block.text);
  }
  if (coverage(body, matched, cache).share >= MIN_COVERAGE) return withInnerHeadings(scan, matched);
  // Only a DOM that clearly lacks the text loses to the declared body, which may carry junk (CSS, widgets).
  return selected.share < MIN_COVERAGE / 2 && body.size > selected.shingles * 1.5 ? declared : selection;
}

/** Short blocks (subheadings) between matched paragraphs of the same container are part of the body. */
function withInnerHeadings(scan: PageScan, matched: TextBlock[]): TextBlock[] {
  const out: TextBlock[] = [];
  for (let i = 0; i < matched.length; i++) {
    out.push(matched[i]);
    const next = matched[i + 1];
    if (next === undefined) break;
    for (let j = matched[i].index + 1; j < next.index; j++) {
      const block = scan.blocks[j];
      if (block.heading && !block.boilerplate && block.owner.parent === next.owner.parent) out.push(block);
    }
  }
  return out;
}
