import { describe, expect, it } from 'vitest';
import { FAMILIES, loadPages } from '../../scripts/fuzz/families.js';
import { runFuzzCase } from '../../scripts/fuzz/fuzz-case.js';
import { createRandom, inputSeed } from '../../scripts/fuzz/random.js';
import { TARGETS } from '../../scripts/fuzz/targets.js';

const CORPUS = '../shared/datasets/article-extraction-benchmark';
const { pages, note } = loadPages(CORPUS);
if (!pages.length) console.warn(`fuzz test: ${note}`);
const families = [...Object.keys(FAMILIES), ...(pages.length ? ['mutated-page'] : [])];

/** The short version of `npm run fuzz`: every function on every family, small inputs, in-process. */
describe('fuzz (short): every error is a SitrepError with a registered code', () => {
  for (const target of Object.keys(TARGETS)) {
    it(target, () => {
      const bad: string[] = [];
      for (let i = 0; i < families.length * 4; i++) {
        const seed = inputSeed(7, target, i);
        const size = Math.round(16 * 128 ** createRandom(seed).next()); // 16 B – 2 KiB
        const result = runFuzzCase({ target, family: families[i % families.length], seed, size, corpus: CORPUS });
        if (result.outcome === 'bad') bad.push(`${families[i % families.length]} seed ${seed} size ${size}: ${result.message}`);
      }
      expect(bad).toEqual([]);
    });
  }

  it('regenerates the same input from the same case', async () => {
    const { fuzzInput } = await import('../../scripts/fuzz/fuzz-case.js');
    const c = { target: 'extractFacts', family: 'casualty-words', seed: 42, size: 500, corpus: CORPUS };
    expect(fuzzInput(c)).toBe(fuzzInput(c));
    expect(fuzzInput(c)).toHaveLength(500);
  });
});
