/** One pass over the text: tokens with UTF-16 offsets, then sentences as token ranges. */

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

export interface Sentence {
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
const TOKEN_RE =
  /https?:\/\/\S+|www\.\S+|(?:\p{Lu}\.){2,}|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|[\p{L}\p{N}]+(?:['’\-‑][\p{L}\p{N}]+)*(?:(?<=s)['’](?![\p{L}\p{N}]))?|\S/gu;
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
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const c0 = raw.charCodeAt(0);
    let kind: TokenKind;
    // Classified by the first character; a regex only for non-ASCII.
    if (c0 >= 48 && c0 <= 57) kind = 'number';
    else if ((c0 | 32) >= 97 && (c0 | 32) <= 122) kind = raw.length > 6 && (c0 === 104 || c0 === 119) && (raw.startsWith('http') || raw.startsWith('www.')) ? 'url' : 'word';
    else if (c0 < 128) kind = 'punct';
    else kind = LETTER_OR_DIGIT_RE.test(raw) ? 'word' : 'punct';
    let end = start + raw.length;
    let lower = raw.toLowerCase();
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
  }
  return { tokens, sentences: splitSentences(text, tokens) };
}

function splitSentences(text: string, tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  let paragraph = 0;
  const close = (last: number, nextParagraph: boolean): void => {
    if (last > first) {
      const index = sentences.length;
      for (let i = first; i < last; i++) tokens[i].sentence = index;
      sentences.push({ start: tokens[first].start, end: tokens[last - 1].start + tokens[last - 1].text.length, first, last, paragraph });
    }
    first = last;
    if (nextParagraph) paragraph++;
  };
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const gap = text.slice(t.start + t.text.length, next.start);
    if (gap.includes('\n') && PARAGRAPH_BREAK_RE.test(gap)) {
      close(i + 1, true);
      continue;
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
    }
    if (after.cap || after.kind === 'number' || after.text === '“' || after.text === '"' || after.text === '«' || after.kind === 'url') {
      close(j, false);
      i = j - 1;
    }
  }
  close(tokens.length, false);
  return sentences;
}
