/** A link found in text: where it is, how it was written, and the text a reader sees for it. */
export interface UrlHit {
  /** Offsets into the scanned text (for HTML anchors: of the anchor's text). */
  start: number;
  end: number;
  /** The URL as written, wrapped lines rejoined and trailing punctuation removed; may be relative. */
  raw: string;
  /** Markdown link text or HTML anchor text. */
  text?: string;
}

export interface FindUrlsOptions {
  /** Links already known (HTML anchors); URLs written inside their text belong to them. Default: none. */
  anchors?: UrlHit[];
  /** Rejoin a URL hard-wrapped across a line break (plain text; not HTML, whose line breaks are markup). Default: true. */
  joinWrappedLines?: boolean;
}

// Every pattern below is linear: each scan stops at a character that also starts the next attempt.
// The opening of a Markdown link or image; the destination is read by hand (it may nest parentheses).
// Link text may be soft-wrapped over lines, but not span a blank line (a new paragraph).
const MARKDOWN_LINK_OPEN = /(!?)\[([^[\]]*)\]\(/g;
const PARAGRAPH_BREAK = /\n[ \t]*\r?\n/;
const AUTOLINK = /<((?:https?:\/\/|www\.)[^\s<>]*)>/gi;
// `[label]: url "title"` on a line of its own (a CommonMark link reference definition).
const LINK_DEFINITION = /^ {0,3}\[([^[\]\n]+)\]:[ \t]*<?([^\s<>]+)>?(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$/gm;
// `[text][label]`, `[label][]` or `[label]`: a link only when a definition names the label.
const LINK_REFERENCE = /(!?)\[([^[\]\n]+)\](?:\[([^[\]\n]*)\])?/g;
// Characters that never belong to a URL written in prose: whitespace, angle brackets, quotes,
// guillemets, zero-width characters and CJK punctuation.
const URL_CHAR = '[^\\s<>"`«»“”‘’‹›\\u200B-\\u200D\\u2060\\uFEFF\\u3000-\\u303F\\uFF08\\uFF09\\uFF0C\\uFF1A\\uFF1B\\uFF01\\uFF1F]';
const BARE_URL = new RegExp(
  `(?:(?<![\\p{L}\\p{N}_])https?://|(?<![\\p{L}\\p{N}_@./-])(?:www\\.|t\\.me/))${URL_CHAR}+`,
  'giu',
);
const ONLY_URL_CHARS = new RegExp(`^${URL_CHAR}+$`, 'u');
const URL_START = /^(?:https?:\/\/|www\.|t\.me\/)/i;
// Punctuation that ends a sentence or a quotation rather than the URL before it.
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', "'", '*', '|', '…']);
const CLOSING_BRACKETS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const TITLE_CLOSE: Record<string, string> = { '"': '"', "'": "'", '(': ')' };
// A line shorter than this was not filled to a wrap column, so a URL ending it was not cut there.
const MIN_WRAP_WIDTH = 40;
// A wrapped line fills (nearly) the whole width: at least this share of the text's longest line.
const FILLED_LINE_SHARE = 0.9;

/**
 * Links in plain text or Markdown, in order of appearance: Markdown inline and reference links,
 * `<url>` autolinks and bare URLs.
 */
export function findUrlsInText(text: string, options: FindUrlsOptions = {}): UrlHit[] {
  const anchors = options.anchors ?? [];
  const known = anchors.map((hit): Link => ({ hit, image: false }));
  const links = dropOverlaps([...known, ...findMarkdownLinks(text)].sort((a, b) => a.hit.start - b.hit.start));
  const claimed = links.map((link) => link.hit);
  const hits = links.filter((link) => !link.image).map((link) => link.hit);
  const wrap = options.joinWrappedLines === false ? undefined : new WrapDetector(text, claimed);

  let next = 0;
  BARE_URL.lastIndex = 0;
  for (let match = BARE_URL.exec(text); match !== null; match = BARE_URL.exec(text)) {
    const start = match.index;
    while (next < claimed.length && claimed[next].end <= start) next++;
    const claim = claimed[next];
    if (claim !== undefined && claim.start <= start) {
      BARE_URL.lastIndex = claim.end;
      continue;
    }
    const cut = claim !== undefined && claim.start < BARE_URL.lastIndex; // runs into a Markdown link
    const written = cut ? match[0].slice(0, claim.start - start) : match[0];
    const trimmed = trimTrailingPunctuation(written);
    let raw = trimmed;
    let end = start + trimmed.length;
    if (wrap !== undefined && trimmed === written) ({ raw, end } = wrap.extend(start, raw, end));
    BARE_URL.lastIndex = cut ? claim.end : Math.max(BARE_URL.lastIndex, end);
    hits.push({ start, end, raw: URL_START.test(raw) && !/^https?:/i.test(raw) ? `https://${raw}` : raw });
  }
  return hits.sort((a, b) => a.start - b.start);
}

interface Link {
  hit: UrlHit;
  /** Images are not references, but their syntax must not be read as bare URLs either. */
  image: boolean;
}

function findMarkdownLinks(text: string): Link[] {
  const links: Link[] = [];
  MARKDOWN_LINK_OPEN.lastIndex = 0;
  for (let match = MARKDOWN_LINK_OPEN.exec(text); match !== null; match = MARKDOWN_LINK_OPEN.exec(text)) {
    const destination = readDestination(text, MARKDOWN_LINK_OPEN.lastIndex);
    // Never rescan what the destination reader consumed: keeps hostile input linear.
    MARKDOWN_LINK_OPEN.lastIndex = destination.end;
    if (destination.raw === undefined || PARAGRAPH_BREAK.test(match[2])) continue;
    const hit: UrlHit = { start: match.index, end: destination.end, raw: destination.raw, text: match[2] };
    links.push({ hit, image: match[1] === '!' });
  }
  for (const match of text.matchAll(AUTOLINK)) {
    const raw = /^www\./i.test(match[1]) ? `https://${match[1]}` : match[1];
    links.push({ hit: { start: match.index, end: match.index + match[0].length, raw }, image: false });
  }
  const definitions = new Map<string, string>();
  for (const match of text.matchAll(LINK_DEFINITION)) {
    const label = referenceLabel(match[1]);
    if (!definitions.has(label)) definitions.set(label, match[2]); // the first definition wins
    links.push({ hit: { start: match.index, end: match.index + match[0].length, raw: match[2] }, image: false });
  }
  if (definitions.size === 0) return links;
  for (const match of text.matchAll(LINK_REFERENCE)) {
    const raw = definitions.get(referenceLabel(match[3] || match[2]));
    if (raw === undefined) continue;
    links.push({ hit: { start: match.index, end: match.index + match[0].length, raw, text: match[2] }, image: match[1] === '!' });
  }
  return links;
}

/** Labels match case-insensitively with runs of blanks collapsed, as in CommonMark. */
function referenceLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** CommonMark link destination and optional title after `](`: `url`, `<url>`, `url "title"`. */
function readDestination(text: string, from: number): { raw?: string; end: number } {
  let i = skipBlanks(text, from);
  let raw: string;
  if (text[i] === '<') {
    const start = ++i;
    while (i < text.length && text[i] !== '>' && text[i] !== '<' && text[i] !== '\n') i++;
    if (text[i] !== '>') return { end: i };
    raw = text.slice(start, i++);
  } else {
    const start = i;
    for (let depth = 0; i < text.length; i++) {
      const char = text[i];
      if (char === '(') depth++;
      else if (char === ')' && depth-- === 0) break;
      else if (/\s/.test(char)) break;
    }
    raw = text.slice(start, i);
  }
  i = skipBlanks(text, i);
  const close = TITLE_CLOSE[text[i]];
  if (close !== undefined) {
    i++;
    while (i < text.length && text[i] !== close && text[i] !== '\n') i++;
    if (text[i] !== close) return { end: i };
    i = skipBlanks(text, i + 1);
  }
  return text[i] === ')' && raw !== '' ? { raw, end: i + 1 } : { end: i };
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** Drops sentence punctuation and unbalanced closing brackets from the end (Wikipedia's `Foo_(bar)` keeps its `)`). */
function trimTrailingPunctuation(url: string): string {
  const closes: Record<string, number> = {};
  const opens: Record<string, number> = {};
  for (const char of url) {
    if (char in CLOSING_BRACKETS) closes[char] = (closes[char] ?? 0) + 1;
    else if (char === '(' || char === '[' || char === '{') opens[char] = (opens[char] ?? 0) + 1;
  }
  let end = url.length;
  while (end > 0) {
    const char = url[end - 1];
    const open = CLOSING_BRACKETS[char];
    if (open !== undefined && (opens[open] ?? 0) < closes[char]) closes[char]--;
    else if (!TRAILING_PUNCTUATION.has(char)) break;
    end--;
  }
  return url.slice(0, end);
}

/**
 * Decides whether a URL that ends a line continues on the next one: text hard-wrapped at a fixed
 * width cuts long URLs (`…-in-belgoro` / `d-region-a83633`). The next line continues the URL only
 * when it is one unbroken run of URL characters that does not start a URL of its own, and either
 * the URL's line was filled to the wrap width, or the next line looks like a URL tail (it has
 * letters and a `/ - _ = & ? % ~ +` or a digit) and the URL's line is long enough to have been
 * wrapped. Never a continuation: a single word that is capitalized or ends in punctuation
 * ("Thanks!", "Regards"), or a line without letters other than a plain number ("2024-01-05").
 */
class WrapDetector {
  private longestLine: number | undefined;

  constructor(
    private readonly text: string,
    private readonly claimed: UrlHit[],
  ) {}

  extend(start: number, written: string, writtenEnd: number): { raw: string; end: number } {
    const text = this.text;
    let raw = written;
    let end = writtenEnd;
    let lineStart: number | undefined;
    for (;;) {
      let i = end;
      while (text[i] === ' ' || text[i] === '\t' || text[i] === '\r') i++;
      if (text[i] !== '\n') break;
      // Only now, at most once per line, look back for the line start: keeps long lines linear.
      lineStart ??= text.lastIndexOf('\n', start - 1) + 1;
      const nextStart = i + 1;
      const lineEnd = text.indexOf('\n', nextStart);
      const nextLine = text.slice(nextStart, lineEnd === -1 ? text.length : lineEnd).trimEnd();
      const piece = this.continuation(nextLine, end - lineStart, nextStart);
      if (piece === undefined) break;
      raw += piece;
      lineStart = nextStart;
      end = nextStart + piece.length;
      if (piece !== nextLine) break; // punctuation after it ended the URL
    }
    return { raw, end };
  }

  private continuation(line: string, previousLineLength: number, lineStart: number): string | undefined {
    if (previousLineLength < MIN_WRAP_WIDTH || !ONLY_URL_CHARS.test(line)) return undefined;
    if (URL_START.test(line) || line.includes('://') || this.isClaimed(lineStart, lineStart + line.length)) return undefined;
    const piece = trimTrailingPunctuation(line);
    if (/^\p{L}+$/u.test(piece) && (piece !== line || /^\p{Lu}/u.test(piece))) return undefined;
    // Without letters only a number may continue a URL: "--" is a separator, "2024-01-05" a date line.
    if (!/\p{L}/u.test(piece) && !/^\p{N}+$/u.test(piece)) return undefined;
    const filled = previousLineLength >= FILLED_LINE_SHARE * this.longest();
    const urlTail = /\p{L}/u.test(piece) && /[/\-_=&?%~+\p{N}]/u.test(piece);
    return filled || urlTail ? piece : undefined;
  }

  /** Binary search (claims are sorted and do not overlap): a scan of every claim per line was quadratic. */
  private isClaimed(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.claimed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.claimed[mid].end > start) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.claimed.length && this.claimed[lo].start < end;
  }

  private longest(): number {
    if (this.longestLine === undefined) {
      let longest = 0;
      for (let from = 0; from <= this.text.length; ) {
        const newline = this.text.indexOf('\n', from);
        const to = newline === -1 ? this.text.length : newline;
        longest = Math.max(longest, this.text.slice(from, to).trimEnd().length);
        from = to + 1;
      }
      this.longestLine = longest;
    }
    return this.longestLine;
  }
}

/** Links sorted by start; a link starting inside an earlier one is part of its text, not a link. */
function dropOverlaps(links: Link[]): Link[] {
  let reached = -1;
  return links.filter((link) => {
    if (link.hit.start < reached) return false;
    reached = Math.max(reached, link.hit.end);
    return true;
  });
}
