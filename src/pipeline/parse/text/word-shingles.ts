/**
 * Word 4-gram shingles, hashed to 32-bit integers: how the parser checks that two renderings of a
 * text say the same thing. Hashes instead of joined strings: building the strings cost more than
 * the rest of the comparison (measured with bench:parse); a rare collision only blurs a heuristic.
 */

import { codePointAt, isLetterOrDigit } from './word-chars.js';

/** FNV-1a hashes of the words (`[\p{L}\p{N}_]+`, hashed by UTF-16 code unit), read without building their strings. */
export function wordHashes(text: string): number[] {
  const hashes: number[] = [];
  let h = 0;
  let inside = false;
  for (let i = 0; i < text.length; i++) {
    const code = codePointAt(text, i);
    if (code === 95 || isLetterOrDigit(code)) {
      if (!inside) h = 0x811c9dc5;
      inside = true;
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      if (code > 0xffff) h = Math.imul(h ^ text.charCodeAt(++i), 0x01000193);
    } else {
      if (inside) hashes.push(h);
      inside = false;
      if (code > 0xffff) i++;
    }
  }
  if (inside) hashes.push(h);
  return hashes;
}

export function shingleHashes(text: string, n = 4): number[] {
  const hashes = wordHashes(text);
  if (hashes.length === 0) return [];
  if (hashes.length < n) return [hashes.reduce((h, w) => Math.imul(h, 31) + w, 0) | 0];
  const out: number[] = [];
  for (let i = 0; i + n <= hashes.length; i++) {
    let h = hashes[i];
    for (let j = 1; j < n; j++) h = (Math.imul(h, 0x5bd1e995) ^ hashes[i + j]) | 0;
    out.push(h);
  }
  return out;
}
