/**
 * Person, organization and location names found by the trained tagger (data/models/ner-en.bin.gz,
 * trained by `npm run train:ner`). The model is read once per process, on first use. A document
 * is tagged sentence by sentence; a line break always ends a segment, so no name spans two lines.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gazetteerData, words } from '../gazetteer.js';
import { breaksLine, type Token } from '../tokenize-text.js';
import { decodeModel, type ModelHeader } from './model-file.js';
import type { NerType, SequenceTagger, TaggerToken } from './sequence-tagger.js';
import { GAZ_COMMON_WORD, gazetteerClasses, WordInfoCache } from './word-features.js';

export interface NameSpan {
  /** Token range [first, last). */
  first: number;
  last: number;
  type: NerType;
}

export interface Segment {
  /** Token range [first, last). */
  first: number;
  last: number;
  items: TaggerToken[];
}

let sharedCache: WordInfoCache | undefined;
let lowerCase: Set<string> | undefined;

/** A word-info cache over the shipped gazetteer and the given common lower-case words. */
export function makeWordCache(commonWords: Iterable<string>, clusters: Record<string, number> = {}): WordInfoCache {
  const classes = gazetteerClasses(gazetteerData, words);
  for (const w of commonWords) classes.set(w, (classes.get(w) ?? 0) | GAZ_COMMON_WORD);
  return new WordInfoCache(classes, new Map(Object.entries(clusters)));
}

/** The word-info cache of the shipped model (one per process). */
export function wordCache(): WordInfoCache {
  const { header } = nerModel();
  sharedCache ??= makeWordCache(header.commonWords ?? [], header.clusters ?? {});
  return sharedCache;
}

/** Whether the training text writes this (lower-cased) word in lower case: "VERY", "FREE" shouted are no acronyms. */
export function isLowerCaseWord(lower: string): boolean {
  const { header } = nerModel();
  lowerCase ??= new Set([...(header.lowerWords ?? []), ...(header.commonWords ?? [])]);
  return lowerCase.has(lower);
}

/**
 * The tagger's view of a document: segments split at sentence ends and line breaks. With `lazy`,
 * tokens the tagger never reads get a placeholder, which saves most word lookups on running text: it
 * scores only capitals and tokens at most three after one and three before the next (or a digit right
 * after one; see SequenceTagger.far), and reads two neighbours either side of those. A
 * segment written in capitals ("SOCCER - JAPAN GET LUCKY WIN") is read in the case running text would
 * use: words the training text writes in lower case in lower case, the others capitalized.
 */
export function segmentDocument(text: string, tokens: Token[], cache: WordInfoCache, lazy = false): Segment[] {
  // Asked only of capitalized words: lower-case uses of what is also written capitalized (not every word of the text).
  const capitalized = new Set<string>();
  for (let i = 0; i < tokens.length; i++) if (tokens[i].cap) capitalized.add(tokens[i].lower);
  const lowerSeen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'word' && !t.cap && capitalized.has(t.lower)) lowerSeen.add(t.lower);
  }
  const segments: Segment[] = [];
  // The next capitalized token looks past the segment; kept across segments, as it only moves forward
  // (searched afresh per segment, a text without capitals took time quadratic in its length).
  const ahead = { nextCap: -1 };
  let first = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i < tokens.length) {
      const p = tokens[i - 1];
      const t = tokens[i];
      if (p.sentence === t.sentence && !breaksLine(text, p.start + p.text.length, t.start)) continue;
    }
    segments.push({ first, last: i, items: segmentItems(tokens, first, i, cache, lowerSeen, lazy, ahead) });
    first = i;
  }
  return segments;
}

const SHOUTED_RE = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;

/** At least two words, four in five of them without a lower-case letter. */
function shouted(tokens: Token[], first: number, last: number): boolean {
  let words = 0;
  let caps = 0;
  for (let i = first; i < last; i++) {
    if (tokens[i].kind !== 'word') continue;
    words++;
    if (SHOUTED_RE.test(tokens[i].text)) caps++;
  }
  return words >= 2 && caps * 5 >= words * 4;
}

function segmentItems(
  tokens: Token[], first: number, last: number, cache: WordInfoCache, lowerSeen: Set<string>, lazy: boolean, ahead: { nextCap: number },
): TaggerToken[] {
  const items: TaggerToken[] = [];
  const caps = shouted(tokens, first, last);
  let lastCap = -100;
  let nextCap = ahead.nextCap;
  for (let i = first; i < last; i++) {
    const t = tokens[i];
    if (lazy) {
      if (t.cap) lastCap = i;
      else {
        if (nextCap < i) {
          nextCap = i + 1;
          while (nextCap < tokens.length && !tokens[nextCap].cap) nextCap++;
        }
        if (!((i - lastCap <= 5 && nextCap - i <= 5) || i - lastCap <= 3 || nextCap - i <= 2)) {
          items.push(FAR);
          continue;
        }
      }
    }
    let form = t.text;
    if (caps && t.kind === 'word' && SHOUTED_RE.test(form)) form = i > first && cache.isCommon(t.lower) ? t.text.toLowerCase() : t.text[0] + t.text.slice(1).toLowerCase();
    const word = cache.get(form, t.lower);
    items.push({ word, lowerSeen: word.cap && lowerSeen.has(t.lower) });
  }
  ahead.nextCap = nextCap;
  return items;
}

/** Placeholder for a lower-case token far from any capital. */
const FAR: TaggerToken = {
  word: { id: -1, text: 0, lower: 0, shape: 0, shortShape: 0, pre2: 0, pre3: 0, suf2: 0, suf3: 0, suf4: 0, gaz: 0, cluster: 0, cap: false, digit: false },
  lowerSeen: false,
};

/** Runs a tagger over a document: name spans in token indices. */
export function tagDocument(tagger: SequenceTagger, segments: Segment[]): NameSpan[] {
  const docTypes = new Map<number, number>();
  const out: NameSpan[] = [];
  for (const s of segments) {
    for (const span of tagger.spans(tagger.tag(s.items, docTypes))) out.push({ first: s.first + span.first, last: s.first + span.last, type: span.type });
  }
  return out;
}

/** The shipped model file (data/models/ner-en.bin.gz). */
export const NER_MODEL_FILE = fileURLToPath(new URL('../../../../data/models/ner-en.bin.gz', import.meta.url));
let model: { tagger: SequenceTagger; header: ModelHeader } | undefined;

/** The shipped model, loaded on first use. */
export function nerModel(): { tagger: SequenceTagger; header: ModelHeader } {
  model ??= decodeModel(readFileSync(NER_MODEL_FILE));
  return model;
}

/** Names in a tokenized text by the shipped model. */
export function tagNames(text: string, tokens: Token[]): NameSpan[] {
  return tagDocument(nerModel().tagger, segmentDocument(text, tokens, wordCache(), true));
}
