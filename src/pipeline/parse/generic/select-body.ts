import type { Element } from 'domhandler';
import { cutAtRail, isArticleText, trimPromos } from './block-filters.js';
import { classIdOf, parentElement, spanChars, type PageScan, type TextBlock } from './scan-page.js';
import { scoreCandidates } from './score-candidates.js';

/**
 * The article body of a scanned page: the best-scoring container, its high-scoring siblings
 * (Readability's merge) and same-template paragraphs elsewhere, minus blocks that are not text.
 */
export function selectBody(scan: PageScan): TextBlock[] {
  const { scores, top } = scoreCandidates(scan);
  if (top === null) return [];
  const chosen = new Set<TextBlock>();
  for (const el of withSiblings(scan, top, scores)) {
    const span = scan.spans.get(el)!;
    for (let i = span.firstBlock; i <= span.lastBlock; i++) chosen.add(scan.blocks[i]);
  }
  addSameTemplateBlocks(scan, chosen);
  return trimPromos(cutAtRail([...chosen].sort((a, b) => a.index - b.index).filter(isArticleText)));
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
