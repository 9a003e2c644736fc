/**
 * The NER corpora in ../shared/datasets/ner-* (JSON Lines, one format for all; see ../shared/README.md):
 * read, offsets turned into UTF-16 (BTC tweets with emoji count code points), tokenized as the
 * pipeline tokenizes, and gold entities projected onto token spans. Shared by train-ner and eval-ner.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tokenizeText, type Token } from '../src/pipeline/extract/tokenize-text.js';
import type { NameSpan } from '../src/pipeline/extract/ner/tag-names.js';
import type { NerType } from '../src/pipeline/extract/ner/sequence-tagger.js';

export const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
export const DATASETS = `${SHARED}datasets/`;

export type GoldType = 'person' | 'organization' | 'location';
export const GOLD_TYPES: GoldType[] = ['person', 'organization', 'location'];
export const NER_OF: Record<GoldType, NerType> = { person: 'PER', organization: 'ORG', location: 'LOC' };
export const GOLD_OF: Record<NerType, GoldType> = { PER: 'person', ORG: 'organization', LOC: 'location' };

export interface GoldEntity {
  /** UTF-16 offsets, end exclusive. */
  start: number;
  end: number;
  type: GoldType;
  value: string;
}

export interface NerDoc {
  id: string;
  corpus: string;
  text: string;
  tokens: Token[];
  /** person/organization/location entities (misc left out). */
  gold: GoldEntity[];
  /** Gold entities as token spans (for training). */
  spans: NameSpan[];
}

interface Row {
  id: string;
  text: string;
  entities: Array<{ start: number; end: number; type: string; value: string }>;
}

/** Code-point offset → UTF-16 offset, for texts with characters outside the BMP. */
function utf16Offsets(text: string): (cp: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (cp) => cp;
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (cp) => map[cp];
}

export function corpusAvailable(corpus: string, split: string): boolean {
  return existsSync(`${DATASETS}${corpus}/${split}.jsonl`);
}

export function readCorpus(corpus: string, split: string): NerDoc[] {
  const lines = readFileSync(`${DATASETS}${corpus}/${split}.jsonl`, 'utf8').split('\n').filter(Boolean);
  return lines.map((line) => {
    const row = JSON.parse(line) as Row;
    const at = utf16Offsets(row.text);
    const gold: GoldEntity[] = [];
    for (const e of row.entities) {
      if (e.type !== 'person' && e.type !== 'organization' && e.type !== 'location') continue;
      gold.push({ start: at(e.start), end: at(e.end), type: e.type, value: e.value });
    }
    const { tokens } = tokenizeText(row.text);
    return { id: row.id, corpus, text: row.text, tokens, gold, spans: projectSpans(tokens, gold) };
  });
}

/** Tokens overlapping a gold entity form its span; an entity whose tokens are taken already is skipped. */
function projectSpans(tokens: Token[], gold: GoldEntity[]): NameSpan[] {
  const spans: NameSpan[] = [];
  const taken = new Uint8Array(tokens.length);
  let k = 0;
  const sorted = [...gold].sort((a, b) => a.start - b.start);
  for (const e of sorted) {
    while (k < tokens.length && tokens[k].start + tokens[k].text.length <= e.start) k++;
    let last = k;
    while (last < tokens.length && tokens[last].start < e.end) last++;
    if (last === k) continue;
    let free = true;
    for (let i = k; i < last; i++) if (taken[i]) free = false;
    if (!free) continue;
    taken.fill(1, k, last);
    spans.push({ first: k, last, type: NER_OF[e.type] });
  }
  return spans;
}

/** Mention-level tallies: exact span and type. */
export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export const emptyTallies = (): Record<GoldType, Tally> => ({
  person: { tp: 0, fp: 0, fn: 0 },
  organization: { tp: 0, fp: 0, fn: 0 },
  location: { tp: 0, fp: 0, fn: 0 },
});

export function scoreMentions(gold: GoldEntity[], predicted: Array<{ start: number; end: number; type: GoldType }>, into: Record<GoldType, Tally>): void {
  const key = (e: { start: number; end: number; type: string }): string => `${e.start}:${e.end}:${e.type}`;
  const g = new Set(gold.map(key));
  const p = new Set(predicted.map(key));
  for (const e of gold) if (!p.has(key(e))) into[e.type].fn++;
  for (const e of predicted) {
    if (g.has(key(e))) into[e.type].tp++;
    else into[e.type].fp++;
  }
  // Duplicate gold keys (never expected) would be counted once as tp above.
}

export function prf(t: Tally): { p: number; r: number; f: number } {
  const p = t.tp / Math.max(1, t.tp + t.fp);
  const r = t.tp / Math.max(1, t.tp + t.fn);
  return { p, r, f: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

export function micro(t: Record<GoldType, Tally>): Tally {
  return GOLD_TYPES.reduce((s, k) => ({ tp: s.tp + t[k].tp, fp: s.fp + t[k].fp, fn: s.fn + t[k].fn }), { tp: 0, fp: 0, fn: 0 });
}
