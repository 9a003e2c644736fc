import type { AnyNode, Document, Element, Text } from 'domhandler';

/**
 * One pass over the DOM that gathers everything the generic parser needs: text blocks with their
 * links and owning elements, each block element's span of blocks (text and link totals then come
 * from prefix sums, never from re-walking a subtree), and the metadata sources (meta, link,
 * JSON-LD, <time>, itemprop, <html lang>). Walking the raw domhandler tree directly is several
 * times faster than cheerio selections per field.
 */

/** A link inside a block: its anchor text is raw[start, end) of the block, collapsed on demand. */
export interface BlockLink {
  href: string;
  start: number;
  end: number;
}

export interface TextBlock {
  text: string;
  /** The text before whitespace was collapsed (link offsets point into it). */
  raw: string;
  /** Characters inside links (counted before whitespace collapsing, capped at the text length). */
  linkChars: number;
  /** The block-level element that owns the text (a <p>, a <div> with direct text…). */
  owner: Element;
  /** Lower-cased tag name of the owner. */
  tag: string;
  heading: boolean;
  /**
   * Inside a region the page marks as boilerplate (nav, aside, comments, share bars…). Decided
   * after the walk: a marked region that holds most of the page's prose is a wrapper, not boilerplate.
   */
  boilerplate: boolean;
  /** The boilerplate-marked ancestors (shared snapshot, empty for most blocks). */
  marked: readonly Element[];
  /** Inside <figcaption> or a caption- or credit-like element, or loose in a <figure> (not in its table, quote or list). */
  caption: boolean;
  links: BlockLink[];
  index: number;
}

/** The blocks of an element's subtree are contiguous: [firstBlock, lastBlock], empty when last < first. */
export interface ElementSpan {
  firstBlock: number;
  lastBlock: number;
}

export interface PageScan {
  blocks: TextBlock[];
  spans: Map<Element, ElementSpan>;
  /** prefixText[i] = text chars of blocks [0, i); same for link chars. */
  prefixText: number[];
  prefixLink: number[];
  /** <meta> name/property/itemprop (lower-cased) → content values, in document order. */
  meta: Map<string, string[]>;
  /** <link rel> (lower-cased, each token) → hrefs. */
  links: Map<string, string[]>;
  jsonLd: string[];
  titleTag: string | null;
  htmlLang: string | null;
  /** datetime attributes of <time> elements, in document order. */
  times: string[];
  /** Text or content of elements with itemprop (author, datePublished…, see ITEMPROPS), first values only. */
  itemprops: Map<string, string[]>;
  /** Text of the first <h1>s. */
  h1: string[];
  /** How many of the COUNTED_TAGS elements the page has (forms, inputs, list items…: page-type features). */
  tagCounts: Map<string, number>;
  /** Elements whose class, id or itemprop names shop or card parts (page-type features): see countMarkup. */
  markup: MarkupCounts;
  /** Microdata itemtype names (lower-cased last path segment, "product" for https://schema.org/Product) → elements. */
  itemTypes: Map<string, number>;
}

export interface MarkupCounts {
  /** Links and elements styled as buttons ("btn", "button"): calls to action. */
  button: number;
  price: number;
  cart: number;
  productCard: number;
  card: number;
}

/**
 * Product grids and teaser walls name their parts ("product-card", "price", "add-to-cart", "teaser")
 * even where prices and headlines are drawn by script. The gate keeps the cost to one test per class.
 */
const MARKUP_GATE = /price|cart|basket|card|teaser|tile|btn|button/i;

function countMarkup(counts: MarkupCounts, hint: HintReading): void {
  if (hint.button) counts.button++;
  if (hint.price) counts.price++;
  if (hint.cart) counts.cart++;
  if (hint.card) {
    counts.card++;
    if (hint.productCard) counts.productCard++;
  }
}

/** Subtrees that never hold article text. */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'button',
  'select', 'option', 'textarea', 'input', 'video', 'audio', 'map', 'head', 'math', 'dialog',
]);

