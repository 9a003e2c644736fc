import type { PageMetadata } from '../metadata/page-metadata.js';
import { countWords } from '../text/word-chars.js';
import { pageFeatures } from './page-features.js';
import { classifyPage, pageTypeModel } from './page-type-model.js';
import type { PageScan, TextBlock } from './scan-page.js';

/**
 * Is the page an article? Conservative: losing a real article (a record dead-lettered) costs more
 * than parsing a page that is not one, so a page is rejected only on a named signal of what it is
 * (a product, a listing, a forum thread…) while it shows little article evidence (no article
 * markup, byline or date), when its address is an index's (a front page that dates nothing, a
 * section or archive path) and it declares no article, when its JSON-LD names a collection or search
 * results page and no article, when the page-type model is all but sure it is a listing, collection,
 * product or service page (its thresholds, one for pages with article evidence and one for pages
 * without, lose no training article out of fold; article markup beside a byline or date does not
 * overrule it), or when it holds no text at all (named forum when a forum engine rendered it by script).
 * The verdict names the page type and the signal that decided, so operators see why.
 *
 * Index pages are not crawled further: sitrep fetches what operators hand it and the links those
 * articles cite (pipeline.maxDepth); following every teaser of a listing would multiply one untrusted
 * submission into dozens of fetches of unrelated stories. The verdict says how many linked
 * headlines the index holds; an operator who wants them submits them on purpose.
 */

export type NonArticleType =
  | 'product'
  | 'collection'
  | 'listing'
  | 'forum'
  | 'documentation'
  | 'service'
  | 'wall'
  | 'empty';

export interface NoArticleVerdict {
  pageType: NonArticleType;
  /** The signal that decided, in words ("JSON-LD Product", "6 linked headlines, 1 paragraph"). */
  signal: string;
}

const DESCRIPTIONS: Record<NonArticleType, string> = {
  product: 'a product page',
  collection: 'a product collection or category page',
  listing: 'a listing or index page',
  forum: 'a forum or Q&A thread',
  documentation: 'a documentation page',
  service: 'a service, product-marketing or course page',
  wall: 'a consent, login or paywall page',
  empty: 'a page without text',
};

export function describeVerdict(verdict: NoArticleVerdict): string {
  return `not an article: ${DESCRIPTIONS[verdict.pageType]} (${verdict.signal})`;
}

/** Fewer words than this, without a sentence, is not an article (a caption, a teaser, a button label). */
const MIN_WORDS = 25;
const WALL_RE =
  /\b(?:subscribe to (?:continue|read)|subscribers? only|already a subscriber|sign in to (?:continue|read)|log in to (?:continue|read)|create a free account|this content is (?:for|available to) subscribers|we value your privacy|accept (?:all )?cookies|cookie (?:settings|preferences)|consent to (?:the use of )?cookies|enable javascript|javascript is (?:disabled|required)|please turn on javascript)\b/i;
