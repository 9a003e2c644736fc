import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Random } from './random.js';

/** How a target reads its input: the families shape theirs accordingly (markup for HTML, prose for text). */
export type Format = 'html' | 'text' | 'markdown';

export type Family = (rng: Random, size: number, format: Format) => string;

/** Repeats `make` until the result is `size` characters long (cut there). */
function fill(size: number, make: () => string): string {
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const part = make();
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, size);
}

const wrap = (body: string, format: Format) => (format === 'html' ? `<!doctype html><html><head><title>t</title></head><body><article><p>${body}</p></article></body></html>` : body);

const CASUALTY_WORDS = ['killed', 'dead', 'died', 'injured', 'wounded', 'hurt', 'missing', 'captured', 'detained', 'displaced', 'evacuated', 'casualties', 'death toll', 'rose to', 'at least', 'including', 'people', 'civilians', 'soldiers', 'children', 'were', 'was', 'and', 'on Monday', 'in Kharkiv', 'officials said', 'погибли', 'ранены', 'загинули', 'the day before', 'overnight', 'more than', 'dozens of', 'two', 'seven', 'twenty-five'];
const NUMBER_FORMS = ['25', '1,000', '3.5', '12', 'twenty-five', 'a dozen', 'hundreds', '10 to 15', '2024-01-02', '#3', '7th', '1/2', '100%', '$5m', '−4', '1e9', '٣', '١٢', '00000000'];
const UNICODE_RANGES: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0x24f], [0x370, 0x3ff], [0x400, 0x4ff], [0x590, 0x6ff], [0x900, 0x97f], [0x300, 0x36f], [0x200b, 0x200f], [0x2028, 0x2029], [0x4e00, 0x9fff], [0xd800, 0xdfff], [0xfff0, 0xffff], [0x1f300, 0x1f6ff], [0xe0000, 0xe007f]];
const TAGS = ['div', 'span', 'b', 'i', 'u', 'p', 'a', 'section', 'li', 'ul', 'table', 'td', 'font', 'em'];

