import type { Element } from 'domhandler';
import type { PageMetadata } from '../metadata/page-metadata.js';
import { countWords } from '../text/word-chars.js';
import type { PageScan, TextBlock } from './scan-page.js';

/**
 * Page-type features: what tells an article from a listing, a product, a service or a forum page
 * without reading it (link density, text/markup ratio, forms, repeated list items, JSON-LD @type and
 * microdata itemtype, og:type, URL words, calls to action, pagination, links to stories and products,
 * runs of sibling cards). Every value is a number; the page-type model
 * (page-type-model.ts) weighs them. The names are the model file's contract: renaming or
 * re-defining one needs a retrain (`npm run train:page-type`).
 */

export interface PageFeatureInput {
  scan: PageScan;
  /** The selected body: its blocks, or the declared text when the DOM lacked it. */
  body: readonly TextBlock[] | string;
  text: string;
  meta: PageMetadata;
  url: string | null;
  html: string;
  /** Letter-or-digit runs in `text`, when the caller has counted them already. */
  words?: number;
}

const log1p = Math.log1p;
const ratio = (n: number, d: number): number => (d <= 0 ? 0 : n / d);

const ARTICLE_TYPES_RE = /article|blogposting|posting|report/;
const PRODUCT_TYPES = new Set(['product', 'productgroup', 'individualproduct', 'productmodel', 'offer', 'aggregateoffer']);
const LISTING_TYPES = new Set(['itemlist', 'collectionpage', 'searchresultspage', 'offercatalog']);
const FORUM_TYPES = new Set(['discussionforumposting', 'qapage', 'question', 'answer', 'comment']);
const SERVICE_TYPES = new Set(['service', 'localbusiness', 'professionalservice', 'softwareapplication', 'webapplication', 'course', 'educationalorganization', 'collegeoruniversity', 'event', 'faqpage', 'howto', 'offer', 'financialproduct', 'insuranceagency', 'medicalbusiness', 'homeandconstructionbusiness']);

/** A path dated by year and month ("/2024/05/"). */
const DATED_PATH_RE = /\/(?:19|20)\d{2}\/\d{1,2}\//;
const URL_ARTICLE_RE = /\/(?:news|blog|blogs|article|articles|story|stories|post|posts|p|opinion|insights?|reviews?|guides?|research|report|press-releases?|press|magazine|features?)(?:\/|$)/i;
const URL_PRODUCT_RE = /\/(?:products?|shop|store|item|dp|buy|p\/\d)(?:\/|$)|\.html?\?.*(?:sku|variant)=/i;
const URL_LISTING_RE = /\/(?:category|categories|collections?|tags?|topics?|archive|archives|search|list|lists|directory|catalog|catalogue|browse|issues|shows)(?:\/|$)|[?&](?:page|q|s|query|category)=/i;
const URL_SERVICE_RE = /\/(?:services?|solutions?|pricing|plans?|programs?|courses?|certificates?|certifications?|training|products-and-services|about|contact|careers|features|platform|locations?|departments?|admissions|tuition|coupons|offers|deals)(?:\/|$|[-.])/i;
const URL_FORUM_RE = /\/(?:forums?|threads?|t|topic|questions|discussions?|community|r)(?:\/|$)|viewtopic|showthread/i;
const URL_DOCS_RE = /\/(?:docs?|documentation|manual|reference|api|guide|wiki|kb|help|support|learn)(?:\/|$)/i;

