import type { Element } from 'domhandler';
import { cutAtRail, isArticleText, trimPromos } from './block-filters.js';
import { classIdOf, parentElement, resolveBoilerplate, spanChars, type PageScan, type TextBlock } from './scan-page.js';
import { scoreCandidates } from './score-candidates.js';

/**
 * The article body of a scanned page: the best-scoring container, its high-scoring siblings
 * (Readability's merge) and same-template paragraphs elsewhere, minus blocks that are not text.
 */
export function selectBody(scan: PageScan): TextBlock[] {
  const selected = selectOnce(scan);
  if (textLength(selected) >= RETRY_BELOW_CHARS || !scan.blocks.some((block) => block.boilerplate)) return selected;
  // Readability's retry: class words may have hidden the article; judge by landmarks only.
  resolveBoilerplate(scan, false);
  const relaxed = selectOnce(scan);
  if (textLength(relaxed) > textLength(selected) * 2) return relaxed;
  resolveBoilerplate(scan, true);
  return selected;
}

/** A selection shorter than this is retried without class-word boilerplate marks. */
const RETRY_BELOW_CHARS = 500;

function textLength(blocks: readonly TextBlock[]): number {
  let chars = 0;
  for (const block of blocks) chars += block.text.length;
  return chars;
}

function selectOnce(scan: PageScan): TextBlock[] {
  const { scores, top: scored } = scoreCandidates(scan);
  if (scored === null) return [];
  const top = climbWhileProse(scan, scored);
  const chosen = new Set<TextBlock>();
  for (const el of withSiblings(scan, top, scores)) {
    const span = scan.spans.get(el)!;
    for (let i = span.firstBlock; i <= span.lastBlock; i++) chosen.add(scan.blocks[i]);
  }
  addSameTemplateBlocks(scan, chosen);
  extendToAdjacentProse(scan, chosen);
  const ordered = [...chosen].sort((a, b) => a.index - b.index);
  const textLists = listsWithText(ordered);
  return trimPromos(cutAtRail(ordered.filter((block, i) => isArticleText(block) || isLinkedSubhead(ordered, i) || isLinkedItem(block, textLists))));
}

const ITEM_TAGS = new Set(['li', 'td', 'th']);

/** Lists and table rows with an item that is article text. */
function listsWithText(blocks: readonly TextBlock[]): Set<Element> {
  const lists = new Set<Element>();
  for (const block of blocks) {
    const list = parentElement(block.owner);
    if (list !== null && ITEM_TAGS.has(block.tag) && isArticleText(block)) lists.add(list);
  }
  return lists;
}

/**
 * A linked item of a list or table row whose other items are text (a list of tools, half of them linked to their
 * sites) is the article's: a link list is links all through.
 */
function isLinkedItem(block: TextBlock, textLists: ReadonlySet<Element>): boolean {
  if (!ITEM_TAGS.has(block.tag) || block.boilerplate || block.caption) return false;
  const list = parentElement(block.owner);
  return list !== null && textLists.has(list);
}

/**
 * A linked subhead between paragraphs of one container (a listicle's "3. Stanford GSB" linking to the school, a
 * review's product name linking to the shop) is the article's; a teaser headline sits in a card of its own.
 */
const READ_ALSO_RE = /^(?:(?:read|see|watch|listen)(?: more| also| next)?\s*:|(?:also|related)\b)/i;

function isLinkedSubhead(blocks: readonly TextBlock[], i: number): boolean {
  const block = blocks[i];
  const prev = blocks[i - 1];
  const next = blocks[i + 1];
  if (!block.heading || block.boilerplate || block.caption || block.tag === 'h1' || block.text.length > 120 || READ_ALSO_RE.test(block.text)) return false;
  if (prev === undefined || next === undefined || next.heading || !isProseParagraph(next) || !isProseParagraph(prev)) return false;
  const container = parentElement(block.owner);
  return container !== null && parentElement(prev.owner) === container && parentElement(next.owner) === container;
}

function isProseParagraph(block: TextBlock): boolean {
  return block.text.length >= 80 && block.linkChars <= block.text.length * 0.3 && isArticleText(block);
}

/** Share of what a parent adds (in text chars) that must be prose for the body to grow into it. */
const CLIMB_MIN_PROSE_SHARE = 0.6;

/**
 * Articles cut into one wrapper per paragraph (page builders, CMS fields) leave the best-scoring
 * container holding a fraction of the text: climb while the parent adds mostly prose (not menus,
 * teasers or marked boilerplate) and at least half as much again as the container already holds.
 */
function climbWhileProse(scan: PageScan, top: Element): Element {
  const prose: number[] = [0];
  let total = 0;
  for (const block of scan.blocks) {
    if (isCleanText(block)) total += block.text.length;
    prose.push(total);
  }
  const proseIn = (span: { firstBlock: number; lastBlock: number }): number => (span.lastBlock < span.firstBlock ? 0 : prose[span.lastBlock + 1] - prose[span.firstBlock]);
  let current = top;
  let span = scan.spans.get(top)!;
  for (let parent = parentElement(current); parent !== null && parent.name !== 'body' && parent.name !== 'html'; parent = parentElement(parent)) {
    const parentSpan = scan.spans.get(parent);
    if (parentSpan === undefined) continue;
    const addedProse = proseIn(parentSpan) - proseIn(span);
    const addedText = spanChars(scan, parentSpan).text - spanChars(scan, span).text;
    if (addedText > 0 && (addedProse < addedText * CLIMB_MIN_PROSE_SHARE || addedProse < proseIn(span) * 0.5)) break;
    current = parent;
    span = parentSpan;
  }
  return current;
}

