import type { ParsedArticle } from '../../../record/record.js';
import { discoverReferences } from '../../discover/discover-references.js';
import { dateFromUrl, isPlausibleDate, normalizeDate, type DatePlausibility } from '../metadata/dates.js';
import { detectLanguage } from '../../text/detect-language.js';

/**
 * Plain-text and Markdown articles as an operator pastes them: optional title line, optional date
 * line, prose paragraphs, and a tail of labelled or bare URLs that are references, not text.
 * URL discovery (own URL, wrapped URLs, "Related article:" titles) is discover-references' job.
 */

/** Lines that are only a URL (possibly the wrapped continuation of one), or a Markdown link list item. */
const URL_LINE_RE = /^\s*(?:[-*+]\s+)?<?(?:https?:\/\/|www\.)\S+>?\s*$/i;
const OWN_URL_LABEL_RE = /^\s*(?:original[ \t]+(?:url|link)|source(?:[ \t]+url)?|canonical(?:[ \t]+url)?)\s*:/i;
const RELATED_RE = /^\s*(?:related(?:\s+(?:article|story|reading))?|read\s+(?:more|also)|see\s+also)\s*:/i;
const DATE_LINE_RE = /^\s*(?:(?:published|posted|date|updated)\s*:?\s*)?([^\n]{6,60})$/i;
const MD_HEADING_RE = /^\s{0,3}#{1,6}\s+(.*)$/;
/*
 * Inline Markdown in linear time (a 300 KB post of `[[[…` or `*a *a …` must not take seconds): link
 * and image texts cannot hold brackets and URLs cannot hold spaces, so each match attempt stops at
 * the next delimiter; emphasis marks are dropped where they touch a word on one side only, instead
 * of being paired by a backtracking `(\*)(.*?)\1`.
 */
const MD_IMAGE_RE = /!\[[^[\]\n]{0,1000}\]\((?:[^()\s]|\([^()\s]{0,2000}\))+(?:\s+"[^"\n]{0,1000}")?\)/g;
const MD_LINK_RE = /\[([^[\]\n]{0,1000})\]\((?:[^()\s]|\([^()\s]{0,2000}\))+(?:\s+"[^"\n]{0,1000}")?\)/g;
const MD_EMPHASIS_OPEN_RE = /(^|[\s([{"'])(?:\*\*|__|\*|_|`)(?=[^\s*_`])/g;
const MD_EMPHASIS_CLOSE_RE = /([^\s*_`])(?:\*\*|__|\*|_|`)(?=$|[\s)\]}.,;:!?"'])/g;
const TITLE_MAX_CHARS = 200;

function stripMarkdown(line: string): string {
  return line
    .replace(MD_IMAGE_RE, '')
    .replace(MD_LINK_RE, '$1')
    .replace(MD_EMPHASIS_OPEN_RE, '$1')
    .replace(MD_EMPHASIS_CLOSE_RE, '$1')
    .replace(/^\s{0,3}>\s?/, '');
}

/** A heading's text without its optional closing run of `#` (trimmed by hand: `\s*#*\s*$` backtracks quadratically). */
function headingText(raw: string): string {
  let end = raw.length;
  while (end > 0 && /\s/.test(raw[end - 1])) end--;
  let hashes = end;
  while (hashes > 0 && raw[hashes - 1] === '#') hashes--;
  if (hashes < end && (hashes === 0 || /\s/.test(raw[hashes - 1]))) end = hashes;
  return raw.slice(0, end).trim();
}

/** Drops the URL tail: "Original url:" and what follows it, bare URL lines and their wrapped pieces. */
function bodyLines(lines: string[]): string[] {
  const out: string[] = [];
  let inUrlRun = false;
  for (const line of lines) {
    if (OWN_URL_LABEL_RE.test(line) || RELATED_RE.test(line)) {
      inUrlRun = OWN_URL_LABEL_RE.test(line);
      out.push('');
      continue;
    }
    if (URL_LINE_RE.test(line)) {
      inUrlRun = true;
      out.push('');
      continue;
    }
    // A URL wrapped across a line break continues on the next line with no spaces.
    if (inUrlRun && line.trim() !== '' && /^\S+$/.test(line.trim()) && !/[.!?…»"”]$/.test(line.trim())) {
      out.push('');
      continue;
    }
    inUrlRun = false;
    out.push(line);
  }
  return out;
}

function paragraphsOf(lines: string[]): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const close = (): void => {
    if (current.length > 0) paragraphs.push(current.join(' ').replace(/\s+/g, ' ').trim());
    current = [];
  };
  for (const line of lines) {
    const heading = MD_HEADING_RE.exec(line);
    if (heading !== null) {
      close();
      current.push(stripMarkdown(headingText(heading[1])));
      close();
    } else if (line.trim() === '') close();
    else if (/^\s*(?:[-*+]|\d+[.)])\s+/.test(line)) {
      // List items stay items, one per paragraph.
      close();
      current.push(stripMarkdown(line.trim()));
      close();
    } else current.push(stripMarkdown(line.trim()));
  }
  close();
  return paragraphs.filter((p) => p !== '');
}

/** A first short line without final punctuation, followed by a blank line, is a title. */
function splitTitle(lines: string[]): { title: string | null; rest: string[] } {
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i >= lines.length) return { title: null, rest: lines };
  const heading = MD_HEADING_RE.exec(lines[i]);
  const candidate = heading === null ? lines[i].trim() : headingText(heading[1]);
  const followedByBlank = i + 1 >= lines.length || lines[i + 1].trim() === '';
  if (heading !== null || (followedByBlank && candidate.length <= TITLE_MAX_CHARS && !/[.!?…:;,"”»]$/.test(candidate) && !URL_LINE_RE.test(candidate))) {
    return { title: stripMarkdown(candidate).trim() || null, rest: lines.slice(i + 1) };
  }
  return { title: null, rest: lines };
}

/** A date line right after the title ("Published: 3 January 2024", "2024-01-03"). */
function splitDate(lines: string[], options: DatePlausibility): { date: string | null; rest: string[] } {
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  const match = i < lines.length ? DATE_LINE_RE.exec(lines[i]) : null;
  const followedByBlank = i + 1 >= lines.length || lines[i + 1].trim() === '';
  if (match === null || !followedByBlank) return { date: null, rest: lines };
  const date = normalizeDate(match[1]);
  if (date === null || !isPlausibleDate(date, options)) return { date: null, rest: lines };
  return { date, rest: lines.slice(i + 1) };
}

export function parsePlainText(content: string, url: string | null, options: DatePlausibility = {}): ParsedArticle {
  const found = discoverReferences(content, { contentType: 'text/plain', ...(url === null ? {} : { baseUrl: url }) });
  const ownUrl = url ?? found.url ?? null;
  const lines = content.replace(/\r\n?/g, '\n').split('\n');
  const { title, rest } = splitTitle(lines);
  const dated = splitDate(rest, options);
  const text = paragraphsOf(bodyLines(dated.rest)).join('\n\n');
  const fromUrl = ownUrl === null ? null : dateFromUrl(ownUrl);
  return {
    url: ownUrl,
    canonicalUrl: ownUrl,
    title,
    authors: [],
    publishedAt: dated.date ?? (fromUrl !== null && isPlausibleDate(fromUrl, options) ? fromUrl : null),
    modifiedAt: null,
    language: detectLanguage(text),
    siteName: null,
    description: null,
    image: null,
    tags: [],
    text,
    references: found.references.filter((r) => r.url !== ownUrl),
  };
}