/** Calls to action of marketing and service pages. */
const CTA_RE = /\b(?:contact us|get (?:a |your )?(?:free )?(?:quote|started|estimate|demo)|request (?:a )?(?:demo|quote|consultation|information)|book (?:a |now|your)|schedule (?:a |your )|call (?:us|now|today)|free (?:consultation|estimate|trial)|sign up|apply now|enroll|register now|learn more|our (?:services|team|clients|experts)|why choose|start (?:your )?free|talk to (?:an? )?(?:expert|sales))\b/gi;
const CART_RE = /add[\s-]+to[\s-]+(?:cart|bag|basket|trolley)|in den warenkorb|ajouter au panier|añadir al carrito|buy now|in stock|out of stock|sold out/gi;
const PRICE_RE = /(?:[$€£¥₹]\s?\d[\d,.]*|\b\d[\d,.]*\s?(?:€|EUR|USD|GBP)\b)/g;
const FORUM_RE = /\b(?:repl(?:y|ies)|joined|posts?:|quote|thread|reputation|upvotes?|likes?|members?|solved|accepted answer)\b/gi;
const FIRST_PLURAL_RE = /\b(?:we|our|us|we're|we've)\b/gi;
const SECOND_PERSON_RE = /\b(?:you|your|you're)\b/gi;
const TEL_MAIL_RE = /^(?:tel|mailto):/i;
/** TEL_MAIL_RE behind a test of the first letter: pages have hundreds of links, few of them tel: or mailto:. */
function isTelOrMail(href: string): boolean {
  const first = href.charCodeAt(0) | 32;
  return (first === 116 || first === 109) && TEL_MAIL_RE.test(href);
}
/** What article pages say around their text: reading time, bylines, sharing, related stories. */
const ARTICLE_WORDS_RE = /\b(?:min(?:ute)?s? read|read time|published|posted (?:on|by|in)|written by|updated on|share (?:this|on)|related (?:posts|articles|stories)|comments?|leave a (?:reply|comment)|editor'?s? note|table of contents)\b/gi;
const TESTIMONIAL_RE = /\b(?:testimonials?|what our (?:clients|customers|students) say|trusted by|our clients|case stud(?:y|ies)|years of experience|award[- ]winning|satisfaction guaranteed|licensed (?:and|&) insured|faqs?|frequently asked questions)\b/gi;
const PHONE_RE = /(?:\+?\d{1,2}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g;
const DATE_WORD_RE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b|\b\d{4}-\d{2}-\d{2}\b/gi;

/** Words in collapsed text (single spaces). */
function wordsIn(text: string): number {
  let n = 1;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) n++;
  return n;
}

function count(text: string, re: RegExp, cap = 1000): number {
  let n = 0;
  re.lastIndex = 0;
  while (re.exec(text) !== null && n < cap) n++;
  re.lastIndex = 0;
  return n;
}

const SENTENCE_END_RE = /[.!?…]["'”’»)]?$/;

/** The feature names, in the model's order. */
export const PAGE_FEATURES = [
  'bias_page_chars', 'page_link_density', 'boilerplate_share', 'body_words', 'body_share', 'body_link_density',
  'body_paragraphs', 'body_sentence_share', 'body_mean_block', 'body_headings', 'body_list_share',
  'teasers', 'teaser_share', 'short_block_share', 'link_blocks_share', 'blocks',
  'text_markup_ratio', 'forms', 'inputs', 'buttons', 'images', 'list_items', 'tables', 'articles_tags', 'times_tags', 'iframes', 'h2s',
  'ld_article', 'ld_product', 'ld_listing', 'ld_forum', 'ld_service', 'ld_breadcrumb', 'ld_person', 'og_article', 'og_product', 'og_website',
  'has_author', 'has_date', 'has_modified', 'url_date', 'date_words',
  'url_depth', 'url_slug_words', 'url_article', 'url_product', 'url_listing', 'url_service', 'url_forum', 'url_docs', 'url_root', 'url_query',
  'cta', 'cart', 'prices', 'forum_words', 'article_words', 'testimonials', 'phones', 'tel_links', 'h3s', 'headings_per_paragraph', 'first_plural', 'second_person', 'h1_words', 'title_words', 'digits_share',
  'headline_links', 'headline_link_ratio', 'markup_price', 'markup_cart', 'markup_product_card', 'markup_card', 'og_price',
  'md_article', 'md_product', 'md_listing', 'md_forum', 'pagination', 'story_links', 'product_links', 'body_long_share', 'card_group', 'card_share',
  'sections', 'svgs', 'markup_button', 'links_per_paragraph', 'navs', 'videos',
] as const;

export type PageFeatureName = (typeof PAGE_FEATURES)[number];

export function pageFeatures({ scan, body, text, meta, url, html, words: counted }: PageFeatureInput): Record<PageFeatureName, number> {
  const pageChars = scan.prefixText[scan.prefixText.length - 1];
  const pageLinks = scan.prefixLink[scan.prefixLink.length - 1];
  const blocks = scan.blocks;
  let boilerplateChars = 0;
  let teasers = 0;
  let headings = 0;
  let shortBlocks = 0;
  let linkBlocks = 0;
  let pageText = '';
  let telLinks = 0;
  // Headline-sized links outside boilerplate: the teasers of an index, headings or not.
  let headlineLinks = 0;
  for (const block of blocks) {
    for (const link of block.links) if (isTelOrMail(link.href)) telLinks++;
    if (block.boilerplate) boilerplateChars += block.text.length;
    if (block.heading) {
      headings++;
      if (!block.boilerplate && block.linkChars > block.text.length * 0.6) teasers++;
    }
    if (block.text.length < 40) shortBlocks++;
    if (block.linkChars > block.text.length * 0.6) {
      linkBlocks++;
      if (!block.boilerplate && block.text.length >= 20) {
        const n = wordsIn(block.text);
        if (n >= 4 && n <= 25) headlineLinks++;
      }
    }
    if (!block.boilerplate && pageText.length < 20_000) pageText += `${block.text}\n`;
  }
  const bodyBlocks = typeof body === 'string' ? [] : body;
  const words = counted ?? countWords(text);
  let bodyLinks = 0;
  let sentences = 0;
  let bodyHeadings = 0;
  let listBlocks = 0;
  for (const block of bodyBlocks) {
    bodyLinks += block.linkChars;
    if (SENTENCE_END_RE.test(block.text) && block.text.length >= 60) sentences++;
    if (block.heading) bodyHeadings++;
    if (block.tag === 'li') listBlocks++;
  }
  const paragraphs = typeof body === 'string' ? text.split('\n\n').filter((p) => p.length >= 100).length : bodyBlocks.filter((b) => b.text.length >= 100 && b.linkChars <= b.text.length * 0.3).length;
  const types = new Set(meta.declaredTypes);
  const hasType = (set: ReadonlySet<string>): number => ([...types].some((t) => set.has(t)) ? 1 : 0);
  const ogType = (scan.meta.get('og:type')?.[0] ?? '').toLowerCase();
  const tag = (name: string): number => log1p(scan.tagCounts.get(name) ?? 0);

  let path = '';
  let query = '';
  try {
    if (url !== null) {
      const parsed = new URL(url);
      path = decodeURIComponent(parsed.pathname).toLowerCase();
      query = parsed.search;
    }
  } catch {
    path = '';
  }
  const segments = path.split('/').filter((s) => s !== '');
  const slug = segments[segments.length - 1] ?? '';
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const sampleWords = Math.max(1, sample === text ? words : countWords(sample));
  const h1 = scan.h1[0] ?? '';
  const title = scan.titleTag ?? '';
  const markup = scan.markup;
  const itemCount = (set: ReadonlySet<string>): number => {
    let n = 0;
    for (const [name, k] of scan.itemTypes) if (set.has(name)) n += k;
    return n;
  };
  const links = linkShapes(scan);
  const cards = siblingCards(scan);
  let bodyChars = 0;
  let longChars = 0;
  for (const block of bodyBlocks) {
    bodyChars += block.text.length;
    if (block.text.length >= 250) longChars += block.text.length;
  }

  return {
    bias_page_chars: log1p(pageChars),
    page_link_density: ratio(pageLinks, pageChars),
    boilerplate_share: ratio(boilerplateChars, pageChars),
    body_words: log1p(words),
    body_share: ratio(text.length, pageChars),
    body_link_density: ratio(bodyLinks, text.length),
    body_paragraphs: log1p(paragraphs),
    body_sentence_share: ratio(sentences, bodyBlocks.length),
    body_mean_block: log1p(ratio(text.length, Math.max(1, bodyBlocks.length))),
    body_headings: log1p(bodyHeadings),
    body_list_share: ratio(listBlocks, bodyBlocks.length),
    teasers: log1p(teasers),
    teaser_share: ratio(teasers, headings),
    short_block_share: ratio(shortBlocks, blocks.length),
    link_blocks_share: ratio(linkBlocks, blocks.length),
    blocks: log1p(blocks.length),
    text_markup_ratio: ratio(pageChars, html.length),
    forms: tag('form'),
    inputs: tag('input') + tag('select') + tag('textarea'),
    buttons: tag('button'),
    images: tag('img'),
    list_items: tag('li'),
    tables: tag('table'),
    articles_tags: tag('article'),
    times_tags: tag('time'),
    iframes: tag('iframe'),
    h2s: tag('h2'),
    ld_article: [...types].some((t) => ARTICLE_TYPES_RE.test(t)) ? 1 : 0,
    ld_product: hasType(PRODUCT_TYPES),
    ld_listing: hasType(LISTING_TYPES),
    ld_forum: hasType(FORUM_TYPES),
    ld_service: hasType(SERVICE_TYPES),
    ld_breadcrumb: types.has('breadcrumblist') ? 1 : 0,
    ld_person: types.has('person') ? 1 : 0,
    og_article: ogType.includes('article') ? 1 : 0,
    og_product: ogType.includes('product') ? 1 : 0,
    og_website: ogType === 'website' ? 1 : 0,
    has_author: meta.authors.length > 0 && !meta.siteCredit ? 1 : 0,
    has_date: meta.publishedAt !== null && !meta.webPageDate ? 1 : 0,
    has_modified: meta.modifiedAt !== null ? 1 : 0,
    url_date: DATED_PATH_RE.test(path) ? 1 : 0,
    date_words: log1p(count(pageText, DATE_WORD_RE, 50)),
    url_depth: segments.length,
    url_slug_words: slug.split(/[-_]+/).filter((w) => /\p{L}/u.test(w)).length,
    url_article: URL_ARTICLE_RE.test(path) ? 1 : 0,
    url_product: URL_PRODUCT_RE.test(path + query) ? 1 : 0,
    url_listing: URL_LISTING_RE.test(path + query) ? 1 : 0,
    url_service: URL_SERVICE_RE.test(path) ? 1 : 0,
    url_forum: URL_FORUM_RE.test(path) ? 1 : 0,
    url_docs: URL_DOCS_RE.test(path) ? 1 : 0,
    url_root: segments.length === 0 ? 1 : 0,
    url_query: query.length > 1 ? 1 : 0,
    cta: log1p(count(pageText, CTA_RE, 50)),
    cart: log1p(count(pageText, CART_RE, 50)),
    prices: log1p(count(pageText, PRICE_RE, 50)),
    forum_words: log1p(count(pageText, FORUM_RE, 100)),
    article_words: log1p(count(pageText, ARTICLE_WORDS_RE, 50)),
    testimonials: log1p(count(pageText, TESTIMONIAL_RE, 50)),
    phones: log1p(count(pageText, PHONE_RE, 50)),
    tel_links: log1p(telLinks),
    h3s: tag('h3'),
    headings_per_paragraph: ratio(headings, Math.max(1, paragraphs)),
    first_plural: ratio(count(sample, FIRST_PLURAL_RE, 5000), sampleWords) * 100,
    second_person: ratio(count(sample, SECOND_PERSON_RE, 5000), sampleWords) * 100,
    h1_words: log1p(countWords(h1)),
    title_words: log1p(countWords(title)),
    digits_share: ratio(count(sample, /\d+/g, 5000), sampleWords),
    headline_links: log1p(headlineLinks),
    headline_link_ratio: ratio(headlineLinks, paragraphs + 1),
    markup_price: log1p(markup.price),
    markup_cart: log1p(markup.cart),
    markup_product_card: log1p(markup.productCard),
    markup_card: log1p(markup.card),
    og_price: scan.meta.has('product:price:amount') || scan.meta.has('og:price:amount') ? 1 : 0,
    md_article: [...scan.itemTypes.keys()].some((t) => ARTICLE_TYPES_RE.test(t)) ? 1 : 0,
    md_product: log1p(itemCount(PRODUCT_TYPES)),
    md_listing: itemCount(LISTING_TYPES) > 0 ? 1 : 0,
    md_forum: log1p(itemCount(FORUM_TYPES)),
    pagination: links.pagination ? 1 : 0,
    story_links: log1p(links.stories),
    product_links: log1p(links.products),
    body_long_share: ratio(longChars, bodyChars),
    card_group: log1p(cards.largest),
    card_share: ratio(cards.chars, pageChars),
    sections: tag('section'),
    svgs: tag('svg'),
    markup_button: log1p(markup.button),
    links_per_paragraph: log1p(ratio(scan.tagCounts.get('a') ?? 0, (scan.tagCounts.get('p') ?? 0) + 1)),
    navs: tag('nav'),
    videos: tag('video'),
  };
}

const PAGE_NUMBER_RE = /^\s*(?:\d{1,3}|next|older|newer|previous|prev|[»›>]+|next page|load more|show more)\s*$/i;

/** A story's address: a dated path, or a last path segment of four words or more ("/why-the-river-rose"). */
function isStoryHref(href: string): boolean {
  if (DATED_PATH_RE.test(href)) return true;
  let end = href.search(/[?#]/);
  if (end < 0) end = href.length;
  if (href.charCodeAt(end - 1) === 47) end--;
  const slug = href.slice(href.lastIndexOf('/', end - 1) + 1, end);
  let separators = 0;
  for (let i = 1; i < slug.length - 1; i++) {
    const c = slug.charCodeAt(i);
    if ((c === 45 || c === 95) && slug.charCodeAt(i - 1) !== c) separators++;
  }
  return separators >= 3;
}
const PRODUCT_HREF_RE = /\/(?:products?|item|dp|p)\/[^/?#]/i;

/**
 * What the page's links point at: pages of a paged index ("1 2 3 Next", rel=next), stories (a dated path or a slug of
 * four words or more) from outside the boilerplate, products. Distinct targets, counted up to 200.
 */
function linkShapes(scan: PageScan): { pagination: boolean; stories: number; products: number } {
  let pageLinks = 0;
  const stories = new Set<string>();
  const products = new Set<string>();
  for (const block of scan.blocks) {
    for (const link of block.links) {
      if (link.end - link.start <= 16 && PAGE_NUMBER_RE.test(block.raw.slice(link.start, link.end))) pageLinks++;
      const href = link.href;
      if (href.length < 8 || stories.size >= 200 || products.size >= 200) continue;
      if (PRODUCT_HREF_RE.test(href)) products.add(href);
      else if (!block.boilerplate && block.linkChars > block.text.length * 0.6 && isStoryHref(href)) stories.add(href);
    }
  }
  return { pagination: scan.links.has('next') || scan.links.has('prev') || pageLinks >= 3, stories: stories.size, products: products.size };
}

/**
 * Repeated sibling cards: the largest run of siblings of one tag and class that each hold a short, link-led piece of
 * text outside the boilerplate (a product grid's tiles, an index's teasers), and the share of the page's text in it.
 */
function siblingCards(scan: PageScan): { largest: number; chars: number } {
  const groups = new Map<Element, Map<string, { n: number; chars: number }>>();
  let largest = 0;
  let chars = 0;
  for (const [el, span] of scan.spans) {
    if (span.lastBlock < span.firstBlock || scan.blocks[span.firstBlock].boilerplate) continue;
    const text = scan.prefixText[span.lastBlock + 1] - scan.prefixText[span.firstBlock];
    const link = scan.prefixLink[span.lastBlock + 1] - scan.prefixLink[span.firstBlock];
    if (text < 15 || text > 600 || link < text * 0.2) continue;
    const parent = el.parent;
    if (parent === null || parent.type !== 'tag') continue;
    let byKind = groups.get(parent as Element);
    if (byKind === undefined) {
      byKind = new Map();
      groups.set(parent as Element, byKind);
    }
    const key = `${el.name} ${el.attribs.class ?? ''}`;
    const group = byKind.get(key) ?? { n: 0, chars: 0 };
    group.n++;
    group.chars += text;
    byKind.set(key, group);
    if (group.n > largest) {
      largest = group.n;
      chars = group.chars;
    }
  }
  return { largest, chars };
}
