import type { Element } from 'domhandler';
import { classIdOf, parentElement, spanChars, type PageScan } from './scan-page.js';

/**
 * Readability's candidate scoring, computed from the scan without touching the DOM again:
 * paragraph-like blocks vote for their ancestors (less the further up), an ancestor's score is
 * scaled by its link density, and the winner is adjusted by Readability's climbs.
 */

const POSITIVE_WEIGHT = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story/i;
const NEGATIVE_WEIGHT =
  /hidden|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|-ad-|social|newsletter/i;

const TAG_WEIGHT: Record<string, number> = {
  div: 5, article: 5, main: 5, section: 3, pre: 3, td: 3, blockquote: 3,
  address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3,
  h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5,
};

/** Owners that are a paragraph themselves: they vote for their parent, not for themselves. */
const PARAGRAPH_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dd', 'dt', 'blockquote', 'pre', 'td', 'th', 'figcaption', 'address', 'summary', 'caption']);

/** Blocks this short carry no vote. */
const MIN_VOTING_CHARS = 25;
/** Ancestor levels a block votes for. */
const VOTING_LEVELS = 5;
const COMMA_RE = /[,，、،]/g;

function classWeight(el: Element): number {
  const hint = classIdOf(el);
  if (hint === '') return 0;
  return (NEGATIVE_WEIGHT.test(hint) ? -25 : 0) + (POSITIVE_WEIGHT.test(hint) ? 25 : 0);
}

export interface ScoredCandidates {
  /** Candidate → score scaled by (1 − link density). */
  scores: Map<Element, number>;
  /** The body container, null when no block voted. */
  top: Element | null;
}

export function scoreCandidates(scan: PageScan): ScoredCandidates {
  const raw = new Map<Element, number>();
  for (const block of scan.blocks) {
    if (block.boilerplate || block.heading || block.text.length < MIN_VOTING_CHARS) continue;
    const commas = block.text.match(COMMA_RE)?.length ?? 0;
    const score = 1 + commas + Math.min(Math.floor(block.text.length / 100), 3);
    // Text sitting directly in a container (a <div> without <p>) votes for that container itself.
    let el = PARAGRAPH_TAGS.has(block.tag) ? parentElement(block.owner) : block.owner;
    for (let level = 0; el !== null && level < VOTING_LEVELS; el = parentElement(el)) {
      if (!scan.spans.has(el)) continue; // inline wrappers are not candidates
      const current = raw.get(el) ?? (TAG_WEIGHT[el.name] ?? 0) + classWeight(el);
      raw.set(el, current + score / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
      level++;
    }
  }

  const scores = new Map<Element, number>();
  for (const [el, score] of raw) {
    const chars = spanChars(scan, scan.spans.get(el)!);
    scores.set(el, score * (1 - (chars.text === 0 ? 0 : chars.link / chars.text)));
  }
  if (scores.size === 0) return { scores, top: null };
  const ranked = [...scores.keys()].sort((a, b) => scores.get(b)! - scores.get(a)!);
  return { scores, top: climb(ranked, scores, scan) };
}

/**
 * Readability's climbs: when several strong candidates share an ancestor, the article is that
 * ancestor (paragraphs wrapped one per element); then climb while the parent scores well; an
 * only child gives way to its parent.
 */
function climb(ranked: Element[], scores: Map<Element, number>, scan: PageScan): Element {
  let top = fullerRunnerUp(ranked, scores, scan);
  const topScore = scores.get(top)!;
  const alternatives = ranked.slice(0, 5).filter((el) => el !== top && scores.get(el)! >= topScore * 0.75);
  if (alternatives.length >= 3) {
    for (let parent = parentElement(top); parent !== null && parent.name !== 'body'; parent = parentElement(parent)) {
      if (scan.spans.has(parent) && alternatives.filter((alt) => isAncestor(parent, alt)).length >= 3) {
        top = parent;
        break;
      }
    }
  }
  let lastScore = scores.get(top) ?? topScore;
  const threshold = lastScore / 3;
  for (let parent = parentElement(top); parent !== null && parent.name !== 'body'; parent = parentElement(parent)) {
    const parentScore = scores.get(parent);
    if (parentScore === undefined) continue;
    if (parentScore < threshold) break;
    if (parentScore > lastScore) {
      top = parent;
      break;
    }
    lastScore = parentScore;
  }
  // Only block elements have a span of blocks: an inline wrapper (`<span><div>…</div></span>`) is climbed through, not chosen.
  for (let p = parentElement(top); p !== null && p.name !== 'body' && p.children.filter((n) => n.type === 'tag').length === 1; p = parentElement(p)) {
    if (scan.spans.has(p)) top = p;
  }
  return top;
}

/** A runner-up scoring at least this share of the winner's score… */
const RUNNER_UP_SCORE_SHARE = 0.4;
/** …and holding this many times its unlinked text takes its place. */
const RUNNER_UP_TEXT_FACTOR = 5;

/**
 * Class words can crown a small widget: on page-builder pages (Elementor) whose article is cut into one widget per
 * paragraph, no wrapper gathers many direct votes, and an accordion or testimonial box whose class reads "content"
 * outranks the column that holds the whole article. A close runner-up holding several times the text wins.
 */
function fullerRunnerUp(ranked: Element[], scores: Map<Element, number>, scan: PageScan): Element {
  const top = ranked[0];
  const unlinked = (el: Element): number => {
    const chars = spanChars(scan, scan.spans.get(el)!);
    return chars.text - chars.link;
  };
  const floor = scores.get(top)! * RUNNER_UP_SCORE_SHARE;
  const text = unlinked(top);
  for (const el of ranked.slice(1, 5)) {
    if (scores.get(el)! < floor) break;
    if (unlinked(el) >= text * RUNNER_UP_TEXT_FACTOR) return el;
  }
  return top;
}

function isAncestor(ancestor: Element, el: Element): boolean {
  for (let p = el.parent; p !== null; p = p.parent) if (p === ancestor) return true;
  return false;
}
