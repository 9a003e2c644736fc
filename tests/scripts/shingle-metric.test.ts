import { describe, expect, it } from 'vitest';
import {
  corpusScore,
  pageCounts,
  pagePrecision,
  pageRecall,
  shingles,
  tokenize,
} from '../../scripts/shingle-metric.js';

describe('tokenize', () => {
  it('splits on non-word characters, keeps case, Unicode letters and underscores', () => {
    expect(tokenize("Don't stop, Кремль_2024! été")).toEqual(['Don', 't', 'stop', 'Кремль_2024', 'été']);
  });
});

describe('shingles', () => {
  it('counts overlapping 4-token shingles as a multiset', () => {
    // a b c d a b c d → abcd, bcda, cdab, dabc, abcd
    const s = shingles('a b c d a b c d');
    expect(s.get('a b c d')).toBe(2);
    expect(s.get('b c d a')).toBe(1);
    expect([...s.values()].reduce((x, y) => x + y, 0)).toBe(5);
  });
  it('gives one shingle for texts shorter than 4 tokens and none for empty text', () => {
    expect([...shingles('a b')]).toEqual([['a b', 1]]);
    expect(shingles('  ,, ').size).toBe(0);
  });
});

describe('pageCounts', () => {
  it('computes tp/fp/fn by hand', () => {
    // truth: one two three four five → 2 shingles [1234, 2345]
    // pred:  one two three four six  → 2 shingles [1234, 2346]
    expect(pageCounts('one two three four five', 'one two three four six')).toEqual({ tp: 1, fp: 1, fn: 1 });
  });
  it('counts repeated shingles with multiplicity (min of counts)', () => {
    // truth 'a b c d' once; pred 'a b c d a b c d' has abcd twice + 3 others
    expect(pageCounts('a b c d', 'a b c d a b c d')).toEqual({ tp: 1, fp: 4, fn: 0 });
  });
});

describe('page precision and recall edge cases', () => {
  it('is 1/1 when both are empty or equal', () => {
    expect(pagePrecision({ tp: 0, fp: 0, fn: 0 })).toBe(1);
    expect(pageRecall({ tp: 0, fp: 0, fn: 0 })).toBe(1);
  });
  it('precision 0 for an empty prediction, recall 0 when nothing matches', () => {
    expect(pagePrecision({ tp: 0, fp: 0, fn: 3 })).toBe(0);
    expect(pageRecall({ tp: 0, fp: 2, fn: 0 })).toBe(0);
  });
});

describe('corpusScore', () => {
  it('averages page values over the pages where they are defined', () => {
    // page A: tp 3 fp 1 fn 0 → P .75, R 1
    // page B: tp 0 fp 0 fn 4 → excluded from P (tp+fp = 0), R 0
    const score = corpusScore([
      { tp: 3, fp: 1, fn: 0 },
      { tp: 0, fp: 0, fn: 4 },
    ]);
    expect(score.precision).toBeCloseTo(0.75);
    expect(score.recall).toBeCloseTo(0.5);
    expect(score.f1).toBeCloseTo((2 * 0.75 * 0.5) / 1.25);
  });
});