/** Elements that end a run of inline text. */
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl',
  'dt', 'dd', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'figure',
  'figcaption', 'header', 'footer', 'nav', 'aside', 'form', 'address', 'hr', 'br', 'body', 'html',
  'center', 'fieldset', 'details', 'summary', 'caption', 'hgroup', 'menu',
]);

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements counted for the page-type classifier (hidden and skipped subtrees included). */
const COUNTED_TAGS = new Set(['form', 'input', 'button', 'select', 'textarea', 'img', 'li', 'article', 'table', 'h2', 'h3', 'time', 'iframe', 'p', 'a', 'nav', 'video', 'dl', 'section', 'svg']);
/** The microdata properties metadata reads; others are not worth their text. */
const ITEMPROPS = new Set(['author', 'creator', 'datepublished', 'datemodified', 'datecreated', 'headline', 'articlebody']);
const MAX_ITEMPROP_VALUES = 3;
/** Deeper subtrees are skipped: hostile pages nest deeper than the call stack allows. */
const MAX_DEPTH = 512;
const COMMENT_HINT = /comment|disqus|repl(?:y|ies)/i;
/** Class words that mark boilerplate even in the relaxed fallback of resolveBoilerplate. */
const STRONG_HINT = /comment|disqus|footer|(?:^|[\s_-])(?:nav|navbar|navigation|menu|cookie|consent|breadcrumbs?)(?:$|[\s_-])/i;
/**
 * What a <figure> holds besides its image and caption: CMS blocks wrap tables, pull quotes, quoted posts and code
 * in <figure> (`figure.wp-block-table > table`), and that text is the article's; an embedded social post's quote
 * (`blockquote.twitter-tweet`) stays with the caption, as the embed it is.
 */
const FIGURE_CONTENT_TAGS = new Set(['table', 'blockquote', 'pre', 'ul', 'ol', 'dl']);
const EMBED_HINT = /tweet|instagram|tiktok|embed/i;
/** Page-level containers a caption class never turns into a caption. */
const CONTAINER_TAGS = new Set(['html', 'body', 'main', 'article', 'section']);
/** Landmarks that are boilerplate wherever they appear. */
const BOILERPLATE_TAGS = new Set(['nav', 'aside', 'footer', 'form', 'menu']);

/** A tag's place in the sets above: one lookup per element instead of one per set. */
interface TagKind {
  skip: boolean;
  block: boolean;
  heading: boolean;
  boilerplate: boolean;
  container: boolean;
  figureContent: boolean;
  /** Its index in COUNTED, -1 when not counted. */
  counted: number;
}
const COUNTED = [...COUNTED_TAGS];
const OTHER_TAG: TagKind = { skip: false, block: false, heading: false, boilerplate: false, container: false, figureContent: false, counted: -1 };
const TAG_KINDS = new Map<string, TagKind>(
  [...new Set([...SKIP_TAGS, ...BLOCK_TAGS, ...HEADING_TAGS, ...COUNTED_TAGS, ...FIGURE_CONTENT_TAGS, ...CONTAINER_TAGS, ...BOILERPLATE_TAGS])].map((tag) => [
    tag,
    {
      skip: SKIP_TAGS.has(tag),
      block: BLOCK_TAGS.has(tag),
      heading: HEADING_TAGS.has(tag),
      boilerplate: BOILERPLATE_TAGS.has(tag),
      container: CONTAINER_TAGS.has(tag),
      figureContent: FIGURE_CONTENT_TAGS.has(tag),
      counted: COUNTED.indexOf(tag),
    },
  ]),
);

/**
 * class/id words that mark navigation, sharing, comments, promos… The match is on word-like
 * tokens of the attribute so that "canvas" never reads as "nav". This regex is the cheap gate;
 * negativeWordIn then checks where in its class token the word stands.
 */
