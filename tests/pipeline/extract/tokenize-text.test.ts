import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeText } from '../../../src/pipeline/extract/tokenize-text.js';

function sentences(text: string): Array<[string, string]> {
  return tokenizeText(text).sentences.map((s) => [s.role, text.slice(s.start, s.end)]);
}

describe('sentences and document structure', () => {
  it('a line break or U+2028 ends a sentence; the header lines of a release get their roles', () => {
    const text = 'Two Gunmen Killed, One Held in Zabul\u20282012-03-S-041\u2028For Immediate Release\u2028\u2028KANDAHAR, Afghanistan (March 4, 2012)\u2028A patrol killed two gunmen in Zabul province, Saturday.';
    expect(sentences(text)).toEqual([
      ['headline', 'Two Gunmen Killed, One Held in Zabul'],
      ['meta', '2012-03-S-041'],
      ['meta', 'For Immediate Release'],
      ['dateline', 'KANDAHAR, Afghanistan (March 4, 2012)'],
      ['body', 'A patrol killed two gunmen in Zabul province, Saturday.'],
    ]);
  });

  it('a dateline followed by its first paragraph on the same line is a sentence of its own', () => {
    expect(sentences('HERAT, Afghanistan (May 2, 2011) – Afghan police arrested three men on Sunday.')).toEqual([
      ['dateline', 'HERAT, Afghanistan (May 2, 2011) –'],
      ['body', 'Afghan police arrested three men on Sunday.'],
    ]);
    expect(sentences('Mazar-e Sharif, Afghanistan (Jan. 9) - Two soldiers died.')[0]).toEqual(['dateline', 'Mazar-e Sharif, Afghanistan (Jan. 9) -']);
  });

  it('a newswire dateline with the date after the place is a dateline too', () => {
    expect(sentences('LAGOS, Oct. 4 (Reuters) - Gunmen killed six traders on Monday.')[0]).toEqual(['dateline', 'LAGOS, Oct. 4 (Reuters) -']);
    expect(sentences('MOGADISHU, Somalia, July 2, 2019 – Troops killed four fighters.')[0]).toEqual(['dateline', 'MOGADISHU, Somalia, July 2, 2019 –']);
    expect(sentences('KIDAL, Mali — Sept. 9, 2020 — Two soldiers died.')[0]).toEqual(['dateline', 'KIDAL, Mali — Sept. 9, 2020 —']);
  });

  it('a full stop typed for the comma between day and year does not split a dateline', () => {
    expect(sentences('2013-04-S-007\nJALALABAD, Afghanistan (Apr. 3. 2013)\nA patrol detained two men in Nangarhar province today.')).toEqual([
      ['meta', '2013-04-S-007'],
      ['dateline', 'JALALABAD, Afghanistan (Apr. 3. 2013)'],
      ['body', 'A patrol detained two men in Nangarhar province today.'],
    ]);
    expect(sentences('GAROWE, Somalia (September 21. 2019) – Police arrested four men.')[0]).toEqual(['dateline', 'GAROWE, Somalia (September 21. 2019) –']);
    // A year that goes on into the sentence is a count after a full stop, not a date.
    expect(sentences('The column reached the pass on Feb. 9. 2000 troops followed it.')).toHaveLength(2);
  });

  it('an upper-case word with a dash inside a sentence is no dateline', () => {
    expect(sentences('Two days later.\nNATO forces – and their partners – detained five men.')[1]).toEqual(['body', 'NATO forces – and their partners – detained five men.']);
  });

  it('a line that goes on in lower case, or hard-wrapped prose, continues its sentence', () => {
    const wrapped = [
      'The provincial governor said on Tuesday that a roadside bomb had struck a',
      'minibus near the market of the district centre, killing four passengers and',
      'wounding the driver of the vehicle, whom villagers took to a hospital in',
      'Lashkar Gah before the police arrived at the scene of the explosion.',
    ].join('\n');
    expect(sentences(wrapped)).toHaveLength(1);
    expect(sentences('Police detained a suspect\nnear the border.')).toHaveLength(1);
  });

  it('a title line before the body is a headline; a paragraph without a full stop later on is not', () => {
    const text = 'Blast kills four in market\n\nA bomb killed four people on Monday.\n\nRelated coverage\n\nMore text follows here.';
    expect(sentences(text).map(([role]) => role)).toEqual(['headline', 'body', 'body', 'body']);
  });
});

describe('tokens', () => {
  it('plain ASCII read by hand ends where the token pattern would: joiners, grouped numbers, abbreviations and URLs go on', () => {
    const text = "U.S. troops' 1,200 12,34 a-b don't Russia’s x‑y (http://a.b/c) www.x.y café 3rd_x A. B's Hi!";
    expect(tokenize(text).map((t) => t.text)).toEqual([
      'U.S.', "troops'", '1,200', '12', ',', '34', 'a-b', "don't", 'Russia’s', 'x‑y', '(', 'http://a.b/c)', 'www.x.y', 'café', '3rd', '_', 'x', 'A', '.', "B's", 'Hi', '!',
    ]);
  });

  it('every character a regex reads as white space separates tokens, and nothing else does', () => {
    const spaces = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((c) => /\s/.test(c));
    const text = spaces.map((s, i) => `w${i}${s}`).join('') + '\u0085x\u180ey\u200bz \ud83d\ude00 \ud800';
    expect(tokenize(text).map((t) => t.text)).toEqual([...spaces.map((_, i) => `w${i}`), '\u0085', 'x', '\u180e', 'y', '\u200b', 'z', '\ud83d\ude00', '\ud800']);
  });
});
