/**
 * Word 4-gram shingles, hashed to 32-bit integers: how the parser checks that two renderings of a
 * text say the same thing. Hashes instead of joined strings: building the strings cost more than
 * the rest of the comparison (measured with bench:parse); a rare collision only blurs a heuristic.
 */

const WORD_RE = /[\p{L}\p{N}_]+/gu;

function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h;
}

export function shingleHashes(text: string, n = 4): number[] {
  const words = text.match(WORD_RE);
  if (words === null) return [];
  const hashes = words.map(hashWord);
  if (hashes.length < n) return [hashes.reduce((h, w) => Math.imul(h, 31) + w, 0) | 0];
  const out: number[] = [];
  for (let i = 0; i + n <= hashes.length; i++) {
    let h = hashes[i];
    for (let j = 1; j < n; j++) h = (Math.imul(h, 0x5bd1e995) ^ hashes[i + j]) | 0;
    out.push(h);
  }
  return out;
}
