/**
 * npm run bench:extract [-- --errors N]
 * Prints: extractFacts speed over the 181 benchmark article bodies (one core), the seed
 * article check (items matched / total) and accuracy on the airplane-crash reports (summary
 * killed count vs Fatalities + Ground). Data in ../shared; each part skips when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractFacts } from '../src/pipeline/extract/extract-facts.js';

const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const errorsArg = process.argv.indexOf('--errors');
const showErrors = errorsArg > 0 ? Number(process.argv[errorsArg + 1] ?? 20) : 0;

function speed(): void {
  const file = `${shared}datasets/article-extraction-benchmark/ground-truth.json`;
  if (!existsSync(file)) {
    console.log(`speed: skipped (${file} is absent)`);
    return;
  }
  const truth = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { articleBody?: string }>;
  const bodies = Object.values(truth).map((t) => t.articleBody ?? '').filter(Boolean);
  const chars = bodies.reduce((s, b) => s + b.length, 0);
  for (const b of bodies) extractFacts(b, { publishedAt: '2024-01-03' }); // warm-up
  const rounds = 10;
  // CPU time of this (single-threaded) process: robust to other load on the machine; wall time beside it.
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const b of bodies) extractFacts(b, { publishedAt: '2024-01-03' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1e6;
  const n = bodies.length * rounds;
  console.log(
    `speed: ${(n / cpu).toFixed(0)} articles/s per core (CPU time; ${(n / wall).toFixed(0)}/s wall) over ${bodies.length} bodies × ${rounds}, ` +
      `mean ${(chars / bodies.length / 1000).toFixed(1)}k chars, ${((cpu / n) * 1000).toFixed(3)} ms/article`,
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

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
function englishNumber(n: number): string | undefined {
  if (n < 20) return SMALL[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? `-${SMALL[n % 10]}` : '');
  return undefined;
}

const DEATH_WORD_RE = /kill|dead|\bdie|death|fatal|perish|lives|drown/i;

/**
 * Does the summary state this number as a death count: a sentence with a death word holding it
 * (digits, or an English number word)?
 */
function states(summary: string, n: number): boolean {
  const digits = new RegExp(`(?<![\\d,.])(?:${n.toLocaleString('en-US')}|${n})(?![\\d]|,\\d)`);
  const word = englishNumber(n);
  const words = word === undefined ? undefined : new RegExp(`\\b${word}\\b`, 'i');
  return summary
    .split(/(?<=[.!?])\s+/)
    .some((s) => DEATH_WORD_RE.test(s) && (digits.test(s) || (words !== undefined && words.test(s))));
}

function crashes(): void {
  const file = `${shared}datasets/airplane-crashes/airplane-crashes-since-1908.csv`;
  if (!existsSync(file)) {
    console.log(`crashes: skipped (${file} is absent)`);
    return;
  }
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const col = (name: string): number => header.indexOf(name);
  const [iDate, iAboard, iFatal, iGround, iSummary] = ['Date', 'Aboard', 'Fatalities', 'Ground', 'Summary'].map(col);
  let reports = 0;
  let stated = 0;
  let equal = 0;
  let anyEqual = 0;
  let figures = 0;
  let plausible = 0;
  let aboardDistractor = 0;
  const errors: string[] = [];
  const classes = new Map<string, number>();
  for (const r of rows) {
    const summary = r[iSummary]?.trim();
    const fatal = Number(r[iFatal]);
    if (!summary || r[iFatal] === '' || !Number.isFinite(fatal)) continue;
    const ground = Number(r[iGround]) || 0;
    const target = fatal + ground;
    const [m, d, y] = (r[iDate] ?? '').split('/');
    const facts = extractFacts(summary, { publishedAt: y ? `${y}-${m}-${d}` : null });
    reports++;
    const killed = facts.summary.killed?.count;
    if (killed === target) anyEqual++;
    for (const f of facts.casualties) {
      if (f.kind !== 'killed' || f.negated) continue;
      figures++;
      const v = f.count ?? f.min ?? 0;
      if (v <= target) plausible++;
      if (v === Number(r[iAboard]) && v !== target) aboardDistractor++;
    }
    if (!states(summary, target) && !(ground > 0 && states(summary, fatal))) continue;
    stated++;
    if (killed === target) {
      equal++;
      continue;
    }
    const cls = killed === undefined ? 'no killed figure' : killed < target ? 'undercount' : 'overcount';
    classes.set(cls, (classes.get(cls) ?? 0) + 1);
    if (errors.length < showErrors) errors.push(`  [${cls}] want ${target} (F${fatal}+G${ground}) got ${killed ?? '-'} | ${summary.slice(0, 300)}`);
  }
  const pct = (a: number, b: number): string => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
  console.log(`crashes: summary killed == Fatalities+Ground on ${equal}/${stated} reports that state the number in a sentence with a death word (${pct(equal, stated)}); on all ${reports} reports with a summary: ${pct(anyEqual, reports)}`);
  console.log(`crashes: killed figures ${figures}, plausible (count ≤ Fatalities+Ground) ${pct(plausible, figures)}, equal to the Aboard distractor ${aboardDistractor}`);
  console.log(`crashes: misses by class: ${[...classes].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  for (const e of errors) console.log(e);
}

speed();
seed();
crashes();
