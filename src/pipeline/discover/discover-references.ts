import type { AnyNode } from 'domhandler';
import type { Reference } from '../../record/record.js';
import { tryCanonicalizeUrl } from './canonicalize-url.js';
import { findUrlsInText, type UrlHit } from './find-urls-in-text.js';
import { parseHtml } from '../parse/parse-html.js';

export interface DiscoverOptions {
  /**
   * The page's own address: resolves relative links (Markdown, HTML) and is never returned as a
   * reference. Default: none (relative links are skipped).
   */
  baseUrl?: string;
  /** `text/html` parses the content as HTML, any other type as plain text or Markdown. Default: sniffed. */
  contentType?: string;
}

export interface DiscoveredReferences {
  /** The article's own URL as the content states it (`Original url:` line, `<link rel=canonical>`), canonicalized. */
  url?: string;
  /** Every other http(s) URL the content references, canonicalized, de-duplicated, in order of first appearance. */
  references: Reference[];
}

// A line that names the article's own address; the URL follows on the same or the next line.
const OWN_URL_LABEL = /^[ \t>*_#-]*(?:original[ \t]+(?:url|link)|source(?:[ \t]+url)?|canonical(?:[ \t]+url)?)[ \t]*[*_]*:[*_]*/gim;
// "Related article: <Title>": the title of a link given later as a bare URL.
const RELATED_TITLE = /^[ \t>*_#-]*(?:related(?:[ \t]+(?:article|story|reading))?|read[ \t]+(?:more|also)|see[ \t]+also)[ \t]*:[ \t]*(\S[^\n]*)$/gim;
// Blanks allowed between a label and its URL (the next line may be indented).
// Links after a "Related article:" title that may be the one it names (a list of titles, then their links).
const RELATED_REACH = 50;
const MAX_LABEL_GAP = 200;
const LOOKS_LIKE_URL = /^(?:https?:\/\/|www\.)/i;
// Words a slug usually leaves out of a headline.
const SLUG_STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'is', 'are', 'by', 'with', 'from', 'as']);
// HTML when the content starts with markup, or closes an element that Markdown would not write.
const HTML_SNIFF =
  /^\s*<(?:!--|!doctype[\s>]|[a-z][a-z0-9-]*[\s/>])|<\/(?:html|head|body|p|div|a|span|li|article|section|h[1-6]|td)\s*>/i;
// Invisible content, and page chrome (menus, footers, sidebars, forms) whose links the article does not reference.
const SKIPPED_ELEMENTS = new Set([
  'title', 'noscript', 'template', 'svg', 'math', 'iframe', 'object',
  'nav', 'header', 'footer', 'aside', 'form', 'button', 'select',
]);
// "Share this" buttons: they point at the article itself through a social network's submit form.
const SHARE_ENDPOINT =
  /^https?:\/\/(?:www\.|m\.)?(?:(?:twitter|x)\.com\/(?:intent\/|share(?:$|[/?]))|facebook\.com\/(?:sharer|dialog\/share)|linkedin\.com\/(?:shareArticle|sharing\/)|t\.me\/share\/|telegram\.me\/share\/|vk\.com\/share\.php|reddit\.com\/submit|pinterest\.com\/pin\/create|api\.whatsapp\.com\/send|wa\.me\/\?|news\.ycombinator\.com\/submitlink)/i;
// Elements rendered on lines of their own, so that a label line and its URL stay apart from other text.
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'td', 'th', 'tr', 'ul',
]);

/** True when the content is markup rather than plain text or Markdown. */
export function looksLikeHtml(content: string): boolean {
  return HTML_SNIFF.test(content);
}

/**
 * Every URL an article references, and its own URL when the content names it. Input is plain text,
 * Markdown or HTML. Pure and total: odd input yields fewer references, never an exception.
 */
