import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/pipeline/extract/extract-facts.js';
import type { ExtractedFacts } from '../../../src/record/record.js';

const seeds = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
const seedPresent = existsSync(`${seeds}belgorod-article.txt`);
if (!seedPresent) console.log(`skipping seed checks: ${seeds} is absent`);

interface ExpectedFigure {
  kind: string;
  count: number | null;
  phrase: string;
  negated?: boolean;
  approximate?: boolean;
  when?: string;
  who?: string;
  where?: string;
}
interface Expected {
  publishedAt: string;
  entities: Record<string, string[]>;
  casualties: ExpectedFigure[];
  not_casualties: string[];
}

/** The article's prose as the parse stage hands it over: no URL lines, no "Original url:" or "Related article:" line. */
function prose(raw: string): string {
  const body = raw.slice(0, raw.indexOf('Original url:'));
  return body
    .split('\n')
    .filter((l) => !/^\s*https?:\/\//.test(l) && !l.startsWith('Related article:'))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function checkSeed(text: string, expected: Expected): void {
  const facts: ExtractedFacts = extractFacts(text, { publishedAt: expected.publishedAt });
  for (const [type, names] of Object.entries(expected.entities)) {
    for (const name of names) {
      expect(facts.entities.some((e) => e.type === type && e.name === name), `${type} ${name}`).toBe(true);
    }
  }
  for (const e of facts.entities) {
    if (e.type === 'location') expect(['Ukrainian', 'Russian']).not.toContain(e.name);
    for (const m of e.mentions) expect(text.slice(m.start, m.end)).not.toMatch(/^\s|[\s.,;:!?]$/);
  }
  for (const want of expected.casualties) {
    const found = facts.casualties.filter((f) => f.kind === want.kind && text.slice(f.start, f.end) === want.phrase);
    expect(found, `${want.kind} "${want.phrase}"`).toHaveLength(1);
    const f = found[0];
    expect(f.count).toBe(want.count);
    expect(f.negated).toBe(want.negated ?? false);
    if (want.approximate !== undefined) expect(f.approximate).toBe(want.approximate);
    if (want.when) expect(f.when).toBe(want.when);
    if (want.who) expect(f.who).toBe(want.who);
    if (want.where) expect(f.where).toBe(want.where);
    expect(f.sentence).toContain(want.phrase);
  }
  expect(facts.casualties).toHaveLength(expected.casualties.length);
  for (const not of expected.not_casualties) {
    const phrase = not.replace(/\s*\(.*\)$/, '');
    const at = text.indexOf(phrase);
    expect(at, phrase).toBeGreaterThanOrEqual(0);
    const overlaps = facts.casualties.filter((f) => f.start < at + phrase.length && f.end > at);
    expect(overlaps, phrase).toHaveLength(0);
  }
}

describe.skipIf(!seedPresent)('extractFacts on the seed article', () => {
  const raw = seedPresent ? readFileSync(`${seeds}belgorod-article.txt`, 'utf8') : '';
  const expected = seedPresent ? (JSON.parse(readFileSync(`${seeds}belgorod-article.expected.json`, 'utf8')) as Expected) : ({} as Expected);

  it('finds every expected entity and casualty figure in the prose the parse stage hands over', () => {
    checkSeed(prose(raw), expected);
  });

  it('holds on the raw file, URLs and all', () => {
    checkSeed(raw, expected);
  });

  it('sums distinct incidents once: 1 the day before + 25 on Saturday; the "dozens" aggregate is below that', () => {
    const facts = extractFacts(prose(raw), { publishedAt: expected.publishedAt });
    expect(facts.summary.killed).toEqual({ count: 26, approximate: false });
    expect(facts.summary.injured).toEqual({ count: 7, approximate: false });
    const dozens = facts.casualties.find((f) => f.count === null);
    expect(dozens).toMatchObject({ aggregate: true, min: 12, where: 'Belgorod' });
    expect(dozens?.when).toBeUndefined();
  });

  it('merges aliases and attributes figures', () => {
    const text = prose(raw);
    const facts = extractFacts(text, { publishedAt: expected.publishedAt });
    const russia = facts.entities.find((e) => e.name === 'Russia');
    expect(russia?.aliases).toContain('Russian Federation');
    const ministry = facts.entities.find((e) => e.name === 'Russian Defense Ministry');
    expect(ministry?.mentions.length).toBe(3);
    const gladkov = facts.entities.find((e) => e.name === 'Vyacheslav Gladkov');
    expect(gladkov?.mentions.length).toBe(2);
    expect(facts.entities.filter((e) => e.type === 'person').map((e) => e.name).sort()).toEqual(['Vladimir Putin', 'Vyacheslav Gladkov']);
  });
});

describe('extractFacts on arbitrary token soup', () => {
  // Deterministic pseudo-random texts built from the words the patterns care about, cut anywhere.
  const vocabulary = [
    'killed', 'were', 'was', 'and', 'or', ',', '.', ';', '(', ')', ':', 'the', 'a', 'no', 'one', 'none', 'of', 'at', 'least',
    'between', 'to', '25', '1,200', '10-15', 'dozens', 'people', 'soldiers', 'died', 'injured', 'toll', 'death', 'rose',
    'bringing', 'total', 'making', 'including', 'aboard', 'on', 'Saturday', 'Jan.', '2', 'the day before', 'overnight',
    'Kyiv', 'Russia’s', 'Defense', 'Ministry', 'President', 'Vladimir', 'Putin', 'said', 'Gladkov', 'погибли', 'человек',
    'нет', 'без', 'жертв', 'family', 'four', 'both', 'another', 'who', 'shot', 'dead', 'since', 'in recent days', '\n\n',
    'Fatalities', 'HIMARS', 'S-300', 'Prisoners’', 'all', 'more', 'than', 'up', 'nearly', 'Boeing', '737', 'https://t.me/x/1',
  ];
  let seed = 42;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };

  it('never throws, and every offset points into the text', () => {
    for (let round = 0; round < 1500; round++) {
      const words = Array.from({ length: 1 + random(40) }, () => vocabulary[random(vocabulary.length)]);
      const text = words.join(random(3) === 0 ? '' : ' ');
      const facts = extractFacts(text, { publishedAt: random(2) ? '2024-01-03' : null });
      for (const f of facts.casualties) {
        expect(f.start).toBeGreaterThanOrEqual(0);
        expect(f.end).toBeLessThanOrEqual(text.length);
        expect(f.start).toBeLessThan(f.end);
        expect(f.sentence).toContain(text.slice(f.start, f.end));
      }
      for (const e of facts.entities) {
        for (const m of e.mentions) {
          expect(m.start).toBeLessThan(m.end);
          expect(m.end).toBeLessThanOrEqual(text.length);
        }
      }
    }
  });
});

