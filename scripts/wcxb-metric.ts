/**
 * The WCXB metric (../shared/README.md, wcxb-dev): per page, lower-cased `\w+` tokens, overlap = multiset
 * intersection of prediction and truth; P = overlap/|pred|, R = overlap/|truth|. An empty truth scores 1
 * only for an empty prediction; an empty prediction scores 0. Snippets: `with` / `without` strings found
 * as case-insensitive substrings. Plus the metadata checks bench:parse reports (title, author, date).
 */

const TOKEN_RE = /[\p{L}\p{N}_]+/gu;

export interface WordScore {
  precision: number;
  recall: number;
  f1: number;
}

function bag(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of text.toLowerCase().match(TOKEN_RE) ?? []) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

export function wordScore(truth: string, prediction: string): WordScore {
  const t = bag(truth);
  const p = bag(prediction);
  let truthN = 0;
  let predN = 0;
  let overlap = 0;
  for (const n of t.values()) truthN += n;
  for (const [token, n] of p) {
    predN += n;
    overlap += Math.min(n, t.get(token) ?? 0);
  }
  if (truthN === 0) return predN === 0 ? { precision: 1, recall: 1, f1: 1 } : { precision: 0, recall: 0, f1: 0 };
  if (predN === 0) return { precision: 0, recall: 0, f1: 0 };
  const precision = overlap / predN;
  const recall = overlap / truthN;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** Snippets found in the prediction (case-insensitive substrings, whitespace collapsed on both sides). */
export function snippetsFound(prediction: string, snippets: readonly string[]): number {
  const text = prediction.toLowerCase().replace(/\s+/g, ' ');
  let found = 0;
  for (const snippet of snippets) if (text.includes(snippet.toLowerCase().replace(/\s+/g, ' ').trim())) found++;
  return found;
}

/** Typographic quotes as ASCII: the snippets were drafted with either, whatever the page uses (a diagnostic only). */
export function foldQuotes(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

const simplify = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Title right: equal once case, punctuation and spacing are set aside. */
export function titleMatches(truth: string, predicted: string | null): boolean {
  return predicted !== null && simplify(truth) === simplify(predicted);
}

/** The people a truth author string names ("A, MD, and B" → a, b; degrees and roles after a comma go). */
function authorNames(truth: string): string[] {
  return truth
    .split(/\s*(?:,|;|&|\band\b|\|)\s*/i)
    .map(simplify)
    .filter((name) => name.length >= 3);
}

/** Author right: the first predicted author is one of the truth's names. */
export function authorMatches(truth: string, predicted: readonly string[]): boolean {
  if (predicted.length === 0) return false;
  return authorNames(truth).includes(simplify(predicted[0]));
}

/** Date right: the same calendar day as the page states it (the ISO value's own date, zone kept). */
export function dateMatches(truth: string, predicted: string | null): boolean {
  return predicted !== null && predicted.slice(0, 10) === truth.slice(0, 10);
}

/** The held-out fifth (never trained or tuned on): a fixed hash of the file id, so it never depends on file order. */
export function isHoldout(id: string): boolean {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % 5 === 0;
}
