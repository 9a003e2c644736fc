/**
 * What the tagger knows about one word type, computed once per distinct token text and cached:
 * hashes of its form, lower case, shape, prefixes and suffixes, and its gazetteer classes. The
 * tagger then only mixes integers per token (no string building), which keeps tagging near a
 * microsecond per token.
 */
import type { GazetteerData } from '../gazetteer-data.js';

export interface WordInfo {
  /** Small integer naming the lower-cased form within this process (a cheap Map key). */
  id: number;
  text: number;
  lower: number;
  shape: number;
  shortShape: number;
  pre2: number;
  pre3: number;
  suf2: number;
  suf3: number;
  suf4: number;
  /** Bit set of gazetteer classes (GAZ_*). */
  gaz: number;
  /** Word cluster (hashed), or 0 when the word has none. */
  cluster: number;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Starts with a digit ("Leopard 2"). */
  digit: boolean;
}

export const GAZ_LOCATION = 1;
export const GAZ_LOCATION_PART = 2;
export const GAZ_ORGANIZATION = 4;
export const GAZ_ORGANIZATION_PART = 8;
export const GAZ_NATIONALITY = 16;
export const GAZ_GIVEN_NAME = 32;
export const GAZ_TITLE = 64;
export const GAZ_WEAPON = 128;
/** Usually written in lower case (from the training text): a capital here is the sentence's or a headline's. */
export const GAZ_COMMON_WORD = 256;
export const GAZ_BITS = 9;

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Mixes two 32-bit values into one (murmur3 finalizer over a combination). */
export function mix(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) + b) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

const UPPER_RE = /\p{Lu}/u;
const LOWER_RE = /\p{Ll}/u;
const LETTER_RE = /\p{L}/u;
const DIGIT_RE = /\p{N}/u;

/** "Tochka-U" → "Xxxxxx-X"; long runs cut to 4 ("Xxxx-X"); the short shape collapses runs ("Xx-X"). */
function shapes(text: string): [string, string] {
  let shape = '';
  let short = '';
  let run = 0;
  let last = '';
  for (const ch of text) {
    const c = UPPER_RE.test(ch) ? 'X' : LOWER_RE.test(ch) ? 'x' : DIGIT_RE.test(ch) ? 'd' : LETTER_RE.test(ch) ? 'x' : ch;
    run = c === last ? run + 1 : 1;
    if (run <= 4) shape += c;
    if (run === 1) short += c;
    last = c;
  }
  return [shape, short];
}

/** Lower-cased word → gazetteer class bits, from the gazetteer data (countries, cities, organizations, weapons, demonyms, given names, titles). */
export function gazetteerClasses(data: GazetteerData, split: (text: string) => string[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (word: string, bit: number): void => {
    out.set(word, (out.get(word) ?? 0) | bit);
  };
  const addName = (name: string, whole: number, part: number): void => {
    const words = split(name);
    if (words.length === 1) add(words[0], whole);
    else for (const w of words) if (/\p{L}/u.test(w) && w.length > 2) add(w, part);
  };
  for (const e of data.entries) {
    const [whole, part] = e.type === 'location' ? [GAZ_LOCATION, GAZ_LOCATION_PART] : e.type === 'organization' ? [GAZ_ORGANIZATION, GAZ_ORGANIZATION_PART] : [GAZ_WEAPON, GAZ_WEAPON];
    for (const n of [e.name, ...e.aliases]) addName(n, whole, part);
  }
  for (const n of data.nationalities) for (const f of [n.name, ...n.forms]) addName(f, GAZ_NATIONALITY, GAZ_NATIONALITY);
  for (const g of data.givenNames) add(g.toLowerCase(), GAZ_GIVEN_NAME);
  for (const t of data.titles) {
    const words = split(t);
    if (words.length === 1) add(words[0], GAZ_TITLE);
  }
  return out;
}

/** Cache of word infos; cleared when it grows past `limit` entries so memory stays bounded. */
export class WordInfoCache {
  private readonly cache = new Map<string, WordInfo>();
  private readonly ids = new Map<string, number>();
  /** Never reused, not even after a clear: a document's tagger state is keyed by id. */
  private nextId = 0;
  constructor(
    private readonly classes: Map<string, number>,
    private readonly clusters: Map<string, number> = new Map(),
    private readonly limit = 200_000,
  ) {}

  /** Whether the training text writes this lower-cased word in lower case (GAZ_COMMON_WORD). */
  isCommon(lower: string): boolean {
    return ((this.classes.get(lower) ?? 0) & GAZ_COMMON_WORD) !== 0;
  }

  get(text: string, lower: string): WordInfo {
    let w = this.cache.get(text);
    if (w !== undefined) return w;
    if (this.cache.size >= this.limit) {
      this.cache.clear();
      this.ids.clear();
    }
    let id = this.ids.get(lower);
    if (id === undefined) this.ids.set(ownCopy(lower), (id = this.nextId++));
    const [shape, short] = shapes(text);
    const l = lower;
    w = {
      id,
      text: hashString(text),
      lower: hashString(l),
      shape: hashString(shape),
      shortShape: hashString(short),
      pre2: hashString(l.slice(0, 2)),
      pre3: hashString(l.slice(0, 3)),
      suf2: hashString(l.slice(-2)),
      suf3: hashString(l.slice(-3)),
      suf4: hashString(l.slice(-4)),
      gaz: this.classes.get(l) ?? 0,
      cluster: this.clusters.has(l) ? hashString(`c${this.clusters.get(l)}`) : 0,
      cap: UPPER_RE.test(text[0] ?? ''),
      digit: DIGIT_RE.test(text[0] ?? ''),
    };
    this.cache.set(ownCopy(text), w);
    return w;
  }
}

/**
 * The string in memory of its own. A token's text is a slice of its document, and V8 keeps a slice of 13 or
 * more characters as a view that holds the whole document alive: as a key of this process-long cache it kept
 * one document per new long word (200 documents of 130 K characters: +27 MB of heap that no collection freed).
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
