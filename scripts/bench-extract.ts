/**
 * npm run bench:extract [-- --misses N]
 * Prints: extractFacts speed over the 181 benchmark article bodies (one core; the first pass apart,
 * and the casualty part alone: the whole minus the entity recognizer on the same tokens), the seed
 * article check (items matched / total), accuracy on the airplane-crash reports (summary
 * killed count vs Fatalities + Ground, on a strict and a broader notion of "the report states
 * the number"), the summary counts on invented conflict-event notes and document-level entity
 * P/R/F1 on the invented defence-domain fixtures.
 * Data in ../shared; each part skips when it is absent. --misses N (alias --errors) prints the
 * first N missed reports: text, expected and got.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractFacts } from '../src/pipeline/extract/extract-facts.js';
import { gazetteer } from '../src/pipeline/extract/gazetteer.js';
import { recognizeEntities } from '../src/pipeline/extract/recognize-entities.js';
import { tokenizeText } from '../src/pipeline/extract/tokenize-text.js';
import { nerModel, NER_MODEL_FILE } from '../src/pipeline/extract/ner/tag-names.js';
import { CONFLICT_NOTES, CONFLICT_NOTES_PUBLISHED_AT, scoreConflictNotes } from '../tests/pipeline/extract/conflict-notes.fixture.js';
import { scoreCrashes } from './crash-reports.js';
import { DEFENCE_ENTITY_FIXTURES, SCORED_TYPES, scoreEntities } from '../tests/pipeline/extract/defence-entities.fixture.js';

const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const missesArg = Math.max(process.argv.indexOf('--misses'), process.argv.indexOf('--errors'));
const showErrors = missesArg > 0 ? Number(process.argv[missesArg + 1] ?? 20) : 0;

function speed(): void {
  const file = `${shared}datasets/article-extraction-benchmark/ground-truth.json`;
  if (!existsSync(file)) {
    console.log(`speed: skipped (${file} is absent)`);
    return;
  }
  const truth = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { articleBody?: string }>;
  const bodies = Object.values(truth).map((t) => t.articleBody ?? '').filter(Boolean);
  const chars = bodies.reduce((s, b) => s + b.length, 0);
  // First pass: a cold process (the NER model is read on first use), reported on its own.
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const first0 = process.hrtime.bigint();
  for (const b of bodies) extractFacts(b, { publishedAt: '2024-01-03' });
  const first = Number(process.hrtime.bigint() - first0) / 1e9;
  global.gc?.();
  const rss1 = process.memoryUsage().rss;
  const model = nerModel();
  console.log(
    `first pass: ${(bodies.length / first).toFixed(0)} articles/s wall (${(first * 1000).toFixed(0)} ms for ${bodies.length}, model load included); ` +
      `RSS ${(rss0 / 1e6).toFixed(0)} → ${(rss1 / 1e6).toFixed(0)} MB (+${((rss1 - rss0) / 1e6).toFixed(0)} MB with the NER model, ${model.header.rows} rows, file ${(statSync(NER_MODEL_FILE).size / 1e6).toFixed(2)} MB)`,
  );
  const rounds = 10;
  // CPU time of this (single-threaded) process: robust to other load on the machine; wall time beside it.
  const cpuSeconds = (run: () => void): number => {
    const cpu0 = process.cpuUsage();
    run();
    const used = process.cpuUsage(cpu0);
    return (used.user + used.system) / 1e6;
  };
  const t0 = process.hrtime.bigint();
  const cpu = cpuSeconds(() => {
    for (let r = 0; r < rounds; r++) for (const b of bodies) extractFacts(b, { publishedAt: '2024-01-03' });
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const n = bodies.length * rounds;
  console.log(
    `speed: ${(n / cpu).toFixed(0)} articles/s per core (CPU time; ${(n / wall).toFixed(0)}/s wall) over ${bodies.length} bodies × ${rounds}, ` +
      `mean ${(chars / bodies.length / 1000).toFixed(1)}k chars, ${((cpu / n) * 1000).toFixed(3)} ms/article`,
  );
  // The casualty part (tokens, language, dates, figures, summary): the whole less the entity recognizer, timed
  // alone on tokens made beforehand. A difference of two timings: read it to a few per cent.
  const tokenized = bodies.map((b) => tokenizeText(b).tokens);
  const entities = cpuSeconds(() => {
    for (let r = 0; r < rounds; r++) bodies.forEach((b, i) => recognizeEntities(b, tokenized[i], gazetteer));
  });
  const casualties = cpu - entities;
  console.log(
    `casualty part: ${(n / casualties).toFixed(0)} articles/s per core (${((casualties / n) * 1000).toFixed(3)} ms/article: ` +
      `the whole less recognizeEntities, ${((entities / n) * 1000).toFixed(3)} ms/article on the same tokens)`,
  );
}

interface Expected {
  publishedAt: string;
  entities: Record<string, string[]>;
  casualties: Array<{ kind: string; count: number | null; phrase: string; negated?: boolean; approximate?: boolean; when?: string; who?: string; where?: string }>;
  not_casualties: string[];
}

function seed(): void {
  const dir = `${shared}seeds/`;
  if (!existsSync(`${dir}belgorod-article.txt`)) {
    console.log(`seed: skipped (${dir} is absent)`);
    return;
  }
  const text = readFileSync(`${dir}belgorod-article.txt`, 'utf8');
  const expected = JSON.parse(readFileSync(`${dir}belgorod-article.expected.json`, 'utf8')) as Expected;
  const facts = extractFacts(text, { publishedAt: expected.publishedAt });
  let matched = 0;
  let total = 0;
  const misses: string[] = [];
  const check = (ok: boolean, what: string): void => {
    total++;
    if (ok) matched++;
    else misses.push(what);
  };
  for (const [type, names] of Object.entries(expected.entities)) {
    for (const name of names) check(facts.entities.some((e) => e.type === type && e.name === name), `${type} ${name}`);
  }
  for (const w of expected.casualties) {
    const f = facts.casualties.find((x) => x.kind === w.kind && text.slice(x.start, x.end) === w.phrase);
    check(
      !!f && f.count === w.count && f.negated === (w.negated ?? false) && (w.approximate === undefined || f.approximate === w.approximate) &&
        (!w.when || f.when === w.when) && (!w.who || f.who === w.who) && (!w.where || f.where === w.where),
      `${w.kind} "${w.phrase}"`,
    );
  }
  for (const not of expected.not_casualties) {
    const phrase = not.replace(/\s*\(.*\)$/, '');
    const at = text.indexOf(phrase);
    check(!facts.casualties.some((f) => f.start < at + phrase.length && f.end > at), `not a casualty: ${phrase}`);
  }
  const extra = facts.casualties.length - expected.casualties.length;
  console.log(`seed: ${matched}/${total} items matched${misses.length ? ` (missed: ${misses.join('; ')})` : ''}; ${facts.casualties.length} figures (${extra >= 0 ? '+' : ''}${extra} vs expected)`);
}

/** Document-level entity P/R/F1 per type on the invented defence-domain fixtures (in the repo: never skipped). */
function entities(): void {
  const scores = scoreEntities(DEFENCE_ENTITY_FIXTURES, (text) => extractFacts(text).entities);
  const line = SCORED_TYPES.map((t) => `${t} P ${scores[t].precision.toFixed(2)} R ${scores[t].recall.toFixed(2)} F1 ${scores[t].f1.toFixed(2)}`).join('; ');
  console.log(`entities (${DEFENCE_ENTITY_FIXTURES.length} invented defence-domain paragraphs, document level): ${line}`);
  if (showErrors > 0) for (const t of SCORED_TYPES) if (scores[t].errors.length) console.log(`  ${t}: ${scores[t].errors.join('; ')}`);
}

/** Summary killed/wounded vs the coded counts on the invented conflict-event notes (in the repo: never skipped). */
function conflictNotes(): void {
  const s = scoreConflictNotes(CONFLICT_NOTES, (text) => extractFacts(text, { publishedAt: CONFLICT_NOTES_PUBLISHED_AT }));
  const pct = (a: number, b: number): string => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
  console.log(
    `conflict notes (${s.notes} invented): summary killed == coded on ${s.killedEqual}/${s.notes} (${pct(s.killedEqual, s.notes)}), ` +
      `wounded == coded on ${s.woundedEqual}/${s.woundedStated} (${pct(s.woundedEqual, s.woundedStated)}), ` +
      `figure precision (killed/injured figures whose count is a coded number / all) ${s.figuresCoded}/${s.figures} (${(s.figuresCoded / Math.max(s.figures, 1)).toFixed(3)})`,
  );
  for (const m of s.misses.slice(0, showErrors)) console.log(`  ${m}`);
}

speed();
seed();
scoreCrashes(shared, extractFacts, showErrors);
conflictNotes();
entities();