const SENTENCE_END_RE = /[.!?…]["'”’»)]?$/;
/** A sentence of six words or more (checked in linear time: no nested quantifiers on block text). */
function isSentence(text: string): boolean {
  return SENTENCE_END_RE.test(text) && (text.match(/\p{L}+/gu)?.length ?? 0) >= 6;
}
const CART_RE = /add[\s-]+to[\s-]+(?:cart|bag|basket|trolley)|in den warenkorb|ajouter au panier|añadir al carrito/i;
const PRICE_RE = /(?:[$€£¥₹]\s?\d[\d,.]*|\b\d[\d,.]*\s?(?:€|EUR|USD|GBP)\b)/g;
const FORUM_GENERATOR_RE = /discourse|vbulletin|phpbb|xenforo|invision|mybb|flarum|nodebb|vanilla forums|simple machines/i;
const DOCS_GENERATOR_RE = /sphinx|mkdocs|docusaurus|gitbook|vitepress|read the docs|readthedocs|docfx|antora/i;
const PRODUCT_TYPES = new Set(['product', 'productgroup', 'individualproduct', 'productmodel']);
const LISTING_TYPES = new Set(['itemlist', 'collectionpage', 'searchresultspage', 'offercatalog']);
const FORUM_TYPES = new Set(['discussionforumposting', 'qapage']);
const COLLECTION_TYPES = new Set(['collectionpage', 'searchresultspage']);
const LD_ARTICLE_RE = /article|posting|report/;

/** A block that reads as prose: long, few links, a sentence at its end. */
function isParagraph(block: TextBlock): boolean {
  return block.text.length >= 100 && block.linkChars <= block.text.length * 0.3 && /[.!?…:]["'”’»)]?$/.test(block.text);
}

export interface NoArticleInput {
  scan: PageScan;
  /** The selected body: its blocks, or the declared text when the DOM lacked it. */
  body: readonly TextBlock[] | string;
  text: string;
  meta: PageMetadata;
  html: string;
  /** The page's canonical URL (its words are features of the page-type model). */
  url: string | null;
}

/** A byline or a publication date (not the date or site credit SEO plugins give every page). */
function bylineOrDate(meta: PageMetadata): boolean {
  return (meta.authors.length > 0 && !meta.siteCredit) || (meta.publishedAt !== null && !meta.webPageDate);
}

/** What an article page usually declares: article markup, a byline or a publication date. */
export function hasArticleEvidence(meta: PageMetadata): boolean {
  return meta.declaredArticle || bylineOrDate(meta);
}

export function detectNoArticle(input: NoArticleInput): NoArticleVerdict | null {
  const { scan, body, text, meta, html } = input;
  const words = countWords(text);
  const blocks = typeof body === 'string' ? [] : body;
  const paragraphs = typeof body === 'string' ? text.split('\n\n').filter((p) => p.length >= 100).length : blocks.filter(isParagraph).length;
  const evidence = hasArticleEvidence(meta);
  const wall = words < 150 ? scan.blocks.find((block) => block.text.length < 400 && WALL_RE.test(block.text)) : undefined;
  const types = new Set(meta.declaredTypes);
  const generator = (scan.meta.get('generator') ?? []).join(' ');

  // No text: a shell rendered by JavaScript, an interstitial, a page of labels.
  const sentence = typeof body === 'string' ? isSentence(text) : blocks.some((block) => !block.boilerplate && isSentence(block.text));
  const teasers = scan.blocks.filter((block) => block.heading && !block.boilerplate && block.linkChars > block.text.length * 0.6).length;
  if (words < MIN_WORDS && (wall !== undefined || !sentence)) {
    if (wall !== undefined) return { pageType: 'wall', signal: `"${wall.text.slice(0, 80)}"` };
    const pageChars = scan.prefixText[scan.prefixText.length - 1];
    const pageLinks = scan.prefixLink[scan.prefixLink.length - 1];
    if (teasers >= 6) return { pageType: 'listing', signal: `${teasers} linked headlines, ${words} words of body text` };
    if (pageChars >= 200 && pageLinks > pageChars * 0.5) return { pageType: 'listing', signal: `${Math.round((100 * pageLinks) / pageChars)}% of the page's text is links` };
    // A forum engine that renders its threads by script (Discourse) still says what it is.
    if (FORUM_GENERATOR_RE.test(generator)) return { pageType: 'forum', signal: `generator "${generator.slice(0, 40)}", thread rendered by JavaScript` };
    return { pageType: 'empty', signal: pageChars < 200 ? 'no text in the HTML: rendered by JavaScript' : `${words} words of body text, no sentence` };
  }
  if (wall !== undefined && paragraphs <= 1) return { pageType: 'wall', signal: `only a teaser, then "${wall.text.slice(0, 80)}"` };
  // An index address (a front page, a section or archive path) listing many linked headlines is an index whatever its
  // markup, dates and bylines say (its teasers carry them; a blog's front page showing its latest post links none
  // outside its boilerplate).
  const address = pathOf(input.url);
  const indexAddress = address === '/' || SECTION_INDEX_RE.test(address);
  // Article markup alone proves little (SEO plugins declare an Article on product and service pages): it settles the
  // question only beside a byline or a date, and never at an index address; even then the page-type model may overrule it.
  const declaredStory = !indexAddress && meta.declaredArticle && paragraphs >= 3 && bylineOrDate(meta);
  const features = pageFeatures({ ...input, words });
  const headlineLinks = Math.round(Math.expm1(features.headline_links));
  if (indexAddress && headlineLinks >= INDEX_HEADLINES) {
    return { pageType: 'listing', signal: `${address === '/' ? "the site's front page" : `a section or archive index (${address})`}, ${headlineLinks} linked headlines` };
  }

  // What the page says it is.
  const declared = [...types].find((t) => PRODUCT_TYPES.has(t));
  if (declared !== undefined && !meta.declaredArticle) return { pageType: 'product', signal: `JSON-LD ${declared}` };
  const ogType = scan.meta.get('og:type')?.[0]?.toLowerCase() ?? '';
  if (ogType.includes('product') && !meta.declaredArticle) return { pageType: 'product', signal: `og:type ${ogType}` };
  const forum = [...types].find((t) => FORUM_TYPES.has(t));
  if (forum !== undefined && !meta.declaredArticle) return { pageType: 'forum', signal: `JSON-LD ${forum}` };
  if (!meta.declaredArticle && FORUM_GENERATOR_RE.test(generator)) return { pageType: 'forum', signal: `generator "${generator.slice(0, 40)}"` };
  // A collection or search-results page by its own structured data, with no article type beside it (og:type article is
  // every page's on SEO-plugin sites, so it does not count here).
  const collection = [...types].find((t) => COLLECTION_TYPES.has(t));
  if (collection !== undefined && ![...types].some((t) => LD_ARTICLE_RE.test(t))) return { pageType: 'listing', signal: `JSON-LD ${collection} without an article type` };
  const model = classifyPage(features);
  const thresholds = pageTypeModel().nonArticleThresholds;
  if (model.nonArticle > (evidence ? thresholds.withEvidence : thresholds.withoutEvidence)) {
    return { pageType: model.type as NonArticleType, signal: `page-type model: P(${model.type}) ${model.probability.toFixed(3)}, not an article ${model.nonArticle.toFixed(3)}; ${model.reasons.join(', ')}` };
  }
  if (declaredStory) return null;
  // Index pages by their address: a section ("/news", "/en/newsroom", "…/page/3") or an archive ("/category/science",
  // "/tag/cloud") dates and credits its teasers, so only article markup spares it; a site's front page that dates
  // nothing is its shop window or its index, not a story.
  const path = meta.declaredArticle ? '' : address;
  if (SECTION_INDEX_RE.test(path)) return { pageType: 'listing', signal: `a section or archive index (${path}) without article markup` };
  if (path === '/' && (meta.publishedAt === null || meta.webPageDate)) {
    return { pageType: model.type as NonArticleType, signal: `the site's front page, without date or article markup (most like a ${model.type} page)` };
  }
  if (evidence) return null;

  // Without article evidence: what the page looks like.
  // Documentation generators also build blogs and guides: the address must read as documentation too.
  if (!meta.declaredArticle && DOCS_GENERATOR_RE.test(generator) && isDocsAddress(input.url)) return { pageType: 'documentation', signal: `generator "${generator.slice(0, 40)}" at a documentation address` };
  const listing = [...types].find((t) => LISTING_TYPES.has(t));
  if (listing !== undefined && paragraphs < 10) return { pageType: 'listing', signal: `JSON-LD ${listing}, ${paragraphs} paragraphs` };
  if (paragraphs < 10 && CART_RE.test(html)) {
    const prices = countPrices(scan);
    if (prices >= 2) {
      return prices >= 6
        ? { pageType: 'collection', signal: `"add to cart" and ${prices} prices, ${paragraphs} paragraphs` }
        : { pageType: 'product', signal: `"add to cart" and ${prices} prices, ${paragraphs} paragraphs` };
    }
  }
  if (teasers >= 6 && paragraphs <= 3 && paragraphs < teasers) return { pageType: 'listing', signal: `${teasers} linked headlines, ${paragraphs} paragraphs` };
  return null;
}

/** Linked headlines that make an index address an index whatever its dates and markup say. */
const INDEX_HEADLINES = 8;
const SECTION_INDEX_RE =
  /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:news|blog|blogs|articles|stories|press|newsroom|insights|latest|topics?|category|categories|tags?|archive|resources)\/?$|\/page\/\d+\/?$|(?:^|\/)(?:category|categories|tags?|topics?)\/[^/]+\/?$/i;

/**
 * The URL's path ("/" for a site's front page); '' without a URL or with a query (the URL is canonical, tracking
 * parameters gone: what is left may name the story, as in "/?p=123" or "/news?id=4567").
 */
function pathOf(url: string | null): string {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.search === '' ? parsed.pathname : '';
}

function parseUrl(url: string | null): URL | null {
  if (url === null) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const DOCS_PATH_RE = /\/(?:docs?|documentation|manual|reference|api|guides?|tutorials?|concepts|howto|latest|stable|v\d+(?:\.\d+)*)(?:\/|$)/i;

/** A docs host ("docs.example.com") or a documentation path ("/docs/", "/tutorial/", "/latest/", "/v2/"). */
function isDocsAddress(url: string | null): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (/^docs?\./i.test(parsed.hostname) || DOCS_PATH_RE.test(parsed.pathname));
}

/** Prices in the page's text (not its boilerplate), counted up to 20. */
function countPrices(scan: PageScan): number {
  let prices = 0;
  for (const block of scan.blocks) {
    if (block.boilerplate || block.text.length > 200) continue;
    const found = block.text.match(PRICE_RE);
    if (found !== null) prices += found.length;
    if (prices >= 20) break;
  }
  return prices;
}
