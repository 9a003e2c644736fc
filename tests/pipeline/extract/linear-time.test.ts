import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/pipeline/extract/extract-facts.js';
import { summarizeCasualties } from '../../../src/pipeline/extract/summarize-casualties.js';
import type { CasualtyFigure, CasualtyKind } from '../../../src/record/record.js';

/** Figures as a long hostile text yields them: many sentences, many values, kinds, places and days. */
function figures(n: number, reads: { count: number }): CasualtyFigure[] {
  const kinds: CasualtyKind[] = ['killed', 'injured', 'detained', 'captured'];
  return Array.from({ length: n }, (_, i) => {
    const f: CasualtyFigure = {
      kind: kinds[i % 4], count: (i % 97) + 1, approximate: i % 5 === 0, negated: false,
      sentence: `sentence ${i % 50} reported earlier`, start: i * 10, end: i * 10 + 5,
      where: `place ${i % 7}`, when: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, who: i % 3 === 0 ? 'people' : `who ${i % 11}`,
    };
    if (i % 13 === 0) f.total = true;
    // Every property read is one unit of work.
    return new Proxy(f, { get: (t, k) => ((reads.count += 1), Reflect.get(t, k)) });
  });
}

/** CPU time of one call. */
function cpu(run: () => void): number {
  const t0 = process.cpuUsage();
  run();
  const used = process.cpuUsage(t0);
  return used.user + used.system;
}

/**
 * Time on the large input over time on the small one: runs interleaved, fastest of each, so load from
 * elsewhere cancels out; the lowest of three such ratios, as other work can only inflate one.
 */
function ratio(small: string, large: string): number {
  const run = (text: string) => () => extractFacts(text, { publishedAt: '2024-01-03' });
  for (const text of [small, large, small]) run(text)(); // the first calls run before the JIT has compiled the hot paths
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= 16; attempt++) {
    let s = Infinity;
    let l = Infinity;
    for (let r = 0; r < 3; r++) {
      s = Math.min(s, cpu(run(small)));
      l = Math.min(l, cpu(run(large)));
    }
    best = Math.min(best, l / s);
  }
  return best;
}

describe('casualty extraction stays (near) linear in its input', () => {
  it('summarizeCasualties reads each figure a bounded number of times: 4× the figures, at most 6× the work', () => {
    const small = { count: 0 };
    const large = { count: 0 };
    summarizeCasualties(figures(500, small));
    summarizeCasualties(figures(2000, large));
    expect(large.count / small.count).toBeLessThan(6);
  });

  // CPU time on an input and on one eight times as long: linear is about 8, quadratic 64 (the old summary was cubic: 512).
  // The bound sits 3× above linear and 2.7× below quadratic, so a loaded CI machine cannot push linear code past it.
  const families: Record<string, (n: number) => string> = {
    'one sentence per line, no full stops': (n) => Array.from({ length: n }, (_, i) => `${(i % 50) + 1} insurgents detained`).join('\n'),
    'one long sentence of figures': (n) => `${Array.from({ length: n }, (_, i) => `${(i % 97) + 2} people were killed`).join(', ')}.`,
    'many sentences with dates and places': (n) =>
      Array.from({ length: n }, (_, i) => `${(i % 97) + 2} people were killed in Kharkiv on Monday and ${(i % 13) + 1} soldiers were wounded.`).join(' '),
    // No capital letter anywhere: the tagger's look-ahead for one used to rescan to the end per sentence.
    'digit runs, no capitals': (n) => Array.from({ length: n }, (_, i) => `${i * 7919} ${(i * 31) % 1000}, ${i % 10}.${i % 7}-${i % 3}/9`).join(' ').replace(/(\d)(?=(?:\d{3})+ )/g, '$1. '),
    'definite restatements': (n) => Array.from({ length: n }, (_, i) => `The force detained the ${(i % 9) + 2} suspects and the facilitator.`).join(' '),
    // Each "killed the insurgents" looks back at the groups counted before it: once per sentence, a bounded reach.
    'group objects after counted groups': (n) =>
      Array.from({ length: n }, (_, i) => `Scouts saw ${(i % 9) + 2} armed insurgents, several gunmen and four men, and the patrol killed the insurgents, killing all individuals.`).join(' '),
  };
  for (const [name, make] of Object.entries(families)) {
    it(`extractFacts on ${name}: 8× the input, well under 64× the time`, () => {
      expect(ratio(make(400), make(3200))).toBeLessThan(24);
    });
  }
});
