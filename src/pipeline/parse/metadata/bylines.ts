import type { Element } from 'domhandler';
import { classIdOf, linkText, parentElement, type PageScan, type TextBlock } from '../generic/scan-page.js';
import { cleanAuthors, isPersonName, isTeamCredit } from './authors.js';

/**
 * Visible bylines: the author as the page shows it to readers, for the many pages whose structured
 * data names nobody (or a login handle). Candidates are short blocks that read "By …", "Written by
 * …", "Author: …", or that sit in an element whose class, id, itemprop or rel names an author or
 * byline, or that link a name to the site's page of that author ("/author/jane-doe", "?author=…").
 * Comment sections and site credits are skipped (commenters and theme makers are not authors). The
 * bottom of the page, where author boxes of other stories and comment threads live, is read only when
 * the top named nobody, by labels, "By" lines and author links, and only when it names one person.
 */

// Not "Reviewed by", "Fact checked by", "Edited by": a reviewer or an editor is not the author.
const BYLINE_RE = /^(?:(?:this\s+(?:post|article|story|piece|guide)\s+(?:was|is)\s+)?(?:written|posted|published|words|reporting|text|story)\s+by|by|author|authors|contributors?|von|par|por|автор)\b\s*:?\s*(.+)$/iu;
/** A reviewer's credit: the author only when the page names nobody else. An editor's ("Edited by") never is. */
const REVIEWER_RE = /^(?:medically\s+|expert\s+)?(?:reviewed|fact[- ]?checked|checked)\s+by\b\s*:?\s*(\p{Lu}.*)$/iu;
const EDITOR_RE = /^edited\s+by\b/i;
/** The cheap gate of REVIEWER_RE (its first letters). */
const REVIEWER_START_RE = /^[mefcr]/i;
/** "By" and the name in adjacent inline elements, no space between ("<span>By</span><span>Daryl Austin</span>"). */
const GLUED_BY_RE = /^(?:Written by|Posted by|By)(\p{Lu}\p{Ll}+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})/u;
/** "Published August 7, 2023 by Nicole Burke": a dateline that ends with the byline. */
const TRAILING_BY_RE = /(?:\d{4}|published|posted|updated)\b.*?\s[Bb]y:?\s+(\p{Lu}.*)$/u;
/** A written or numeric date, as datelines set it ("Dec. 19, 2025", "4 November 2025", "2025-12-17"). */
const DATE_SOURCE = '(?:\\p{L}{3,9}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+\\p{L}{3,9}\\.?,?\\s+\\d{4}|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4})';
/** A dateline that is a date and a name, either way round, set apart or glued ("Dec 17, 2025Julian K. Arni"). */
const DATE_THEN_NAME_RE = new RegExp(`^${DATE_SOURCE}(?:\\s*[·•|,–—-]\\s*|\\s*(?=\\p{Lu}))(\\p{Lu}.*)$`, 'u');
const NAME_THEN_DATE_RE = new RegExp(`^(\\p{Lu}.*?)\\s*[·•|,–—-]\\s*${DATE_SOURCE}$`, 'u');
const YEAR_RE = /\d{4}/;
const DATE_FIRST_RE = /^(?:\d|\p{L}{3,9}\.?\s+\d)/u;
/** The name of a dateline that holds only a date and a person's name ("Dec 26, 2025 • Mahua Das in Guides"). */
function datedName(text: string): string | null {
  // Cheap gates first: the regexes backtrack over the whole block.
  const match = (DATE_FIRST_RE.test(text) ? DATE_THEN_NAME_RE.exec(text) : null) ?? (/\d$/.test(text) ? NAME_THEN_DATE_RE.exec(text) : null);
  // Only a name (and what cleanAuthors drops: "in <section>", "on behalf of …"): no list, no second date.
  return match !== null && !/[\d,;]/.test(match[1]) && looksLikeName(match[1]) ? match[1] : null;
}
/** A byline label without the name: "Written by", "Posted by:", "Author". */
const LABEL_RE = /^(?:(?:written|posted|published|authored|reported|article|words|story|text|post)\s+by|by|authors?|contributors?|writer)\s*:?$/i;
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