const NEGATIVE_WORDS =
  'nav|navbar|navigation|menu|breadcrumbs?|footer|sidebar|side-?bar|rail|widget|comments?|disqus|share|sharing|social|related|recommended|recommendations|more-?stories|newsletter|subscribe|subscription|signup|sign-?up|promo|cta|sponsored|advert|advertisement|ads?|ad-?slot|banner|cookie|consent|gdpr|popup|modal|paywall|outbrain|taboola|tags|tag-?list|pagination|pager|skip|print|toolbar|hidden|visually-?hidden|sr-only|screen-?reader|author-?bio|byline|meta|dateline|timestamp|copyright|masthead|trending|most-?popular|read-?more|see-?also|also-?read|inline-?related|jump|follow|login|byline-?wrapper|credits?';
const NEGATIVE_HINT = new RegExp(`(?:^|[\\s_:-])(?:${NEGATIVE_WORDS})(?:$|[\\s_:-])`, 'i');
/**
 * Words that mark boilerplate only as a whole class token ("hidden", "widget") or its first part
 * ("widget-area"): inside a compound they name a state or a CMS field that often holds the article
 * itself ("field--label-hidden", "elementor-widget-container", "overflow-hidden", "c-product-widget").
 * Measured on WCXB dev articles: as a later part these words marked more article text than boilerplate.
 */
const HEAD_ONLY_WORDS = new Set(['widget', 'rail', 'print']);
const WHOLE_ONLY_WORDS = new Set(['hidden', 'skip', 'jump']);
const WORD_RE = new RegExp(`^(?:${NEGATIVE_WORDS})$`, 'i');

/** The negative word of a class/id attribute, honouring HEAD_ONLY_WORDS and WHOLE_ONLY_WORDS. */
function negativeWordIn(hint: string): boolean {
  for (const token of hint.split(/\s+/)) {
    const parts = token.split(/[-_:]+/);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part === '' || !WORD_RE.test(part)) continue;
      const word = part.toLowerCase();
      if (WHOLE_ONLY_WORDS.has(word) ? parts.length === 1 : HEAD_ONLY_WORDS.has(word) ? i === 0 : true) return true;
    }
    // Two-part words ("author-bio", "sr-only", "read-more") match as a whole token or its head.
    if (parts.length >= 2 && WORD_RE.test(`${parts[0]}-${parts[1]}`)) return true;
  }
  return false;
}

/**
 * Author boxes and disclaimers, named as components of a class token ("dice-author-bio-text", "author-card-content",
 * "about-the-author", "affiliate-disclaimer", "advertising-disclosure"). "author" alone is not one: WordPress puts
 * "author-<name>" on the article itself.
 */
const AUTHOR_BOX_GATE = /auth|autor|contrib|discl/i;
const AUTHOR_BOX_RE =
  /(?:^|[\s_-])(?:(?:author|autor|contributor)s?[_-]+(?:bio|box|card|info|details?|description|about|profile|section|name|title|position|heading|dropdown)|about[_-]?(?:the[_-]?)?author|disclaimers?|disclosures?)(?:$|[\s_-])/i;

function isAuthorBoxOrDisclaimer(hint: string): boolean {
  return AUTHOR_BOX_GATE.test(hint) && AUTHOR_BOX_RE.test(hint);
}

/**
 * Words that rescue an element whose class also has a negative word: body wrappers
 * ("article-body share-enabled") and embedded posts (tweets quoted in the story are its text).
 */
const POSITIVE_CONTAINER = /(?:^|[\s_-])(?:(?:social-?media-?)?embed|tweet|twitter-tweet|instagram-media|article-?body|story-?body|post-?body|entry-?content|post-?content|article-?content|body-?text|main-?content|articlebody)(?:$|[\s_-])/i;
const CAPTION_GATE = /capt|credit/i;
const CAPTION_HINT = /(?:^|[\s_-])(?:caption|credit|photo-?credit|image-?credit|wp-caption-text)(?:$|[\s_-])/i;

