import type { Element } from 'domhandler';
import { classIdOf, linkText, parentElement, type PageScan, type TextBlock } from '../generic/scan-page.js';
import { cleanAuthors } from './authors.js';

/**
 * Visible bylines: the author as the page shows it to readers, for the many pages whose structured
 * data names nobody (or a login handle). Candidates are short blocks that read "By …", "Written by
 * …", "Author: …", or that sit in an element whose class, id, itemprop or rel names an author or
 * byline, or that link a name to the site's page of that author ("/author/jane-doe", "?author=…").
 * Comment sections and site credits are skipped (commenters and theme makers are not authors). The
 * bottom of the page, where author boxes of other stories and comment threads live, is read only when
 * the top named nobody, by labels, "By" lines and author links, and only when it names one person.
 */

const BYLINE_RE = /^(?:(?:written|posted|published|reviewed|words|reporting|text|story)\s+by|by|author|authors|contributors?|von|par|por|автор)\b\s*:?\s*(.+)$/iu;
/** "By" and the name in adjacent inline elements, no space between ("<span>By</span><span>Daryl Austin</span>"). */
const GLUED_BY_RE = /^(?:Written by|Posted by|By)(\p{Lu}\p{Ll}+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})/u;
/** "Published August 7, 2023 by Nicole Burke": a dateline that ends with the byline. */
const TRAILING_BY_RE = /(?:\d{4}|published|posted|updated)\b.*?\s[Bb]y:?\s+(\p{Lu}.*)$/u;
/** A byline label without the name: "Written by", "Posted by:", "Author". */
const LABEL_RE = /^(?:(?:written|posted|published|authored|reviewed|reported)\s+by|by|authors?|contributors?|writer)\s*:?$/i;
/**
 * A block an author box holds is a name when its cleaned form has two to five capitalized words
 * (particles such as "van der" allowed): labels ("Industry", "Learn More", "Research") are not.
 */
