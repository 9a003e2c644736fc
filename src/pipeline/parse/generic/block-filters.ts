import type { TextBlock } from './scan-page.js';

/**
 * Blocks inside the body container that are not article text: captions and credits, widget
 * labels, datelines, link lists, calls to action at the body's edges, rails of other stories
 * nested in the article, and the headline repeated as a paragraph.
 */

/** Datelines and update stamps that sit between the headline and the text. */
const STAMP_RE = /^(?:updated|published|posted|last updated|modified|created)\b/i;
const LETTER_RE = /\p{L}/u;
/** Short labels that widgets leave in the text flow. */
const LABEL_RE =
  /^(?:advert(?:isement)?|ad|sponsored(?: content)?|image \d+ of \d+|\d+ of \d+|don'?t miss|comments?|\d+ comments?|read more|related(?: articles?| stories)?|see also|more on this|share(?: this)?(?: article| story)?|tweet|print|email|follow us|loading\W*|tell us what you think\W*|this slideshow requires javascript\.?|watch(?: the)? video|play video|listen(?: to this article)?|continue reading\W*|skip (?:to content|ad)|tags?:?|topics?:?|(?:table of )?contents\W*|in this (?:article|post|guide)\W*|share (?:this|the) (?:post|page|story|article)\W*|like this\W*|(?:article|story) continues below|what others are reading|pin (?:this |it )?for later\W*|see (?:the )?price at \w+|check price\W*|in partnership with|share your story|stay connected(?: with \w+)?\W*|subscribe(?: now| today)?\W*|join (?:our|the) (?:mailing list|newsletter)\W*)$/i;
/** Captions and credits outside <figure>: "(Image: GETTY)", "Photo: AP", "| Getty Images". */
const CREDIT_RE =
  /(?:\((?:image|photo|picture|pic|credit|source|video)s?\s*:[^)]*\)|(?:^|\s)(?:photo|image|credit)s?\s*:\s*[^.]{2,60}|\|\s*getty images|\/\s*(?:getty|afp|reuters|ap)(?: images)?)\s*$/i;
/** Calls to action that open or close an article: newsletter plugs, follow-us lines, forum invitations. */
const PROMO_RE =
  /\b(?:sign up|subscribe\b|newsletter|follow (?:us|him|her|them|me)\b|join (?:our|the) (?:\w+ )?(?:forums?|community|conversation|discussion)|click here|delivered (?:to|through) your (?:inbox|letterbox)|all rights reserved|copyright ©|© \d{4})/i;

/** Headings that open a rail of other stories, by class/id or by wording (a few languages). */
const RAIL_CLASS_RE = /related|recommend|more-?stories|read-?next|you-?may-?like|also-?like/i;
const RAIL_TEXT_RE =
  /^(?:related(?: (?:articles?|stories|posts|content|coverage))?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|more (?:stories|from|on this|news)|recommended(?: for you| stories)?|read (?:more|next)|what to read next|see also|trending(?: now)?|most (?:read|popular)|você pode gostar|leia também|veja também|te puede interesar|lee también|à lire aussi|lire aussi|lesen sie auch|das könnte sie auch interessieren|leggi anche|читайте также|по теме|похожие (?:статьи|новости|материалы)|читайте також)\W*$/i;
/**
 * Text before a rail heading, as a share of the body, for the cut to happen: a heading named as a
 * rail by its class cuts after any prose; one that only reads like it ("Related") must come late,
 * as inline "Read also" boxes sit mid-article.
 */
const RAIL_MIN_SHARE_BY_CLASS = 0.05;
const RAIL_MIN_SHARE_BY_TEXT = 0.5;

function railShare(block: TextBlock): number | null {
  if (!block.heading || block.text.length > 60) return null;
  const hint = block.owner.attribs.class ?? block.owner.attribs.id ?? '';
  if (hint !== '' && RAIL_CLASS_RE.test(hint)) return RAIL_MIN_SHARE_BY_CLASS;
  return RAIL_TEXT_RE.test(block.text) ? RAIL_MIN_SHARE_BY_TEXT : null;
}