export function parentElement(el: Element): Element | null {
  const parent = el.parent;
  return parent !== null && parent.type === 'tag' ? (parent as Element) : null;
}

export function classIdOf(el: Element): string {
  const { class: cls, id } = el.attribs;
  if (cls && id) return `${cls} ${id}`;
  return cls || id || '';
}

function isNegativeHint(hint: string): boolean {
  return hint !== '' && ((NEGATIVE_HINT.test(hint) && negativeWordIn(hint)) || isAuthorBoxOrDisclaimer(hint)) && !POSITIVE_CONTAINER.test(hint);
}

/** Caption-like class/id; the cheap substring check spares the regex on most elements. */
function isCaptionHint(hint: string): boolean {
  return CAPTION_GATE.test(hint) && CAPTION_HINT.test(hint);
}

/** What a class/id value says, whatever element carries it. */
interface HintReading {
  negative: boolean;
  button: boolean;
  caption: boolean;
  price: boolean;
  cart: boolean;
  card: boolean;
  productCard: boolean;
}

const NO_HINT: HintReading = { negative: false, button: false, caption: false, price: false, cart: false, card: false, productCard: false };

function readHint(hint: string): HintReading {
  const markup = hint.length >= 4 && MARKUP_GATE.test(hint);
  const card = markup && /card|teaser|tile/i.test(hint);
  return {
    negative: isNegativeHint(hint),
    button: markup && /btn|button/i.test(hint),
    caption: isCaptionHint(hint),
    price: markup && /price/i.test(hint),
    cart: markup && /cart|basket/i.test(hint),
    card,
    productCard: card && /product/i.test(hint),
  };
}

/** "https://schema.org/Product http://schema.org/Offer" → product, offer (a page's microdata types, counted). */
function countItemTypes(counts: Map<string, number>, itemtype: string): void {
  for (const url of itemtype.split(/\s+/)) {
    const name = url.slice(url.lastIndexOf('/') + 1).toLowerCase();
    if (name !== '') counts.set(name, (counts.get(name) ?? 0) + 1);
  }
}

/** React streaming segments (`<div hidden id="S:0">`): the server-rendered page, revealed by script on load. */
const STREAMED_SEGMENT_RE = /^S:\d+$/;

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a.hidden !== undefined) return a.id === undefined || !STREAMED_SEGMENT_RE.test(a.id);
  const style = a.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Soft hyphens and zero-width characters split words for the eye only ("casu\u00adalties"). */
const INVISIBLE_RE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/**
 * Invisible characters dropped, whitespace runs made single spaces, ends trimmed. Most texts a page gives
 * are only indentation (two thirds, measured on the 181-page benchmark) or already collapsed (a quarter):
 * one pass over their characters tells, sparing the regexes and the new strings.
 */
export function collapse(text: string): string {
  let blank = true;
  let clean = true;
  let afterSpace = true;
  for (let i = 0; i < text.length && (blank || clean); i++) {
    const code = text.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13)) {
      if (code !== 32 || afterSpace) clean = false;
      afterSpace = true;
      continue;
    }
    blank = false;
    afterSpace = false;
    if (code >= 0xa0 && mayBeSpaceOrInvisible(code)) clean = false;
  }
  if (blank) return '';
  if (clean && !afterSpace) return text;
  return text.replace(INVISIBLE_RE, '').replace(/\s+/g, ' ').trim();
}