function looksLikeName(text: string): boolean {
  const name = cleanAuthors([text])[0];
  return name !== undefined && /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:van|von|der|den|de|da|del|di|du|la|le|bin|al)\s+)*(?:\p{Lu}[\p{L}'’.-]*|\(\p{Lu}[\p{L}'’.-]*\))){1,4}$/u.test(name);
}
/** Site credits ("© 2026 …", "WordPress theme by …", "Powered by …") name no author. */
const CREDIT_RE = /©|\bcopyright\b|\b(?:theme|powered|designed|developed|hosted|built)\s+by\b/i;
const AUTHOR_HINT_RE = /author|byline|writer|(?:^|[\s_-])by(?:$|[\s_-])/i;
/** A link to an author's page: CMS author archives, profile and contributor pages. */
const AUTHOR_URL_RE = /\/(?:author|authors|blog-authors|writers?|contributors?|(?:user-?)?profiles?|people|team)\/[^/?#]+\/?(?:[?#]|$)|[?&]author=/i;
/** Blocks longer than this hold no author link worth reading (a paragraph that links a profile). */
const MAX_LINK_BLOCK_CHARS = 200;
const COMMENT_RE = /comment|disqus|repl(?:y|ies)|discussion/i;
/** Levels above a block's owner searched for an author hint. */
const HINT_LEVELS = 3;
const MAX_CHARS = 120;
const MAX_CANDIDATES = 4;
/** Author boxes set the name as a minor heading ("<h4 class=author-box__name>"). */
const MINOR_HEADING_RE = /^h[3-6]$/;

function hasAuthorHint(el: Element): boolean {
  const a = el.attribs;
  return AUTHOR_HINT_RE.test(classIdOf(el)) || /author/i.test(a.itemprop ?? '') || /author/i.test(a.rel ?? '');
}

/** Inside a comment section (commenters' names and dates are not the article's). */
export function inComments(block: TextBlock): boolean {
  return block.marked.some((el) => COMMENT_RE.test(classIdOf(el)));
}

/** The name a block links to an author page: the anchor text, or the whole short block ("<a>Jane</a> Doe"). */
function authorLink(block: TextBlock): string | null {
  for (const link of block.links) {
    if (!AUTHOR_URL_RE.test(link.href)) continue;
    const name = linkText(block, link);
    if (name.length <= 60 && looksLikeName(name)) return name;
    if (block.text.length <= 60 && looksLikeName(block.text)) return block.text;
  }
  return null;
}

/** An author box's biography or description ("Former McKinsey Consultant") is not the name. */
const BIO_RE = /bio|description|about/i;
function hintedOwner(block: TextBlock): boolean {
  let el: Element | null = block.owner;
  for (let level = 0; el !== null && level <= HINT_LEVELS; level++, el = parentElement(el)) if (hasAuthorHint(el)) return !inBiography(block.owner, el);
  return false;
}

/** Whether an element from `from` up to the hinted `to` is a biography (checked only once a hint is found). */
function inBiography(from: Element, to: Element): boolean {
  for (let el: Element | null = from; el !== null; el = el === to ? null : parentElement(el)) if (BIO_RE.test(classIdOf(el))) return true;
  return false;
}

/** Menus list "By Industry", "Shop By Brand": a "By" there names no author. */
const MENU_RE = /(?:^|\s)(?:nav|navbar|menu|dropdown|submenu)(?:$|[\s_-])/i;
function inMenu(block: TextBlock): boolean {
  let level = 0;
  for (let el: Element | null = block.owner; el !== null; el = parentElement(el), level++) {
    if (el.name === 'nav' || el.attribs.role === 'menu' || el.attribs.role === 'navigation' || (level <= HINT_LEVELS && MENU_RE.test(classIdOf(el)))) return true;
  }
  return false;
}

/** Byline texts in document order, the "By" stripped; cleanAuthors turns them into names. */
export function visibleBylines(scan: PageScan): string[] {
  const limit = Math.min(scan.blocks.length, Math.max(40, Math.ceil(scan.blocks.length * 0.6)));
  const out = bylinesIn(scan, 0, limit);
  if (out.length > 0 || limit >= scan.blocks.length) return out;
  // The author box below the article, when the top named nobody: one name only, for a list of
  // related stories names several.
  const tail = bylinesIn(scan, limit, scan.blocks.length, false);
  const names = new Set(tail.map((text) => cleanAuthors([text])[0]?.toLowerCase() ?? ''));
  return names.size === 1 && !names.has('') ? tail.slice(0, 1) : [];
}

/** Bylines of blocks [from, to); `loose` also reads datelines ending in a byline and author-classed names. */
function bylinesIn(scan: PageScan, from: number, to: number, loose = true): string[] {
  const out: string[] = [];
  for (let i = from; i < to && out.length < MAX_CANDIDATES; i++) {
    const block = scan.blocks[i];
    if (block.text.length > MAX_CHARS) {
      const linked = block.text.length <= MAX_LINK_BLOCK_CHARS && !inComments(block) ? authorLink(block) : null;
      if (linked !== null) out.push(linked);
      continue;
    }
    if (inComments(block) || CREDIT_RE.test(block.text)) continue;
    const by = BYLINE_RE.exec(block.text) ?? GLUED_BY_RE.exec(block.text);
    const trailing = loose && by === null && block.text.length <= 80 ? TRAILING_BY_RE.exec(block.text) : null;
    const next = scan.blocks[i + 1];
    if (LABEL_RE.test(block.text)) {
      // "Written by" on its own, the name in the next element.
      if (next !== undefined && next.text.length <= 60 && looksLikeName(next.text)) out.push(next.text);
    } else if (by !== null && /^\p{Lu}/u.test(by[1])) {
      if (!inMenu(block)) out.push(by[1]);
    }
    else if (trailing !== null) out.push(trailing[1]);
    else if (loose && (!block.heading || MINOR_HEADING_RE.test(block.tag)) && block.text.length <= 80 && hintedOwner(block) && looksLikeName(block.text)) out.push(block.text);
    else {
      const linked = authorLink(block);
      if (linked !== null) out.push(linked);
    }
  }
  return out;
}
