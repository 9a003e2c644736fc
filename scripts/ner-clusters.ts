/**
 * Word clusters for the NER tagger, derived from running text: each frequent word is described by
 * the words seen just before and after it (log counts over the most frequent context words,
 * L2-normalized), and k-means (cosine, deterministic initialization, fixed iterations) groups words
 * used alike ("Tuesday"/"Friday", "Kharkiv"/"Mosul", "minister"/"spokesman"). Unseen names then share
 * features with seen ones. Texts: the NER training splits and the main content of the WCXB dev pages
 * (CC-BY 4.0, ../shared/datasets/wcxb-dev).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tokenizeText } from '../src/pipeline/extract/tokenize-text.js';
import { DATASETS } from './ner-corpus.js';

export interface ClusterOptions {
  /** Words clustered: the most frequent lower-cased words seen at least `minCount` times. */
  vocabulary: number;
  minCount: number;
  /** Context words (most frequent) that make up the vectors. */
  contexts: number;
  clusters: number;
  iterations: number;
}

export const CLUSTER_DEFAULTS: ClusterOptions = { vocabulary: 30000, minCount: 4, contexts: 400, clusters: 200, iterations: 8 };

/** Main-content texts of the WCXB dev pages, when present. */
export function unlabeledTexts(): string[] {
  const dir = `${DATASETS}wcxb-dev/ground-truth/`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => (JSON.parse(readFileSync(dir + f, 'utf8')) as { ground_truth?: { main_content?: string } }).ground_truth?.main_content ?? '')
    .filter(Boolean);
}

/** lower-cased word → cluster id. */
export function buildClusters(texts: string[], options: ClusterOptions = CLUSTER_DEFAULTS): Record<string, number> {
  const sequences: string[][] = [];
  const freq = new Map<string, number>();
  for (const text of texts) {
    const { tokens } = tokenizeText(text);
    const seq = tokens.map((t) => (t.kind === 'number' ? '<num>' : t.lower));
    sequences.push(seq);
    for (const w of seq) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  const ranked = [...freq].filter(([, n]) => n >= options.minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocab = new Map(ranked.slice(0, options.vocabulary).map(([w], i) => [w, i]));
  const ctx = new Map(ranked.slice(0, options.contexts).map(([w], i) => [w, i]));
  const V = vocab.size;
  const D = 2 * options.contexts;
  const counts: Array<Map<number, number>> = Array.from({ length: V }, () => new Map());
  for (const seq of sequences) {
    for (let i = 0; i < seq.length; i++) {
      const v = vocab.get(seq[i]);
      if (v === undefined) continue;
      const l = i > 0 ? ctx.get(seq[i - 1]) : undefined;
      const r = i + 1 < seq.length ? ctx.get(seq[i + 1]) : undefined;
      if (l !== undefined) counts[v].set(l, (counts[v].get(l) ?? 0) + 1);
      if (r !== undefined) counts[v].set(options.contexts + r, (counts[v].get(options.contexts + r) ?? 0) + 1);
    }
  }
  // Sparse unit vectors of log counts.
  const idx: Int32Array[] = [];
  const val: Float32Array[] = [];
  for (const m of counts) {
    const keys = [...m.keys()].sort((a, b) => a - b);
    const vals = keys.map((k) => Math.log1p(m.get(k) as number));
    const norm = Math.sqrt(vals.reduce((s, x) => s + x * x, 0)) || 1;
    idx.push(Int32Array.from(keys));
    val.push(Float32Array.from(vals.map((x) => x / norm)));
  }
  const K = Math.min(options.clusters, V);
  const centroids = new Float64Array(K * D);
  // Deterministic start: words spread evenly over the frequency ranking.
  for (let k = 0; k < K; k++) {
    const v = Math.floor(((k + 0.5) * V) / K);
    for (let j = 0; j < idx[v].length; j++) centroids[k * D + idx[v][j]] = val[v][j];
  }
  const assign = new Int32Array(V);
  for (let it = 0; it < options.iterations; it++) {
    for (let v = 0; v < V; v++) {
      let best = 0;
      let bestScore = -Infinity;
      const iv = idx[v];
      const vv = val[v];
      for (let k = 0; k < K; k++) {
        const base = k * D;
        let dot = 0;
        for (let j = 0; j < iv.length; j++) dot += centroids[base + iv[j]] * vv[j];
        if (dot > bestScore) {
          bestScore = dot;
          best = k;
        }
      }
      assign[v] = best;
    }
    centroids.fill(0);
    for (let v = 0; v < V; v++) {
      const base = assign[v] * D;
      for (let j = 0; j < idx[v].length; j++) centroids[base + idx[v][j]] += val[v][j];
    }
    for (let k = 0; k < K; k++) {
      let norm = 0;
      for (let d = 0; d < D; d++) norm += centroids[k * D + d] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < D; d++) centroids[k * D + d] /= norm;
    }
  }
  const out: Record<string, number> = {};
  for (const [w, v] of vocab) out[w] = assign[v];
  return out;
}