export const FAMILIES: Record<string, Family> = {
  'deep-nesting': (rng, size, format) => {
    if (format === 'html') {
      const open = fill(size * 0.8, () => `<${rng.pick(TAGS)}>`);
      return `<html><body>${open}Seven people were killed in the strike.</body></html>`;
    }
    const marks = format === 'markdown' ? ['> ', '- ', '* ', '1. ', '    '] : ['(', '"', '« '];
    return fill(size, () => `${rng.pick(marks).repeat(1 + rng.int(50))}Seven people were killed.\n`);
  },
  'giant-attributes': (rng, size, format) => {
    const value = 'x'.repeat(Math.max(1, size - 200));
    const attribute = rng.pick(['class', 'href', 'style', 'data-x', 'alt', 'content']);
    if (format === 'html') return `<html><head><meta property="og:title" content="${rng.chance(0.5) ? value : 't'}"></head><body><article><p ${attribute}="${value}">Two were injured.</p><img alt="${value.slice(0, 100)}"></article></body></html>`;
    return format === 'markdown' ? `[link](https://example.com/${value} "${value}") and ![img](${value})` : `Two were injured. https://example.com/?q=${value}`;
  },
  'binary-junk': (rng, size) => fill(size, () => String.fromCharCode(rng.int(256))),
  'random-unicode': (rng, size, format) => wrap(fill(size, () => {
    const [lo, hi] = rng.pick(UNICODE_RANGES);
    const cp = lo + rng.int(hi - lo + 1);
    return cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
  }), format),
  'bracket-runs': (rng, size, format) => wrap(fill(size, () => rng.pick(['[', ']', '(', ')', '<', '>', '{', '}', '[](', '](', '![', '<a', '<!--', '<![CDATA[']).repeat(1 + rng.int(200))), format),
  'emphasis-runs': (rng, size, format) => wrap(fill(size, () => rng.pick(['*a ', '_a ', '**', '__', '~~', '`', '*', '_', '***a', 'a*', '\\*'])), format),
  digits: (rng, size, format) => wrap(fill(size, () => (rng.chance(0.9) ? String(rng.int(10)) : rng.pick([' ', ',', '.', '-', '/']))), format),
  'casualty-words': (rng, size, format) => wrap(fill(size, () => `${rng.chance(0.3) ? String(1 + rng.int(500)) : rng.pick(CASUALTY_WORDS)}${rng.chance(0.08) ? '. ' : ' '}`), format),
  numbers: (rng, size, format) => wrap(fill(size, () => `${rng.pick(NUMBER_FORMS)} ${rng.pick(['people', 'were killed', 'injured', 'km', 'tanks', 'on', 'and', ','])} `), format),
  'long-tokens': (rng, size, format) => wrap(rng.pick(['a', 'https://example.com/', 'Kharkiv', '1', 'ы', '-']).repeat(Math.ceil(size / 8)).slice(0, size), format),
  'long-lines': (rng, size, format) => {
    if (rng.chance(0.5)) return wrap(fill(size, () => `${rng.pick(['Seven', 'people', 'were', 'killed', 'in', 'the', 'strike', 'officials', 'said'])} `), format);
    return fill(size, () => rng.pick(['\n', '\r\n', '\n\n', ' \n', '\t\n']));
  },
  // Link lists: "Related article:" titles, each before a link, and Markdown links beside hard-wrapped URLs.
  'link-lists': (rng, size, format) => fill(size, () => {
    const url = `https://example.org/${rng.pick(['kharkiv-strike-kills-seven', 'a', 'news/2024/01/02/report'])}${'-x'.repeat(rng.int(30))}`;
    if (format === 'html') return rng.pick([`<p>Related article: Kharkiv strike kills seven</p><a href="${url}">${url}</a>`, `<a href="${url}">x</a> `]);
    return rng.pick([`Related article: ${rng.pick(['Kharkiv strike kills seven', 'Nothing matches this'])}\n${url}\n`, `[x](${url}) ${url.padEnd(60, 'a')}\n${rng.pick(['ab-cd', '2024', 'tail/x'])}\n`]);
  }),
  'url-soup': (rng, size, format) => fill(size, () => {
    const url = `http${rng.chance(0.5) ? 's' : ''}://${rng.pick(['example.com', 't.me', 'a.b', 'xn--e1afmkfd.xn--p1ai', '[::1]', '127.0.0.1', 'user:pw@host'])}/${rng.pick(['a', 'b/c', '%zz', '?utm_source=x', '#f', ''])}`;
    if (format === 'html') return rng.pick([`<a href="${url}">x</a>`, `<a href='${url}`, `<link rel=canonical href=${url}>`, url]);
    if (format === 'markdown') return rng.pick([`[x](${url})`, `<${url}>`, `${url}\n`, `Original url: ${url}\n`]);
    return rng.pick([`${url} `, `Original url: ${url}\n`, `${url.slice(0, 10)}\n${url.slice(10)} `]);
  }),
};

/** Real pages, when the benchmark is there: mutated slices of them form the `mutated-page` family. */
export function loadPages(dir: string): { pages: string[]; note: string } {
  const html = join(dir, 'html');
  if (!existsSync(html)) return { pages: [], note: `${html} is absent: no mutated-page family (generated families only)` };
  const pages = readdirSync(html).filter((f) => f.endsWith('.html.gz')).sort().map((f) => gunzipSync(readFileSync(join(html, f))).toString('utf8'));
  return { pages, note: `${pages.length} real pages from ${dir}` };
}

const TAG_RE = /<[^>]{0,500}>/g;

/** A window of a real page with byte flips, cut/duplicated/inserted chunks and spliced-in pieces of another page. */
export function mutatedPage(pages: readonly string[]): Family {
  return (rng, size, format) => {
    const page = rng.pick(pages);
    const start = rng.int(Math.max(1, page.length - size));
    let text = page.slice(start, start + size);
    if (format !== 'html') text = text.replace(TAG_RE, ' ');
    const chars = text.split('');
    for (let m = 1 + rng.int(8); m > 0 && chars.length > 0; m--) {
      const at = rng.int(chars.length);
      const span = 1 + rng.int(Math.min(200, chars.length - at));
      switch (rng.int(5)) {
        case 0: chars[at] = String.fromCharCode(rng.int(0x3000)); break;
        case 1: chars.splice(at, span); break;
        case 2: chars.splice(at, 0, ...chars.slice(at, at + span)); break;
        case 3: { const other = rng.pick(pages); const from = rng.int(Math.max(1, other.length - span)); chars.splice(at, 0, ...other.slice(from, from + span)); break; }
        default: chars.splice(at, 0, rng.pick(['<', '>', '</div>', '<p>', '&amp;', '&#x0;', '"', '\u0000', '[', '*', '\n\n']));
      }
    }
    return chars.join('');
  };
}
