/**
 * The known-names data, loaded once at module load and indexed by the lower-cased first token,
 * so a lookup at a token costs one Map get plus a short list of candidate phrases.
 */
import { readFileSync } from 'node:fs';
import type { EntityType } from '../../record/record.js';
import type { GazetteerData, GazetteerEntry, NationalityEntry } from './gazetteer-data.js';
import { tokenize, type Token } from './tokenize-text.js';

export interface KnownName {
  name: string;
  type: EntityType;
  kind?: GazetteerEntry['kind'];
  /** For nationalities: the country whose demonym it is. */
  country?: string;
}

interface Phrase {
  /** Lower-cased token texts. */
  words: string[];
  /** All-caps aliases ("WHO", "AP") only match with the same case. */
  exact?: string;
  /** Aliases written lower-case ("сектор Газа") may match a lower-case first token. */
  lowerOk: boolean;
  known: KnownName;
}

export interface PhraseMatch {
  /** Token index just past the phrase. */
  end: number;
  known: KnownName;
}

export interface Gazetteer {
  /** The longest known phrase starting at token i (first token capitalized unless the alias is not), or null. */
  match(tokens: Token[], i: number, limit: number): PhraseMatch | null;
  isTitle(tokens: Token[], i: number, limit: number): number;
  isGivenName(lower: string): boolean;
  nationality(lower: string): KnownName | undefined;
  /** "Russia" → "Russian". */
  demonym(country: string): string | undefined;
}

const CYRILLIC_RE = /^[\u0400-\u04FF]/;
// Case endings, and the adjective suffix of "Белгородская область" / "Харківська область".
const CYRILLIC_ENDING_RE = /(?:ск(?:ая|ой|ий|ого|ому|ом|ую)|ськ(?:а|ої|ий|ого|ому|ій|у))$|(?:ами|ями|ом|ем|ой|ей|ою|ею|ах|ях|у|ю|а|я|е|ы|и|і|ь|й|о)$/;

function cyrillicStem(word: string): string {
  return word.replace(CYRILLIC_ENDING_RE, '');
}

const ALL_CAPS_RE = /^[\p{Lu}\d.\-]+$/u;
const LOWER_START_RE = /^\p{Ll}/u;

/** Lower-cased token texts of a name, as the gazetteer and the tagger split it. */
export function words(text: string): string[] {
  return tokenize(text).map((t) => t.lower);
}

export function buildGazetteer(data: GazetteerData): Gazetteer {
  const index = new Map<string, Phrase[]>();
  // Russian and Ukrainian inflect names ("над Белгородом"): one-word Cyrillic aliases are also found by stem.
  const cyrillicStems = new Map<string, Phrase>();
  const addPhrase = (text: string, known: KnownName): void => {
    const w = words(text);
    if (w.length === 0) return;
    const phrase: Phrase = { words: w, lowerOk: LOWER_START_RE.test(text), known };
    if (ALL_CAPS_RE.test(text) && text.length <= 5) phrase.exact = text;
    const list = index.get(w[0]) ?? [];
    list.push(phrase);
    index.set(w[0], list);
    if (w.length === 1 && CYRILLIC_RE.test(w[0]) && w[0].length >= 4) {
      const stem = cyrillicStem(w[0]);
      if (!cyrillicStems.has(stem)) cyrillicStems.set(stem, phrase);
    }
  };
  for (const e of data.entries) {
    const known: KnownName = { name: e.name, type: e.type, kind: e.kind };
    addPhrase(e.name, known);
    for (const a of e.aliases) addPhrase(a, known);
  }
  const nationalities = new Map<string, KnownName>();
  const demonyms = new Map<string, string>();
  for (const n of data.nationalities as NationalityEntry[]) {
    const known: KnownName = { name: n.name, type: n.group ? 'group' : 'nationality', country: n.country };
    if (n.country && !demonyms.has(n.country)) demonyms.set(n.country, n.name);
    for (const form of [n.name, ...n.forms]) {
      nationalities.set(form.toLowerCase(), known);
      // A demonym spelled as its country ("Djibouti", "Gibraltar") names the place when it stands alone.
      if (form !== n.country) addPhrase(form, known);
    }
  }
  // Longest first; on a tie a nationality wins ("Thai" is an adjective before it is Thailand).
  const rank = (p: Phrase): number => (p.known.type === 'nationality' || p.known.type === 'group' ? 0 : 1);
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length || rank(a) - rank(b));

  const titles = new Map<string, string[][]>();
  for (const t of data.titles) {
    const w = words(t);
    const list = titles.get(w[0]) ?? [];
    list.push(w);
    list.sort((a, b) => b.length - a.length);
    titles.set(w[0], list);
  }
  const givenNames = new Set(data.givenNames);

  const matchWords = (tokens: Token[], i: number, limit: number, w: string[]): boolean => {
    if (i + w.length > limit) return false;
    for (let k = 1; k < w.length; k++) {
      const t = tokens[i + k];
      if (t.lower !== w[k]) return false;
      // A possessive ends a name: "Russia's Defense" is not the phrase "Russia Defense".
      if (k < w.length - 1 && t.end !== t.start + t.text.length) return false;
    }
    return true;
  };

  return {
    match(tokens, i, limit) {
      const t = tokens[i];
      const list = index.get(t.lower);
      if (!list) {
        if (!t.cap || t.lower.length < 5 || !CYRILLIC_RE.test(t.lower)) return null;
        const p = cyrillicStems.get(cyrillicStem(t.lower));
        return p ? { end: i + 1, known: p.known } : null;
      }
      for (const p of list) {
        if (!t.cap && !p.lowerOk) continue;
        if (p.exact !== undefined && t.text.replace(/['’]s$/, '') !== p.exact) continue;
        if (p.words.length > 1 && t.end !== t.start + t.text.length) continue;
        if (matchWords(tokens, i, limit, p.words)) return { end: i + p.words.length, known: p.known };
      }
      return null;
    },
    isTitle(tokens, i, limit) {
      for (const w of titles.get(tokens[i].lower) ?? []) if (matchWords(tokens, i, limit, w)) return w.length;
      return 0;
    },
    isGivenName: (lower) => givenNames.has(lower),
    nationality: (lower) => nationalities.get(lower),
    demonym: (country) => demonyms.get(country),
  };
}

const DATA_URL = new URL('../../../data/gazetteers/gazetteer.json', import.meta.url);

/** The data shipped in data/gazetteers (built by `npm run build:gazetteers`). */
export const gazetteerData = JSON.parse(readFileSync(DATA_URL, 'utf8')) as GazetteerData;
/** The gazetteer over `gazetteerData`. */
export const gazetteer: Gazetteer = buildGazetteer(gazetteerData);