/**
 * Cuts the body at a heading that opens a rail of other stories (broken markup nests rails inside articles). A rail
 * placed mid-article is stepped over: after it, paragraphs back in a wrapper of the text before it (the article's own
 * container) resume the body, with what follows them.
 */
export function cutAtRail(blocks: TextBlock[]): TextBlock[] {
  let total = 0;
  for (const block of blocks) total += block.text.length;
  let before = 0;
  for (let i = 0; i < blocks.length; i++) {
    const share = railShare(blocks[i]);
    if (share !== null && before >= total * share) {
      const wrappers = new Set(blocks.slice(0, i).map((b) => b.owner.parent));
      const resume = blocks.findIndex((b, j) => j > i && wrappers.has(b.owner.parent) && isResumingProse(b));
      return resume < 0 ? blocks.slice(0, i) : [...blocks.slice(0, i), ...cutAtRail(blocks.slice(resume))];
    }
    before += blocks[i].text.length;
  }
  return blocks;
}

function isResumingProse(block: TextBlock): boolean {
  return !block.heading && block.text.length >= 80 && block.linkChars <= block.text.length * 0.2;
}

const BARE_URL_RE = /^https?:\/\/\S+$/;

export function isArticleText(block: TextBlock): boolean {
  // The h1 is the title (metadata), not body text.
  if (block.boilerplate || block.caption || block.tag === 'h1') return false;
  const length = block.text.length;
  if (!LETTER_RE.test(block.text)) return false;
  if (length < 80 && STAMP_RE.test(block.text)) return false;
  if (length < 60 && LABEL_RE.test(block.text)) return false;
  if (length < 400 && CREDIT_RE.test(block.text)) return false;
  // Long items that open with a linked headline ("<a>Story</a> — summary…") are still text, and so
  // is a URL the author pasted (navigation links have words, not addresses).
  return block.linkChars / length <= (length >= 150 ? 0.7 : 0.5) || BARE_URL_RE.test(block.text);
}

const isPromo = (block: TextBlock): boolean => block.text.length < 400 && PROMO_RE.test(block.text);

/** A lead may mention signing up: at the top, a longer paragraph is a promo only when it opens with the call to action. */
const LEAD_PROMO_CHARS = 160;
const PROMO_OPENING_CHARS = 60;

function isOpeningPromo(block: TextBlock): boolean {
  if (block.text.length < LEAD_PROMO_CHARS) return isPromo(block);
  const at = block.text.search(PROMO_RE);
  return at >= 0 && at < PROMO_OPENING_CHARS && block.text.length < 400;
}

/** Drops calls to action at either end of the body (a few blocks each side at most). */
export function trimPromos(blocks: TextBlock[]): TextBlock[] {
  let start = 0;
  let end = blocks.length;
  while (start < end && start < 3 && isOpeningPromo(blocks[start])) start++;
  for (let dropped = 0; end > start && dropped < 4 && isPromo(blocks[end - 1]); dropped++) end--;
  return start === 0 && end === blocks.length ? blocks : blocks.slice(start, end);
}

const simplify = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Only the first blocks can repeat the headline. */
const TITLE_BLOCKS = 5;

/** The headline repeated as a paragraph (a <p class="title">, a kicker) is metadata, not body text. */
export function dropTitleBlocks(blocks: TextBlock[], titles: ReadonlyArray<string | null>): TextBlock[] {
  const known = titles.filter((t): t is string => t !== null && t !== '').map(simplify);
  if (known.length === 0) return blocks;
  return blocks.filter((block, i) => {
    if (i >= TITLE_BLOCKS || block.text.length > 300) return true;
    const text = simplify(block.text);
    return text.length < 10 || !known.some((title) => title === text || (title.startsWith(text) && text.length >= title.length * 0.6));
  });
}
