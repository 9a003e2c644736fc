import { describe, expect, it } from 'vitest';
import { collapse } from '../../../../src/pipeline/parse/generic/scan-page.js';

const slow = (text: string): string => text.replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '').replace(/\s+/g, ' ').trim();

describe('collapse', () => {
  it('gives what the regexes give: blank, already collapsed, and every kind of space or invisible character', () => {
    const texts = [
      '', ' ', '\n\t  \r\n', '\v\f', 'Soldiers killed.', 'two  spaces', ' leading', 'trailing ', 'line\nbreak', 'tab\there',
      'casu\u00adalties', 'zero\u200bwidth', 'joiner\u200dhere', 'word\u2060joiner', '\ufeffbom first', 'non\u00a0breaking',
      'ideographic\u3000space', 'en\u2002space', 'line\u2028separator', 'narrow\u202fspace', 'ogham\u1680mark',
      'mongolian\u180evowel', 'café – “quoted” ’s', '\u00a0', '\u200b', 'a \u200b b', 'Москва 東京',
    ];
    for (const text of texts) expect(collapse(text), JSON.stringify(text)).toBe(slow(text));
  });
});
