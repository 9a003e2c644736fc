/**
 * One pass over the text: tokens with UTF-16 offsets, then sentences as token ranges, each with
 * its role in the document's structure. A line break (\n, U+2028) ends a sentence, unless the text
 * is hard-wrapped prose or the next line goes on in lower case; a dateline ("KABUL, Afghanistan
 * (Oct. 4, 2011) –") is a sentence of its own even when the first paragraph follows on its line.
 */

import { isDayYearFullStop } from './resolve-dates.js';

export type TokenKind = 'word' | 'number' | 'punct' | 'url';

export interface Token {
  text: string;
  /** Lower-cased text, apostrophes as "'", possessive "'s" removed ("Russia’s" → "russia"). */
  lower: string;
  start: number;
  /** End offset of the name part: excludes a possessive "'s". */
  end: number;
  kind: TokenKind;
  /** Starts with an upper-case letter (Latin or Cyrillic). */
  cap: boolean;
  /** Index of the sentence the token belongs to. */
  sentence: number;
}

/**
 * What a sentence is in the document: its body, a headline (a title line before the body), a
 * dateline ("KANDAHAR, Afghanistan (Oct. 4, 2011) –") or a meta line (a reference number such as
 * "2011-10-S-020", "For Immediate Release", "Download PDF", a list of numbers).
 */
export type SentenceRole = 'body' | 'headline' | 'dateline' | 'meta';

export interface Sentence {
  role: SentenceRole;
  start: number;
  end: number;
  /** Token index range [first, last). */
  first: number;
  last: number;
  /** Paragraph number (blank lines separate paragraphs). */
  paragraph: number;
}

export interface TokenizedText {
  tokens: Token[];
  sentences: Sentence[];
}

// URLs first (kept whole so their path words are never read as prose), then dotted
// abbreviations ("U.S."), grouped numbers ("1,200"), words with inner hyphens/apostrophes
// ("Tochka-U", "S-300", "Russia's", "п'ять"), then any other single character.
// Sticky: every alternative starts with a non-space and \S matches any, so a token starts at the
// first non-space; skipping spaces by hand and reading the end from lastIndex (test, not exec)
// allocates no match array per token.
const TOKEN_RE =
  /https?:\/\/\S+|www\.\S+|(?:\p{Lu}\.){2,}|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|[\p{L}\p{N}]+(?:['’\-‑][\p{L}\p{N}]+)*(?:(?<=s)['’](?![\p{L}\p{N}]))?|\S/uy;
const UPPER_RE = /^\p{Lu}/u;
const LETTER_OR_DIGIT_RE = /^[\p{L}\p{N}]/u;

/** Words after which a period does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gov', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm', 'sen', 'rep',
  'st', 'mt', 'ft', 'no', 'vs', 'etc', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'cpl', 'pvt', 'rev', 'inc', 'corp', 'co', 'jr', 'sr', 'approx', 'est', 'km',
  'ул', 'г', 'обл', 'им', 'т',
]);
const SENTENCE_END = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['”', '"', '’', '»', ')', "'"]);
const PARAGRAPH_BREAK_RE = /\n[ \t\r]*\n/;

export function tokenizeText(text: string): TokenizedText {
  const tokens = tokenize(text);
  return { tokens, sentences: splitSentences(text, tokens) };
}

/** The tokens alone (all in sentence 0): for short names, where sentences do not matter. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (let start = 0; start < text.length; ) {
    if (isSpace(text.charCodeAt(start))) {
      start++;
      continue;
    }
    const raw = text.slice(start, tokenEnd(text, start));
    const c0 = raw.charCodeAt(0);
    let kind: TokenKind;
    // Classified by the first character; a regex only for non-ASCII.
    if (c0 >= 48 && c0 <= 57) kind = 'number';
    else if ((c0 | 32) >= 97 && (c0 | 32) <= 122) kind = raw.length > 6 && (c0 === 104 || c0 === 119) && (raw.startsWith('http') || raw.startsWith('www.')) ? 'url' : 'word';
    else if (c0 < 128) kind = 'punct';
    else kind = LETTER_OR_DIGIT_RE.test(raw) ? 'word' : 'punct';
    let end = start + raw.length;
    let lower = hasUpperCase(raw) ? raw.toLowerCase() : raw;
    let cap = false;
    if (kind === 'word') {
      const c = raw.charCodeAt(0);
      cap = c < 128 ? c >= 65 && c <= 90 : UPPER_RE.test(raw);
      if (lower.includes('’')) lower = lower.replace(/’/g, "'");
      if (raw.length > 2 && lower.endsWith("'s")) {
        end -= 2;
        lower = lower.slice(0, -2);
      } else if (lower.endsWith("'")) {
        // plural possessive: "Prisoners' Society"
        end -= 1;
        lower = lower.slice(0, -1);
      }
    }
    tokens.push({ text: raw, lower, start, end, kind, cap, sentence: 0 });
    start += raw.length;
  }
  return tokens;
}

const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);

/**
 * Where the token starting at `start` (a non-space) ends: what TOKEN_RE would match there. Plain ASCII is read by
 * hand — a punctuation mark is one character; a run of letters and digits ends before an ASCII character that
 * neither joins ("'", "-") nor makes it a grouped number ("1,200") — and everything else (URLs, "U.S.", non-ASCII
 * letters, joiners) goes to the regex.
 */