/** Every non-ASCII character `\s` or INVISIBLE_RE matches is in these ranges (a few more are too, harmlessly). */
function mayBeSpaceOrInvisible(code: number): boolean {
  return code === 0xa0 || code === 0xad || code === 0x1680 || code === 0x180e || (code >= 0x2000 && code <= 0x2060) || code === 0x3000 || code === 0xfeff;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Below this many characters of visible text, a page is scanned again with hidden subtrees shown. */
const HIDDEN_RETRY_CHARS = 200;

/**
 * Scans the page; when hiding left almost no text (streaming renderers such as Next.js ship the
 * whole page inside `<div hidden>` and reveal it by script), scans again showing hidden subtrees.
 */
export function scanPage(root: AnyNode): PageScan {
  const { scan, hidSome } = scanOnce(root, true);
  const chars = scan.prefixText[scan.prefixText.length - 1];
  // Without a hidden subtree the second scan would be the first again (a hostile page of 2 MiB of tags: 0.3 s).
  if (chars >= HIDDEN_RETRY_CHARS || !hidSome) return scan;
  const shown = scanOnce(root, false).scan;
  return shown.prefixText[shown.prefixText.length - 1] > chars * 2 ? shown : scan;
}

function scanOnce(root: AnyNode, honourHidden: boolean): { scan: PageScan; hidSome: boolean } {
  const scan: PageScan = {
    blocks: [],
    spans: new Map(),
    prefixText: [],
    prefixLink: [],
    meta: new Map(),
    links: new Map(),
    jsonLd: [],
    titleTag: null,
    htmlLang: null,
    times: [],
    itemprops: new Map(),
    h1: [],
    tagCounts: new Map(),
    markup: { button: 0, price: 0, cart: 0, productCard: 0, card: 0 },
    itemTypes: new Map(),
  };

  // The block being assembled: raw text pieces, the chars inside links so far, its owner.
  let buf = '';
  let linkChars = 0;
  let blockLinks: BlockLink[] = [];
  let owner: Element | null = null;
  let ownerTag = '';
  let heading = 0;
  let depth = 0;
  const markedStack: Element[] = [];
  let markedSnapshot: readonly Element[] = [];
  let caption = 0;
  let figure = 0;
  let figureContent = 0;
  let inLink = 0;
  let hidSome = false;

  const flush = (): void => {
    if (buf === '' || owner === null) {
      buf = '';
      linkChars = 0;
      blockLinks = [];
      return;
    }
    const text = collapse(buf);
    if (text !== '') {
      // linkChars counted raw whitespace; clamp to the collapsed length.
      scan.blocks.push({
        text,
        raw: buf,
        linkChars: Math.min(linkChars, text.length),
        owner,
        tag: ownerTag,
        heading: heading > 0,
        boilerplate: false,
        marked: markedSnapshot,
        caption: caption > 0 || (figure > 0 && figureContent === 0),
        links: blockLinks,
        index: scan.blocks.length,
      });
    }
    buf = '';
    linkChars = 0;
    blockLinks = [];
  };

  const readHeadElement = (el: Element): void => {
    const name = el.name;
    const a = el.attribs;
    if (name === 'meta') {
      const key = a.property ?? a.name ?? a.itemprop;
      const content = a.content;
      if (key !== undefined && content !== undefined) push(scan.meta, key.toLowerCase(), content);
      if (a['http-equiv']?.toLowerCase() === 'content-language' && content) push(scan.meta, 'content-language', content);
    } else if (name === 'link') {
      if (a.rel && a.href) for (const rel of a.rel.toLowerCase().split(/\s+/)) push(scan.links, rel, a.href);
    } else if (name === 'title' && scan.titleTag === null) {
      scan.titleTag = collapse(textOf(el));
    }
  };

  // Pages repeat their class values (menu items, cards, grid cells): each is read once per scan.
  const readings = new Map<string, HintReading>();
  const readingOf = (hint: string): HintReading => {
    if (hint === '') return NO_HINT;
    let reading = readings.get(hint);
    if (reading === undefined) {
      reading = readHint(hint);
      readings.set(hint, reading);
    }
    return reading;
  };
  const counted = COUNTED.map(() => 0);

  const walk = (node: AnyNode): void => {
    const type = node.type;
    if (type === 'text') {
      if (owner !== null) {
        const data = (node as Text).data;
        buf += data;
        if (inLink > 0) linkChars += data.length;
      }
      return;
    }
    if (type === 'script') {
      const el = node as Element;
      if (el.attribs.type?.toLowerCase().includes('ld+json')) scan.jsonLd.push(textOf(el));
      return;
    }
    if (type === 'root') {
      for (const child of (node as Document).children) walk(child);
      flush();
      return;
    }
    if (type !== 'tag') return;

    const el = node as Element;
    const name = el.name;
    if (name === 'meta' || name === 'link' || name === 'title') {
      readHeadElement(el);
      return;
    }
    const kind = TAG_KINDS.get(name) ?? OTHER_TAG;
    if (kind.counted >= 0) counted[kind.counted]++;
    if (name === 'html' && el.attribs.lang) scan.htmlLang = el.attribs.lang;
    if (name === 'time' && el.attribs.datetime) scan.times.push(el.attribs.datetime);
    const itemprop = el.attribs.itemprop?.toLowerCase();
    if (itemprop !== undefined && ITEMPROPS.has(itemprop) && (scan.itemprops.get(itemprop)?.length ?? 0) < MAX_ITEMPROP_VALUES) {
      const value = el.attribs.content ?? el.attribs.datetime;
      push(scan.itemprops, itemprop, value ?? collapse(textOf(el)));
    } else if (itemprop === 'price' || itemprop === 'offers') scan.markup.price++;
    const itemtype = el.attribs.itemtype;
    if (itemtype !== undefined) countItemTypes(scan.itemTypes, itemtype);
    if (name === 'head') {
      for (const child of el.children) if (child.type === 'tag') readHeadElement(child as Element);
      for (const child of el.children) if (child.type === 'script') walk(child);
      return;
    }
    if (kind.skip) return;
    if (honourHidden && isHidden(el)) {
      hidSome = true;
      return;
    }

    const isBlock = kind.block;
    const hint = classIdOf(el);
    const reading = readingOf(hint);
    countMarkup(scan.markup, reading);
    const negative = kind.boilerplate || (name !== 'body' && name !== 'html' && reading.negative);
    const isHeading = kind.heading;
    // Themes put "caption" classes on <body> and page wrappers: only smaller elements are captions by class.
    const isCaption = name === 'figcaption' || (!kind.container && reading.caption);
    const isFigure = name === 'figure';
    const isFigureContent = figure > 0 && kind.figureContent && !EMBED_HINT.test(hint);
    const isLink = name === 'a' && el.attribs.href !== undefined;

    if (name === 'br' || name === 'hr') {
      flush();
      return;
    }

    const savedOwner = owner;
    const savedTag = ownerTag;
    if (isBlock) {
      flush();
      owner = el;
      ownerTag = name;
    }
    if (isHeading) heading++;
    if (negative) {
      markedStack.push(el);
      markedSnapshot = markedStack.slice();
    }
    if (isCaption) caption++;
    if (isFigure) figure++;
    if (isFigureContent) figureContent++;
    let linkStart = 0;
    if (isLink) {
      inLink++;
      linkStart = buf.length;
    }
    const firstBlock = scan.blocks.length;

    if (depth < MAX_DEPTH) {
      depth++;
      for (const child of el.children) walk(child);
      depth--;
    }

    if (isLink) {
      inLink--;
      // A block boundary inside the link (<a><p>…</p></a>) resets buf: no anchor text then.
      if (buf.length >= linkStart) blockLinks.push({ href: el.attribs.href, start: linkStart, end: buf.length });
    }
    if (isBlock) {
      flush();
      owner = savedOwner;
      ownerTag = savedTag;
      const lastBlock = scan.blocks.length - 1;
      scan.spans.set(el, { firstBlock, lastBlock });
      if (name === 'h1' && scan.h1.length < 3 && lastBlock >= firstBlock) scan.h1.push(scan.blocks[firstBlock].text);
    } else if (negative) {
      scan.spans.set(el, { firstBlock, lastBlock: scan.blocks.length - 1 });
    }
    if (isHeading) heading--;
    if (negative) {
      markedStack.pop();
      markedSnapshot = markedStack.slice();
    }
    if (isCaption) caption--;
    if (isFigure) figure--;
    if (isFigureContent) figureContent--;
  };

  walk(root);
  COUNTED.forEach((tag, i) => {
    if (counted[i] > 0) scan.tagCounts.set(tag, counted[i]);
  });
  resolveBoilerplate(scan);
  let text = 0;
  let link = 0;
  scan.prefixText.push(0);
  scan.prefixLink.push(0);
  for (const block of scan.blocks) {
    text += block.text.length;
    link += block.linkChars;
    scan.prefixText.push(text);
    scan.prefixLink.push(link);
  }
  return { scan, hidSome };
}

/** Prose: a block long enough and with few enough links to be article text. */
function isProse(block: TextBlock): boolean {
  return block.text.length >= 80 && block.linkChars < block.text.length * 0.3;
}

/**
 * A marked region is boilerplate unless it holds more than half of the page's prose: pages wrap
 * whole articles in elements named "paywall", "ad-margins", <form>… With `byClass` false only the
 * landmark elements (nav, aside, footer, form, menu) and unambiguous words (comments, menus,
 * footers, cookie prompts) count: the fallback when class words hid the article (page builders
 * that call every block a "widget", themes that wrap content and sidebar in a "sidebar-wrap").
 */
export function resolveBoilerplate(scan: PageScan, byClass = true): void {
  const prose: number[] = [0];
  let total = 0;
  for (const block of scan.blocks) {
    if (isProse(block)) total += block.text.length;
    prose.push(total);
  }
  const proseOf = (el: Element): number => {
    const span = scan.spans.get(el);
    return span === undefined ? 0 : prose[span.lastBlock + 1] - prose[span.firstBlock];
  };
  // Sections of one article can share the marked class ("content-nav-section" × 3): judged together when each
  // is a real share of the text (a sidebar's many small widgets are not). Comment threads never are an article.
  const byHint = new Map<string, number>();
  const seen = new Set<Element>();
  for (const block of scan.blocks) {
    for (const el of block.marked) {
      if (seen.has(el)) continue;
      seen.add(el);
      const hint = classIdOf(el);
      const chars = proseOf(el);
      if (hint !== '' && chars * 5 >= total && !COMMENT_HINT.test(hint)) byHint.set(hint, (byHint.get(hint) ?? 0) + chars);
    }
  }
  const verdict = new Map<Element, boolean>();
  for (const block of scan.blocks) {
    block.boilerplate = false;
    for (const el of block.marked) {
      if (!byClass && !BOILERPLATE_TAGS.has(el.name) && !STRONG_HINT.test(classIdOf(el))) continue;
      let boilerplate = verdict.get(el);
      if (boilerplate === undefined) {
        boilerplate = proseOf(el) * 2 <= total && (byHint.get(classIdOf(el)) ?? 0) * 2 <= total;
        verdict.set(el, boilerplate);
      }
      if (boilerplate) {
        block.boilerplate = true;
        break;
      }
    }
  }
}

/** Text and link chars of the blocks in [first, last]. */
export function spanChars(scan: PageScan, span: ElementSpan): { text: number; link: number } {
  if (span.lastBlock < span.firstBlock) return { text: 0, link: 0 };
  return {
    text: scan.prefixText[span.lastBlock + 1] - scan.prefixText[span.firstBlock],
    link: scan.prefixLink[span.lastBlock + 1] - scan.prefixLink[span.firstBlock],
  };
}

export function linkText(block: TextBlock, link: BlockLink): string {
  return collapse(block.raw.slice(link.start, link.end));
}

/** Concatenated text of a subtree (for <title>, JSON-LD scripts, itemprop values); iterative for deep trees. */
function textOf(node: AnyNode): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'text') out += current.data;
    else if (current !== node && (current.type === 'script' || current.type === 'style')) continue; // code inside itemprop bodies
    else if ('children' in current) for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]);
  }
  return out;
}
