import type { Element } from 'domhandler';
import { classIdOf, parentElement, type PageScan, type TextBlock } from '../generic/scan-page.js';
import { cleanAuthors } from './authors.js';

/**
 * Visible bylines: the author as the page shows it to readers, for the many pages whose structured
 * data names nobody (or a login handle). Candidates are short blocks that read "By …", "Written by
 * …", "Author: …", or that sit in an element whose class, id, itemprop or rel names an author or
 * byline. Comment sections are skipped (commenters are not authors), and so is the page's second
 * half, where author boxes of other stories and comment threads live.
 */

const BYLINE_RE = /^(?:(?:written|posted|published|reviewed|words|reporting|text|story)\s+by|by|author|authors|von|par|por|автор)\b\s*:?\s*(.+)$/iu;
/** "Published August 7, 2023 by Nicole Burke": a dateline that ends with the byline. */
const TRAILING_BY_RE = /(?:\d{4}|published|posted|updated)\b.*?\s[Bb]y:?\s+(\p{Lu}.*)$/u;
/** A byline label without the name: "Written by", "Posted by:", "Author". */
const LABEL_RE = /^(?:(?:written|posted|published|authored|reviewed|reported)\s+by|by|authors?|writer)\s*:?$/i;
/**
 * A block an author box holds is a name when its cleaned form has two to five capitalized words
 * (particles such as "van der" allowed): labels ("Industry", "Learn More", "Research") are not.
 */
function looksLikeName(text: string): boolean {
  const name = cleanAuthors([text])[0];
  return name !== undefined && /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:van|von|der|den|de|da|del|di|du|la|le|bin|al)\s+)*(?:\p{Lu}[\p{L}'’.-]*|\(\p{Lu}[\p{L}'’.-]*\))){1,4}$/u.test(name);
}
const AUTHOR_HINT_RE = /author|byline|writer|(?:^|[\s_-])by(?:$|[\s_-])/i;
const COMMENT_RE = /comment|disqus|repl(?:y|ies)|discussion/i;
/** Levels above a block's owner searched for an author hint. */
const HINT_LEVELS = 3;
const MAX_CHARS = 120;
const MAX_CANDIDATES = 4;

function hasAuthorHint(el: Element): boolean {
  const a = el.attribs;
  return AUTHOR_HINT_RE.test(classIdOf(el)) || /author/i.test(a.itemprop ?? '') || /author/i.test(a.rel ?? '');
}

function inComments(block: TextBlock): boolean {
  return block.marked.some((el) => COMMENT_RE.test(classIdOf(el)));
}

function hintedOwner(block: TextBlock): boolean {
  let el: Element | null = block.owner;
  for (let level = 0; el !== null && level <= HINT_LEVELS; level++, el = parentElement(el)) if (hasAuthorHint(el)) return true;
  return false;
}

/** Byline texts in document order, the "By" stripped; cleanAuthors turns them into names. */
export function visibleBylines(scan: PageScan): string[] {
  const out: string[] = [];
  const limit = Math.max(40, Math.ceil(scan.blocks.length * 0.6));
  for (let i = 0; i < scan.blocks.length && i < limit && out.length < MAX_CANDIDATES; i++) {
    const block = scan.blocks[i];
    if (block.text.length > MAX_CHARS || inComments(block)) continue;
    const by = BYLINE_RE.exec(block.text);
    const trailing = by === null && block.text.length <= 80 ? TRAILING_BY_RE.exec(block.text) : null;
    const next = scan.blocks[i + 1];
    if (LABEL_RE.test(block.text)) {
      // "Written by" on its own, the name in the next element.
      if (next !== undefined && next.text.length <= 60 && looksLikeName(next.text)) out.push(next.text);
    } else if (by !== null && /^\p{Lu}/u.test(by[1])) out.push(by[1]);
    else if (trailing !== null) out.push(trailing[1]);
    else if (!block.heading && block.text.length <= 80 && hintedOwner(block) && looksLikeName(block.text)) out.push(block.text);
  }
  return out;
}