function tokenEnd(text: string, start: number): number {
  const c0 = text.charCodeAt(start);
  if (c0 < 128) {
    if (!isAsciiAlnum(c0)) return start + 1;
    let k = start + 1;
    while (k < text.length && isAsciiAlnum(text.charCodeAt(k))) k++;
    const c = k < text.length ? text.charCodeAt(k) : 32;
    const plainEnd = c < 128 && c !== 39 && c !== 45 && !(c === 44 && c0 <= 57);
    const dotted = c0 >= 65 && c0 <= 90 && text.charCodeAt(start + 1) === 46;
    const url = (c0 === 104 && text.startsWith('http', start)) || (c0 === 119 && text.startsWith('www.', start));
    if (plainEnd && !dotted && !url) return k;
  }
  TOKEN_RE.lastIndex = start;
  TOKEN_RE.test(text);
  return TOKEN_RE.lastIndex;
}

/** Whether toLowerCase might change the text (it allocates a copy even when it changes nothing). */
function hasUpperCase(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return true;
  }
  return false;
}

/** Whether text[from, to) breaks the line (\n, \r, U+2028, U+2029): read in place, no slice. */
export function breaksLine(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/** What \s matches in a JavaScript regex: white space and line terminators. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A month and day, with or without the year, as newswire datelines give it: "March 3", "Oct. 4, 2011". */
const DATELINE_DATE = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?[ \t\u00a0]\d{1,2}(?:,?[ \t\u00a0]\d{4})?`;
/**
 * A dateline at a line start: an upper-case place, optional ", Country", optional ", <date>" ("KABUL, March 3 (Reuters) -",
 * "KABUL, Afghanistan, Oct. 4, 2011 –"), optional "(date)" or "(agency)", a dash; or the place, a dash and the date
 * ("KABUL, Afghanistan — Oct. 4, 2011 —"). Bounded: linear over the text.
 */
const DATELINE_RE = new RegExp(
  String.raw`[ \t\u00a0]*(?:(?=[A-Z][A-Z.'’ -]{3})|(?=[A-Z][\p{L}'’ -]{1,30}, [A-Z][\p{L} ]{1,30} \())[A-Z][\p{L}.'’-]*(?: [A-Z][\p{L}.'’-]*){0,3}(?:,[ \t\u00a0]*[A-Z][\p{L}.'’-]*(?: [A-Z][\p{L}.'’-]*){0,2}){0,2}` +
    String.raw`(?:,[ \t\u00a0]*${DATELINE_DATE}|[ \t\u00a0]*[–—][ \t\u00a0]*${DATELINE_DATE}(?=[ \t\u00a0]*[–—]))?` +
    String.raw`[ \t\u00a0]*(?:\([^()\n\u2028]{1,40}\))?[ \t\u00a0]*(?:[–—]|--?)(?=[ \t\u00a0]|$)`,
  'uy',
);
const DATELINE_LINE_RE = /^[A-Z][\p{L}.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}(?:, ?[A-Z][\p{L}.'’-]*(?: [A-Z][\p{L}.'’-]*){0,2}){0,2} ?\([^()]{3,40}\)$/u;
const META_RE = /^(?:\d{3,4}-\d{2}-[A-Z]{1,3}-\d+\b|for immediate release$|(?:download|view) pdf$|(?:news|press) release$|[\d, ]+$)/i;

/** Lines followed by a single line break, mostly 45–100 characters long: prose wrapped at a fixed width. */
function wrapWidth(text: string): number | undefined {
  const lengths: number[] = [];
  let from = 0;
  // Lines measured in place (trimmed as String.prototype.trim would): no slice per line.
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c !== 10 && c !== 0x2028 && c !== 0x2029) continue;
    let start = from;
    let end = at;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    const next = text.charCodeAt(at + 1);
    from = at + 1;
    if (end > start && next !== 10 && next !== 0x2028 && next !== 13) lengths.push(end - start);
  }
  const wrapped = lengths.filter((n) => n >= 45 && n <= 100);
  if (wrapped.length < 3 || wrapped.length < 0.6 * lengths.length) return undefined;
  wrapped.sort((a, b) => a - b);
  return wrapped[Math.floor(wrapped.length / 2)];
}

function splitSentences(text: string, tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  let paragraph = 0;
  let lineStart = 0;
  const width = wrapWidth(text);
  /** End offset of a dateline found at the current line's start. */
  let datelineEnd = -1;
  const datelines = new Set<number>();
  const close = (last: number, nextParagraph: boolean): void => {
    if (last > first) {
      const index = sentences.length;
      for (let i = first; i < last; i++) tokens[i].sentence = index;
      sentences.push({ role: 'body', start: tokens[first].start, end: tokens[last - 1].start + tokens[last - 1].text.length, first, last, paragraph });
    }
    first = last;
    if (nextParagraph) paragraph++;
  };
  const dateline = (i: number): void => {
    // A dateline's first letter (after blanks) is A–Z: most lines are ruled out without the regex.
    let k = lineStart;
    while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 0xa0) k++;
    const c = text.charCodeAt(k);
    DATELINE_RE.lastIndex = lineStart;
    datelineEnd = c >= 65 && c <= 90 && DATELINE_RE.test(text) && DATELINE_RE.lastIndex > tokens[i].start ? DATELINE_RE.lastIndex : -1;
  };
  if (tokens.length > 0) dateline(0);
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const tEnd = t.start + t.text.length;
    if (tEnd === datelineEnd && next.start > tEnd) {
      datelines.add(sentences.length);
      close(i + 1, false);
    }
    // The line breaks between the two tokens, read in place (a slice per token is garbage).
    let breaks = 0;
    let lastBreak = 0;
    let paragraphSeparator = false;
    for (let k = tEnd; k < next.start; k++) {
      const c = text.charCodeAt(k);
      if (c === 10 || c === 0x2028 || c === 0x2029) {
        breaks++;
        lastBreak = k;
        if (c === 0x2029) paragraphSeparator = true;
      }
    }
    if (breaks > 0) {
      const lineLength = tEnd - lineStart;
      lineStart = lastBreak + 1;
      if (breaks >= 2 || paragraphSeparator) {
        close(i + 1, true);
        dateline(i + 1);
        continue;
      }
      // A single line break: the line ends its sentence unless the next line goes on in lower case
      // or the text is wrapped at a fixed width and this line is a full one.
      const lowerNext = next.kind === 'word' && !next.cap && /^\p{Ll}/u.test(next.text);
      const fullLine = width !== undefined && lineLength >= 0.6 * width && !SENTENCE_END.has(t.text);
      if (!lowerNext && !fullLine) {
        close(i + 1, false);
        dateline(i + 1);
        continue;
      }
      dateline(i + 1);
    }
    if (!SENTENCE_END.has(t.text)) continue;
    let j = i + 1;
    while (j < tokens.length && CLOSERS.has(tokens[j].text) && tokens[j].start === tokens[j - 1].start + tokens[j - 1].text.length) j++;
    if (j >= tokens.length) break;
    const after = tokens[j];
    if (t.text === '.' && i > 0) {
      const prev = tokens[i - 1];
      // "Jan. 2", "Gov. Gladkov", "Thomas E. Selfridge": the period belongs to an abbreviation.
      if (ABBREVIATIONS.has(prev.lower) || (prev.kind === 'word' && prev.text.length === 1 && prev.cap)) continue;
      // "KABUL, Afghanistan (July 13. 2012)": a full stop typed for the date's comma.
      if (isDayYearFullStop(tokens, i)) continue;
    }
    if (after.cap || after.kind === 'number' || after.text === '“' || after.text === '"' || after.text === '«' || after.kind === 'url') {
      close(j, false);
      i = j - 1;
    }
  }
  close(tokens.length, false);
  assignRoles(text, sentences, datelines);
  return sentences;
}

/**
 * Datelines, meta lines and headlines. A headline is a line of its own with no final period, in
 * the header: before the first body sentence of the document, or among the meta lines before a
 * dateline.
 */
function assignRoles(text: string, sentences: Sentence[], datelines: Set<number>): void {
  // A line break within 40 characters either side, past blanks only; read in place.
  const blank = (c: number): boolean => c === 32 || c === 9 || c === 0xa0 || c === 13;
  const lineBreak = (c: number): boolean => c === 10 || c === 0x2028 || c === 0x2029;
  const ownLine = (s: Sentence): boolean => {
    let k = s.start - 1;
    const from = Math.max(0, s.start - 40);
    while (k >= from && blank(text.charCodeAt(k))) k--;
    const before = s.start === 0 || (k >= from && lineBreak(text.charCodeAt(k)));
    k = s.end;
    const to = Math.min(text.length, s.end + 40);
    while (k < to && blank(text.charCodeAt(k))) k++;
    return before && (k >= to || lineBreak(text.charCodeAt(k)));
  };
  let header = true;
  for (let n = 0; n < sentences.length; n++) {
    const s = sentences[n];
    const line = ownLine(s);
    const body = line ? text.slice(s.start, s.end).trim() : ''; // read only for a line of its own
    if (datelines.has(n) || (line && DATELINE_LINE_RE.test(body))) {
      s.role = 'dateline';
      header = false;
    } else if (line && META_RE.test(body)) {
      s.role = 'meta';
      header = true; // a reference number starts the header of a (next) release
    } else if (line && header && !/[.!?…:]["”’)]?$/.test(body) && body.length <= 160) {
      s.role = 'headline';
    } else header = false;
  }
}
