import { describe, expect, it } from 'vitest';
import { shingleHashes } from '../../../../src/pipeline/parse/text/word-shingles.js';

/** The hashes as they were computed from the matched word strings: the scan must give the same numbers. */
function fromMatches(text: string, n = 4): number[] {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  if (words === null) return [];
  const hashes = words.map((word) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    return h;
  });
  if (hashes.length < n) return [hashes.reduce((h, w) => Math.imul(h, 31) + w, 0) | 0];
  const out: number[] = [];
  for (let i = 0; i + n <= hashes.length; i++) {
    let h = hashes[i];
    for (let j = 1; j < n; j++) h = (Math.imul(h, 0x5bd1e995) ^ hashes[i + j]) | 0;
    out.push(h);
  }
  return out;
}

describe('shingleHashes', () => {
  it('hashes the words [\\p{L}\\p{N}_]+ matches, astral letters and lone surrogates included', () => {
    const texts = ['', '—', 'one two', 'snake_case words and café naïve, five six seven', 'Київ 𝐀𝐁 😀 𠀀x \ud800 y_z ３人 end'];
    for (const text of texts) expect(shingleHashes(text), text).toEqual(fromMatches(text));
  });
});
