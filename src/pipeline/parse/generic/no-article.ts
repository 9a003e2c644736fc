import type { PageScan } from './scan-page.js';

/**
 * Pages that hold no article: an empty JavaScript shell, a consent or paywall interstitial, an index
 * of links. Returns the reason, or null when the body is an article.
 */

/** Fewer words than this is not an article (a caption, a teaser, a button label). */
const MIN_WORDS = 25;
/** Bodies shorter than this on a page that does not declare an article are checked for walls and indexes. */
const SHORT_BODY_CHARS = 600;
const WALL_RE =
  /\b(?:subscribe to (?:continue|read)|subscribers? only|already a subscriber|sign in to (?:continue|read)|log in to (?:continue|read)|create a free account|this content is (?:for|available to) subscribers|we value your privacy|accept (?:all )?cookies|cookie (?:settings|preferences)|consent to (?:the use of )?cookies|enable javascript|javascript is (?:disabled|required)|please turn on javascript)\b/i;

export function detectNoArticle(scan: PageScan, body: string, declaredArticle: boolean): string | null {
  if (body.length >= SHORT_BODY_CHARS * 3) return null;
  const words = body.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  const pageChars = scan.prefixText[scan.prefixText.length - 1];
  const pageLinks = scan.prefixLink[scan.prefixLink.length - 1];
  if (words >= MIN_WORDS && (declaredArticle || body.length >= SHORT_BODY_CHARS)) return null;

  const wall = scan.blocks.find((block) => block.text.length < 400 && WALL_RE.test(block.text));
  if (words < MIN_WORDS) {
    if (wall !== undefined) return `consent, login or paywall page ("${wall.text.slice(0, 80)}")`;
    if (pageChars < 200) return 'empty page: its content is rendered by JavaScript';
    return 'no article text found';
  }
  if (wall !== undefined) return `only a teaser behind a wall ("${wall.text.slice(0, 80)}")`;
  if (pageChars > 0 && pageLinks / pageChars > 0.5) return 'an index page: mostly links, no article';
  return null;
}
