import { describe, expect, it } from 'vitest';
import { countWords } from '../../../../src/pipeline/parse/text/word-chars.js';

/** Texts that exercise every branch: ASCII, accents, scripts, digits of other scripts, astral letters, lone surrogates. */
const TEXTS = [
  '',
  '   ',
  'Two soldiers were killed.',
  'café-au-lait, naïve résumé; 3.5km @ 12:30 — “quoted” ’n’ stuff_with_underscores',
  'Москва: 12 человек погибли. Київ — січень.',
  '東京で地震が発生しました。死者は３人',
  'مقتل ٣ أشخاص في انفجار',
  'math 𝐀𝐁𝐂 bold and 𠀀𠀁 ext-B, emoji 😀 between words😀glued',
  'lone \ud800 high and \udc00 low surrogates\ud800',
  'Zahl² and ½ and Ⅻ roman, x\u00ady soft hyphen, tab\tand\nnewline',
];

describe('countWords', () => {
  it('counts what [\\p{L}\\p{N}]+ matches', () => {
    for (const text of TEXTS) expect(countWords(text), text).toBe(text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0);
  });
});