describe('extractFacts reads a bounded prefix of a long text', () => {
  const paragraph = 'Seven people were killed in Kharkiv on Monday, officials said.\n\n';
  const text = paragraph.repeat(100); // 6,500 characters

  it('reads all of a text within the bound and says nothing', () => {
    const facts = extractFacts(text, { publishedAt: '2024-01-03' });
    expect(facts.extractedChars).toBeUndefined();
    expect(facts.casualties).toHaveLength(100);
  });

  it('stops at the last paragraph break before maxChars, says where, and keeps every offset inside that prefix', () => {
    const facts = extractFacts(text, { publishedAt: '2024-01-03', maxChars: 1000 });
    expect(facts.extractedChars).toBe(paragraph.length * 15 - 2);
    expect(facts.casualties).toHaveLength(15);
    expect(facts.casualties.every((c) => c.end <= facts.extractedChars!)).toBe(true);
    expect(facts.entities.flatMap((e) => e.mentions).every((m) => m.end <= facts.extractedChars!)).toBe(true);
  });

  it('without a break nearby, stops at a word, never inside a surrogate pair', () => {
    expect(extractFacts('killed '.repeat(200), { maxChars: 1000 }).extractedChars).toBe(993);
    expect(extractFacts('😀'.repeat(600), { maxChars: 1001 }).extractedChars).toBe(1000);
  });

  it('defaults to pipeline.extractMaxChars', async () => {
    const { EXTRACT_MAX_CHARS } = await import('../../../src/pipeline/extract/extract-facts.js');
    const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8')) as { pipeline: { extractMaxChars: number } };
    expect(EXTRACT_MAX_CHARS).toBe(defaults.pipeline.extractMaxChars);
    expect(extractFacts('a '.repeat(EXTRACT_MAX_CHARS)).extractedChars).toBeLessThanOrEqual(EXTRACT_MAX_CHARS);
  });
});