/** What an author box's biography says right after the name ("Jane Doe is a …", "…, a former nurse, writes"). */
const BIO_START_RE = /^(?:['’]s\s|,\s+(?:a|an|the)\s|\s+(?:is|was|has|had|writes|wrote|covers|joined|serves|holds|leads|brings|specializes|specialises|works|worked|loves|lives|earned|began|started|helps|founded|co-founded)\s)/;
/** A biography speaks of a person ("She has …"); a product's or a tool's description ("Apache Spark is an engine …") does not. */
const PERSONAL_RE = /\b(?:he|she|his|her|him)\b|['’]s\s+(?:work|writing)/i;
/** What may stand before the name at the start of a biography ("Dr. Jane Doe is …"). */
const HONORIFIC_RE = /^(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+$/;
/** The cheap shape test of a name before the biography is looked for. */
const TWO_CAPITALS_RE = /^\p{Lu}\S*\s+\p{Lu}/u;
/** Blocks after a name searched for the biography that introduces it. */
const BIO_LOOKAHEAD = 3;
/**
 * An author box without a class that says so: a name, then within a few blocks a biography that
 * starts with that name and speaks of a person ("Jane Doe" / "Dr. Jane Doe is a physician … She
 * …"). A list of tools or products ("Apache Spark" / "Apache Spark is an engine …") is not one.
 */
function introducedBelow(scan: PageScan, index: number): boolean {
  const name = scan.blocks[index].text;
  if (!TWO_CAPITALS_RE.test(name)) return false;
  for (let i = index + 1; i <= index + BIO_LOOKAHEAD && i < scan.blocks.length; i++) {
    const text = scan.blocks[i].text;
    const at = text.indexOf(name);
    if (at < 0 || at > 6 || (at > 0 && !HONORIFIC_RE.test(text.slice(0, at)))) continue;
    if (BIO_START_RE.test(text.slice(at + name.length)) && PERSONAL_RE.test(text)) return true;
  }
  return false;
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

/**
 * Byline texts in document order, the "By" stripped; cleanAuthors turns them into names. A reviewer's
 * credit ("Reviewed by …") only when nobody else is named, and not at all with `reviewers: false`.
 */
export function visibleBylines(scan: PageScan, options: { reviewers?: boolean } = {}): string[] {
  const limit = Math.min(scan.blocks.length, Math.max(40, Math.ceil(scan.blocks.length * 0.6)));
  const reviewers: string[] = [];
  const out = bylinesIn(scan, 0, limit, true, reviewers);
  // A top that names no person, only a team ("By Team Tiger Data"), gives way to the person the author box below names.
  const teamsOnly = out.length > 0 && cleanAuthors(out, { teams: true }).every(isTeamCredit);
  if (out.length > 0 && !teamsOnly) return out;
  if (limit < scan.blocks.length) {
    // The author box below the article, when the top named nobody: one name only, for a list of
    // related stories names several.
    const tail = bylinesIn(scan, limit, scan.blocks.length, false, reviewers);
    const names = new Set(tail.map((text) => cleanAuthors([text])[0]?.toLowerCase() ?? ''));
    if (names.size === 1 && !names.has('') && (!teamsOnly || isPersonName(cleanAuthors(tail)[0] ?? ''))) return [...tail.slice(0, 1), ...out];
  }
  if (teamsOnly) return out;
  return options.reviewers === false ? [] : reviewers.slice(0, 1);
}

/**
 * Bylines of blocks [from, to); `loose` also reads datelines ending in a byline or holding a date and
 * a name, and author-classed names.
 * Reviewers' credits go to `reviewers`.
 */
function bylinesIn(scan: PageScan, from: number, to: number, loose: boolean, reviewers: string[]): string[] {
  const out: string[] = [];
  const datedNames = new Set<string>();
  for (let i = from; i < to && out.length < MAX_CANDIDATES; i++) {
    const block = scan.blocks[i];
    if (block.text.length > MAX_CHARS) {
      const linked = block.text.length <= MAX_LINK_BLOCK_CHARS && !inComments(block) ? authorLink(block) : null;
      if (linked !== null) out.push(linked);
      continue;
    }
    if (inComments(block) || CREDIT_RE.test(block.text)) continue;
    const reviewer = REVIEWER_START_RE.test(block.text) ? REVIEWER_RE.exec(block.text) : null;
    if (reviewer !== null || EDITOR_RE.test(block.text)) {
      if (reviewer !== null) reviewers.push(reviewer[1]);
      continue;
    }
    const by = BYLINE_RE.exec(block.text) ?? GLUED_BY_RE.exec(block.text);
    const trailing = loose && by === null && block.text.length <= 80 ? (TRAILING_BY_RE.exec(block.text)?.[1] ?? null) : null;
    const dated = loose && by === null && trailing === null && block.text.length <= 80 && YEAR_RE.test(block.text) ? datedName(block.text) : null;
    const next = scan.blocks[i + 1];
    if (LABEL_RE.test(block.text)) {
      // "Written by" on its own, the name in the next element.
      if (next !== undefined && next.text.length <= 60 && looksLikeName(next.text)) out.push(next.text);
    } else if (by !== null && /^\p{Lu}/u.test(by[1])) {
      if (!inMenu(block)) out.push(by[1]);
    }
    else if (trailing !== null) out.push(trailing);
    else if (dated !== null) datedNames.add(dated);
    else if (loose && (!block.heading || MINOR_HEADING_RE.test(block.tag)) && block.text.length <= 80 && hintedOwner(block) && looksLikeName(block.text)) out.push(block.text);
    else if (block.text.length <= 60 && introducedBelow(scan, i) && looksLikeName(block.text)) out.push(block.text);
    else {
      const linked = authorLink(block);
      if (linked !== null) out.push(linked);
    }
  }
  // Dated names that name several people are a list of related stories ("Jane Doe - 2024-12-17", "Tom Lee - 2024-01-11").
  if (datedNames.size === 1) out.push(...datedNames);
  return out;
}