export function discoverReferences(content: string, options: DiscoverOptions = {}): DiscoveredReferences {
  const html = options.contentType === undefined ? looksLikeHtml(content) : /html/i.test(options.contentType);
  // An unusable base must not void the absolute links too (new URL throws on a bad base).
  const pageUrl = options.baseUrl === undefined ? undefined : resolve(options.baseUrl);
  const page: HtmlPage = html ? readHtml(content, pageUrl) : { text: content, anchors: [], base: pageUrl };
  const hits = findUrlsInText(page.text, { anchors: page.anchors, joinWrappedLines: !html });

  // Each distinct link is parsed once: a page repeating a few links thousands of times costs no more than one listing them.
  const seen = new Map<string, string | undefined>();
  const resolveOnce = (raw: string) => (seen.has(raw) ? seen.get(raw) : seen.set(raw, resolve(raw, page.base)).get(raw));
  const resolved = hits.map((hit) => ({ ...hit, url: resolveOnce(hit.raw) }));
  // A page's own <link rel=canonical> outranks a "Source:" label, which in HTML usually credits another site.
  const declaredUrl = page.declaredUrl === undefined ? undefined : resolve(page.declaredUrl, page.base);
  const ownUrl = declaredUrl ?? findOwnUrl(page.text, resolved);
  const excluded = new Set([ownUrl, pageUrl]);

  const byUrl = new Map<string, Reference>();
  for (const hit of resolved) {
    if (hit.url === undefined || excluded.has(hit.url) || SHARE_ENDPOINT.test(hit.url)) continue;
    const reference = byUrl.get(hit.url) ?? { url: hit.url };
    const text = hit.text === undefined ? undefined : cleanLinkText(hit.text);
    if (reference.text === undefined && text !== undefined) reference.text = text;
    byUrl.set(hit.url, reference);
  }
  nameLinksByRelatedTitles(page.text, resolved, byUrl);
  return { ...(ownUrl === undefined ? {} : { url: ownUrl }), references: [...byUrl.values()] };
}

/** Canonical form of a link, or undefined when it is not a fetchable http(s) URL. */
function resolve(raw: string, base?: string): string | undefined {
  return raw.startsWith('#') ? undefined : tryCanonicalizeUrl(raw, base); // '#…' jumps within the page itself
}

type ResolvedHit = UrlHit & { url: string | undefined };

/** The first valid URL that directly follows an own-URL label (same line or the next). */
function findOwnUrl(text: string, hits: ResolvedHit[]): string | undefined {
  let next = 0;
  for (const label of text.matchAll(OWN_URL_LABEL)) {
    const labelEnd = label.index + label[0].length;
    while (next < hits.length && hits[next].start < labelEnd) next++;
    const hit = hits[next];
    if (hit?.url === undefined) continue;
    const gap = text.slice(labelEnd, Math.min(hit.start, labelEnd + MAX_LABEL_GAP + 1));
    if (gap.length <= MAX_LABEL_GAP && /^\s*$/.test(gap) && gap.split('\n').length <= 2) return hit.url;
  }
  return undefined;
}

/**
 * "Related article: Title" names the first of the next RELATED_REACH links whose slug holds every word
 * of the title. The reach keeps it linear: each title looked at every later link, so a text of titles
 * and links took time quadratic in its length (2.3 s at 256 KiB, ×5 per doubling).
 */
function nameLinksByRelatedTitles(text: string, hits: ResolvedHit[], byUrl: Map<string, Reference>): void {
  const slugWords = new Map<string, Set<string>>();
  const slugOf = (url: string) => slugWords.get(url) ?? slugWords.set(url, new Set(words(decodedPath(url)))).get(url)!;
  let next = 0;
  for (const related of text.matchAll(RELATED_TITLE)) {
    while (next < hits.length && hits[next].start <= related.index) next++;
    const title = related[1].trim();
    if (LOOKS_LIKE_URL.test(title)) continue;
    const titleWords = words(title).filter((word) => !SLUG_STOP_WORDS.has(word));
    if (titleWords.length === 0) continue;
    for (const hit of hits.slice(next, next + RELATED_REACH)) {
      const reference = hit.url === undefined ? undefined : byUrl.get(hit.url);
      if (reference === undefined || reference.text !== undefined) continue;
      const slug = slugOf(reference.url);
      if (titleWords.every((word) => slug.has(word))) {
        reference.text = title;
        break;
      }
    }
  }
}