/** Sentence-like prose: long enough, few links, ends as a sentence does. */
const SENTENCE_END_RE = /[.!?…:;"'”’»)\]]$/;
function isLooseProse(block: TextBlock): boolean {
  return !block.boilerplate && !block.caption && !block.heading && block.text.length >= 100 && block.linkChars <= block.text.length * 0.2 && SENTENCE_END_RE.test(block.text);
}
/** Text a reader reads: not marked boilerplate, not mostly links. */
function isCleanText(block: TextBlock): boolean {
  return !block.boilerplate && block.linkChars <= block.text.length * 0.5;
}
/** Consecutive blocks without prose (subheads, list items, bylines) the extension steps over. */
const MAX_GAP_BLOCKS = 12;

/**
 * Leads and intros above the body container, closing paragraphs below it, and articles split into
 * one wrapper per paragraph (page builders): prose next to the chosen blocks in document order
 * belongs to them, with the subheads between. The walk stops at a region marked as boilerplate,
 * at a link-heavy block (a teaser headline, a menu) or after a few blocks without prose.
 */
function extendToAdjacentProse(scan: PageScan, chosen: Set<TextBlock>): void {
  if (chosen.size === 0) return;
  let first = Infinity;
  let last = -1;
  for (const block of chosen) {
    first = Math.min(first, block.index);
    last = Math.max(last, block.index);
  }
  const stops = (block: TextBlock): boolean => block.boilerplate || (block.linkChars > block.text.length * 0.5 && block.text.length > 3);
  // Gaps between chosen blocks (subheads and lists between paragraphs gathered by template) when nothing in them stops a walk.
  let gap: TextBlock[] = [];
  for (let i = first + 1; i < last; i++) {
    const block = scan.blocks[i];
    if (chosen.has(block)) {
      if (gap.length <= MAX_GAP_BLOCKS && !gap.some(stops)) for (const g of gap) chosen.add(g);
      gap = [];
    } else gap.push(block);
  }
  const walk = (from: number, step: 1 | -1): void => {
    let pending: TextBlock[] = [];
    for (let i = from; i >= 0 && i < scan.blocks.length; i += step) {
      const block = scan.blocks[i];
      if (chosen.has(block)) {
        pending = [];
        continue;
      }
      if (stops(block)) return;
      if (isLooseProse(block)) {
        for (const p of pending) chosen.add(p);
        chosen.add(block);
        pending = [];
        continue;
      }
      pending.push(block);
      if (pending.length > MAX_GAP_BLOCKS) return;
    }
  };
  walk(first - 1, -1);
  walk(last + 1, 1);
}

/** Readability's sibling merge: content split across sibling containers. */
function withSiblings(scan: PageScan, top: Element, scores: Map<Element, number>): Element[] {
  const parent = parentElement(top);
  if (parent === null) return [top];
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = classIdOf(top);
  const included: Element[] = [];
  for (const sibling of parent.children) {
    if (sibling.type !== 'tag') continue;
    const el = sibling as Element;
    const span = scan.spans.get(el);
    if (el === top) {
      included.push(el);
      continue;
    }
    if (span === undefined || span.lastBlock < span.firstBlock) continue;
    const bonus = topClass !== '' && classIdOf(el) === topClass ? topScore * 0.2 : 0;
    if ((scores.get(el) ?? 0) + bonus >= threshold) {
      included.push(el);
      continue;
    }
    if (el.name === 'p') {
      const chars = spanChars(scan, span);
      const density = chars.text === 0 ? 0 : chars.link / chars.text;
      const sentence = /\.( |$)/.test(scan.blocks[span.firstBlock].text);
      if ((chars.text > 80 && density < 0.25) || (chars.text > 0 && density === 0 && sentence)) included.push(el);
    }
  }
  return included;
}

function templateKey(el: Element | null): string | null {
  const cls = el?.attribs.class?.trim();
  return el === null || cls === undefined || cls === '' ? null : `${el.name}.${cls}`;
}

/**
 * Articles split by ads or media into several wrappers of one class (`div.post__content` ×3)
 * under different parents: paragraphs whose wrapper has the class of a chosen paragraph's
 * wrapper, and is prose rather than links, belong to the body too.
 */
function addSameTemplateBlocks(scan: PageScan, chosen: Set<TextBlock>): void {
  const keys = new Set<string>();
  for (const block of chosen) {
    if (block.tag !== 'p' || block.boilerplate) continue;
    const key = templateKey(parentElement(block.owner));
    if (key !== null) keys.add(key);
  }
  if (keys.size === 0) return;
  const verdicts = new Map<Element, boolean>();
  for (const block of scan.blocks) {
    if (chosen.has(block) || block.boilerplate || block.tag !== 'p') continue;
    const wrapper = parentElement(block.owner);
    if (wrapper === null) continue;
    let same = verdicts.get(wrapper);
    if (same === undefined) {
      const key = templateKey(wrapper);
      const span = scan.spans.get(wrapper);
      const chars = span === undefined ? null : spanChars(scan, span);
      same = key !== null && keys.has(key) && chars !== null && chars.link < chars.text * 0.3;
      verdicts.set(wrapper, same);
    }
    if (same) chosen.add(block);
  }
}
