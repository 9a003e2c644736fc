import { describe, expect, it } from 'vitest';
import { shingleHashes, wordHashes } from '../../../../src/pipeline/parse/text/word-shingles.js';

/** FNV-1a of each word string the regex matches: the scan must give the same numbers without building them. */
function fromMatches(text: string): number[] {
  return (text.match(/[\p{L}\p{N}_]+/gu) ?? []).map((word) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    return h;
  });
}

describe('wordHashes', () => {
  it('hashes the words [\\p{L}\\p{N}_]+ matches, astral letters and lone surrogates included', () => {
    const texts = ['', '—', 'one two', 'snake_case words and café naïve, five six seven', 'Київ 𝐀𝐁 😀 𠀀x \ud800 y_z ３人 end'];
    for (const text of texts) expect(wordHashes(text), text).toEqual(fromMatches(text));
  });
});

describe('shingleHashes', () => {
  it('one hash per run of four words, the same for the same words whatever separates them', () => {
    expect(shingleHashes('a b c d e')).toHaveLength(2);
    expect(shingleHashes('A, b; c — d')).not.toEqual(shingleHashes('a b c d'));
    expect(shingleHashes('one two  three\nfour')).toEqual(shingleHashes('one two three four'));
    expect(shingleHashes('')).toEqual([]);
    expect(shingleHashes('two words')).toHaveLength(1);
  });
});