function decodedPath(url: string): string {
  const path = new URL(url).pathname;
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // a stray escape: the ASCII words still compare
  }
}

/** Lower-case letter/digit runs, accents and apostrophes dropped as slugs drop them ("Russia’s" → "russias"). */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** Link text as a reader sees it; none when it names nothing (a footnote number, an arrow) or repeats a URL. */
function cleanLinkText(raw: string): string | undefined {
  const text = trimMarkup(raw.replace(/\s+/g, ' '));
  return /\p{L}/u.test(text) && !LOOKS_LIKE_URL.test(text) ? text : undefined;
}

// Hand-written rather than a regex: `[*_\s]+$` backtracks quadratically on long runs of spaces.
function trimMarkup(text: string): string {
  const isMarkup = (char: string) => char === ' ' || char === '*' || char === '_' || char === '`';
  let start = 0;
  let end = text.length;
  while (start < end && isMarkup(text[start])) start++;
  while (end > start && isMarkup(text[end - 1])) end--;
  return text.slice(start, end);
}

interface HtmlPage {
  /** Visible text, block elements on their own lines, so that labels and bare URLs can be found in it. */
  text: string;
  anchors: UrlHit[];
  /** Base for relative links: `<base href>` resolved against the page URL. */
  base: string | undefined;
  /** `<link rel=canonical>` or `og:url`. */
  declaredUrl?: string;
}

/**
 * White space that is not one plain space: a run of two or more, or one tab, line break or other space. Replaced
 * by a space it gives what /\s+/g would, but leaves single spaces alone, so a text node is not rebuilt from a
 * piece per word (a 2 MiB node allocated 38 MB that way).
 */
const UNTIDY_SPACE_RE = /\s{2,}|[^\S ]/g;

// htmlparser2 (as cheerio/slim), ~7x faster than parse5 on news pages, with the nesting cap of parseHtml.
function readHtml(html: string, pageUrl: string | undefined): HtmlPage {
  // Appended to in parts, read once at the end: slicing a string while it grows flattens it each time (quadratic).
  const parts: string[] = [];
  let length = 0;
  const append = (part: string) => {
    parts.push(part);
    length += part.length;
  };
  const anchors: UrlHit[] = [];
  let baseHref: string | undefined;
  let declaredUrl: string | undefined;
  // One walk in document order, with an explicit stack: hostile pages nest deeper than the call stack allows.
  const stack: Array<AnyNode | (() => void)> = [...parseHtml(html).children].reverse();
  while (stack.length > 0) {
    const item = stack.pop() as AnyNode | (() => void);
    if (typeof item === 'function') {
      item();
      continue;
    }
    if (item.type === 'text') {
      append(item.data.replace(UNTIDY_SPACE_RE, ' '));
      continue;
    }
    if (item.type !== 'tag' || SKIPPED_ELEMENTS.has(item.name)) continue; // comments, script, style
    const attributes = item.attribs;
    switch (item.name) {
      case 'br':
        append('\n');
        continue;
      case 'base':
        baseHref ??= attributes.href;
        continue;
      case 'link':
        if (/(?:^|\s)canonical(?:\s|$)/i.test(attributes.rel ?? '')) declaredUrl ??= attributes.href;
        continue;
      case 'meta':
        if (attributes.property?.toLowerCase() === 'og:url') declaredUrl ??= attributes.content;
        continue;
    }
    if (item.name === 'a' && attributes.href !== undefined) {
      const anchor: UrlHit = { start: length, end: length, raw: attributes.href.trim() };
      anchors.push(anchor);
      stack.push(() => {
        anchor.end = length;
      });
    } else if (BLOCK_ELEMENTS.has(item.name)) {
      append('\n');
      stack.push(() => append('\n'));
    }
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]);
  }
  const text = parts.join('');
  for (const anchor of anchors) anchor.text = text.slice(anchor.start, anchor.end);
  const base = (baseHref === undefined ? undefined : resolve(baseHref, pageUrl)) ?? pageUrl;
  return { text, anchors, base, ...(declaredUrl === undefined ? {} : { declaredUrl }) };
}
