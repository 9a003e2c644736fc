/**
 * The article-extraction-benchmark metric (../shared/README.md): multisets of overlapping
 * 4-token shingles of truth and prediction, per-page precision/recall, corpus P/R as the means
 * of page values, F1 of those means.
 */

/** `\w+` runs with Unicode letters, digits and `_`; case kept. */
const TOKEN_RE = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

/**
 * Overlapping n-token shingles as a multiset. A text with fewer than n tokens (but at least one)
 * yields one shingle of all its tokens, as in the benchmark's reference evaluator.
 */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last && tokens.length > 0; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
}

export function pageCounts(truth: string, prediction: string, n = 4): PageCounts {
  const t = shingles(truth, n);
  const p = shingles(prediction, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, pc] of p) {
    const tc = t.get(key) ?? 0;
    tp += Math.min(tc, pc);
    if (pc > tc) fp += pc - tc;
  }
  for (const [key, tc] of t) {
    const pc = p.get(key) ?? 0;
    if (tc > pc) fn += tc - pc;
  }
  return { tp, fp, fn };
}

/** Page precision: 1 when fp = fn = 0, 0 when tp = fp = 0. */
export function pagePrecision({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp + fp === 0) return 0;
  return tp / (tp + fp);
}

/** Page recall: 1 when fp = fn = 0, 0 when tp = fn = 0. */
export function pageRecall({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp + fn === 0) return 0;
  return tp / (tp + fn);
}

export interface CorpusScore {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision averaged over pages with tp+fp > 0, recall over pages with tp+fn > 0. */
export function corpusScore(pages: PageCounts[]): CorpusScore {
  let pSum = 0;
  let pN = 0;
  let rSum = 0;
  let rN = 0;
  for (const page of pages) {
    if (page.tp + page.fp > 0) {
      pSum += pagePrecision(page);
      pN++;
    }
    if (page.tp + page.fn > 0) {
      rSum += pageRecall(page);
      rN++;
    }
  }
  const precision = pN === 0 ? 0 : pSum / pN;
  const recall = rN === 0 ? 0 : rSum / rN;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
