/**
 * Fuzzes the public functions that read untrusted text — parseArticle (HTML, text, Markdown),
 * extractFacts, discoverReferences (HTML, text) — and prints figures:
 *  1. `--inputs` cases per function (default 10,000) from mutated real pages and adversarial families,
 *     sizes log-uniform up to `--max-size`: outcomes, errors that are not SitrepErrors with a registered
 *     code (each with the case that reproduces it), the slowest calls;
 *  2. every function × family once at the API body limit (`--body-limit`, default api.bodyLimitBytes):
 *     calls over 1 s of CPU;
 *  3. growth: CPU time at n, 2n, 4n, 8n (n = `--base`) for every function × family, ratio per doubling
 *     (target ≤ ×2.5), then the slowest again from the body limit / 8 to the body limit.
 * Every call runs in a worker thread under `--deadline-ms` (a runaway is reported, not waited for).
 * Phases 2 and 3 run one call at a time on one warmed thread and time it by the process's CPU time,
 * which is then the call's own: wall-clock time on a shared machine measures the other tenants. There,
 * with --expose-gc (as `npm run fuzz` runs it), the heap is collected before each timed call: the
 * collections a call triggers with its own garbage count, the leftovers of the call before do not. This
 * is fairer, not kinder: it removes a chance term (whether an earlier call's garbage is collected during
 * this one) that made one size's time jump ×3 and the next ×1.1; super-linear work shows as before.
 * Deterministic: `--seed` fixes every input.
 *   npm run fuzz [-- --seed 1 --inputs 10000 --max-size 65536 --base 16384 --threads 2 --corpus DIR --skip-big]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import type { FuzzCase, FuzzOutcome } from './fuzz-case.js';
import { FAMILIES, loadPages } from './families.js';
import { createRandom, inputSeed } from './random.js';
import { TARGETS } from './targets.js';

const defaults = JSON.parse(readFileSync(new URL('../../config/default.json', import.meta.url), 'utf8')) as { api: { bodyLimitBytes: number } };
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    inputs: { type: 'string', default: '10000' },
    'max-size': { type: 'string', default: '65536' },
    'body-limit': { type: 'string', default: String(defaults.api.bodyLimitBytes) },
    base: { type: 'string', default: '16384' },
    threads: { type: 'string', default: '2' },
    'deadline-ms': { type: 'string', default: '30000' },
    corpus: { type: 'string', default: '../shared/datasets/article-extraction-benchmark' },
    'skip-big': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const seed = Number(values.seed);
const inputs = Number(values.inputs);
const maxSize = Number(values['max-size']);
const bodyLimit = Number(values['body-limit']);
const base = Number(values.base);
const deadlineMs = Number(values['deadline-ms']);
const corpus = values.corpus!;
const targets = Object.keys(TARGETS).filter((t) => !values.only || t.includes(values.only));

const { pages, note } = loadPages(corpus);
console.log(`fuzz: seed ${seed}; ${note}`);
const families = [...Object.keys(FAMILIES), ...(pages.length ? ['mutated-page'] : [])];

const fuzzPool = (threads: number) => {
  const pool = new Piscina({ filename: new URL('./fuzz-case.ts', import.meta.url).href, minThreads: 1, maxThreads: threads, execArgv: ['--import', 'tsx'] });
  pool.on('error', () => {});
  return pool;
};
const pool = fuzzPool(Number(values.threads));

type Timed = FuzzOutcome | { outcome: 'timeout'; ms: number; cpuMs: number; length: number };
async function run(c: FuzzCase, on: Piscina = pool): Promise<Timed> {
  try {
    return (await on.run(c, { signal: AbortSignal.timeout(deadlineMs) })) as FuzzOutcome;
  } catch {
    return { outcome: 'timeout', ms: Infinity, cpuMs: Infinity, length: c.size };
  }
}

async function all<T, R>(items: readonly T[], work: (item: T) => Promise<R>, threads = Number(values.threads)): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: threads }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  }));
  return results;
}

const fmt = (ms: number) => (ms === Infinity ? `>${deadlineMs / 1000}s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${ms.toFixed(ms < 10 ? 2 : 0)}ms`);
const kb = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(n % (1 << 20) ? 1 : 0)}M` : `${Math.round(n / 1024)}K`);
const pad = (s: string, n: number) => s.padEnd(n);

// 1. Many cases per function, on all threads. Wall time and the process's CPU time during a call both
// bound the call's own CPU time from above (other threads and tenants only add): the lesser is the figure.
const own = (r: Timed) => Math.min(r.ms, r.cpuMs);
console.log(`\n1. ${inputs} inputs per function, sizes 16 B – ${kb(maxSize)} (log-uniform), families: ${families.join(', ')} (mutated-page: 40%)`);
console.log(`${pad('function', 24)} ${pad('inputs', 7)} ${pad('ok', 6)} ${pad('coded', 6)} ${pad('bad', 4)} ${pad('timeout', 7)} ${pad('>1s', 4)} slowest (least of wall and process CPU)`);
const bad: string[] = [];
let totalBad = 0;
/** Phase 1 calls whose bound passed 1 s: timed again alone once the solo thread is warm. */
const suspects: FuzzCase[] = [];
for (const target of targets) {
  const cases: FuzzCase[] = Array.from({ length: inputs }, (_, i) => {
    const s = inputSeed(seed, target, i);
    const rng = createRandom(s);
    const family = pages.length && rng.chance(0.4) ? 'mutated-page' : rng.pick(Object.keys(FAMILIES));
    return { target, family, seed: s, size: Math.round(16 * (maxSize / 16) ** rng.next()), corpus };
  });
  const started = performance.now();
  const results = await all(cases, run);
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  let slowest = 0;
  results.forEach((r, i) => {
    if (own(r) > own(results[slowest])) slowest = i;
    if (r.outcome === 'bad') {
      totalBad++;
      if (bad.length < 20) bad.push(`  ${target} · ${cases[i].family} · seed ${cases[i].seed} · size ${cases[i].size}: ${(r as FuzzOutcome).message}`);
    }
  });
  results.forEach((r, i) => own(r) > 1000 && suspects.push(cases[i]));
  const slow = results.filter((r) => own(r) > 1000).length;
  const s = cases[slowest];
  console.log(`${pad(target, 24)} ${pad(String(inputs), 7)} ${pad(String(count('ok')), 6)} ${pad(String(count('coded')), 6)} ${pad(String(count('bad')), 4)} ${pad(String(count('timeout')), 7)} ${pad(String(slow), 4)} ${fmt(own(results[slowest]))} (${s.family}, ${kb(s.size)}); ${((performance.now() - started) / 1000).toFixed(0)} s wall`);
}
console.log(totalBad ? `errors that are not SitrepErrors with a registered code (first ${bad.length} of ${totalBad}; rerun one with its seed and size):\n${bad.join('\n')}` : 'errors that are not SitrepErrors with a registered code: 0');

await pool.destroy();

// Phases 2 and 3: one thread, one call at a time, warmed on every function × family first (a worker
// that meets a hostile input has parsed pages before), so CPU time is the call's own and steady-state.
// Each part starts a new thread: a heap left large by the 2 MiB calls made later small calls pay its
// collections (a 128K call measured 37 ms there, 11 ms on a thread of its own).
const pairs = targets.flatMap((target) => families.map((family) => ({ target, family })));
let solo = fuzzPool(1);
async function freshSolo(): Promise<void> {
  await solo.destroy();
  solo = fuzzPool(1);
  await all(pairs, ({ target, family }) => runSolo({ target, family, seed: inputSeed(seed, `${target}/warm`, 0), size: 8192, corpus }), 1);
}
const runSolo = (c: FuzzCase) => run({ ...c, collectFirst: true }, solo);
const collected = typeof (globalThis as { gc?: unknown }).gc === 'function';
await freshSolo();

const slowInPhase1: string[] = [];
if (suspects.length > 0) {
  console.log(`\n   phase 1's ${suspects.length} calls over 1 s, timed again alone (CPU):`);
  for (const c of suspects) {
    const r = await runSolo(c);
    const line = `  ${pad(c.target, 24)} ${pad(c.family, 18)} seed ${c.seed} size ${kb(c.size)}: ${fmt(r.cpuMs)}`;
    console.log(line);
    if (r.cpuMs > 1000) slowInPhase1.push(line);
  }
}

// 2. Every family at the API body limit.
const slowAtLimit: string[] = [];
if (!values['skip-big']) {
  console.log(`\n2. each function × family once at the API body limit (${kb(bodyLimit)}): calls over 1 s of CPU (wall time beside it)`);
  const cases = pairs.map(({ target, family }) => ({ target, family, seed: inputSeed(seed, `${target}/big`, 0), size: bodyLimit, corpus }));
  const results = await all(cases, runSolo, 1);
  results.forEach((r, i) => {
    if (r.cpuMs > 1000) slowAtLimit.push(`  ${pad(cases[i].target, 24)} ${pad(cases[i].family, 18)} ${fmt(r.cpuMs)} CPU, ${fmt(r.ms)} wall`);
  });
  console.log(slowAtLimit.length ? slowAtLimit.join('\n') : '  none');
  const slowest = results.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a));
  console.log(`  (${cases.length} calls; slowest ${fmt(slowest.cpuMs)} CPU, ${fmt(slowest.ms)} wall)`);
}

// 3. Growth per doubling.
async function growth(sizes: number[], pairs: Array<{ target: string; family: string }>) {
  const rows = await all(pairs, async ({ target, family }) => {
    const times: number[] = [];
    for (const size of sizes) {
      const c = { target, family, seed: inputSeed(seed, `${target}/growth`, 0), size, corpus };
      // The least of five runs under 0.1 s, three under 2 s, else one: a few-ms call is mostly GC and timer noise.
      let t = (await runSolo(c)).cpuMs;
      for (let again = 0; again < 4 && t < 2000 && (again < 2 || t < 100); again++) t = Math.min(t, (await runSolo(c)).cpuMs);
      times.push(t);
      if (t === Infinity) break;
    }
    const measured = times.filter((t) => t !== Infinity);
    const ratio = measured.length === sizes.length && times[0] > 0 ? (times[times.length - 1] / times[0]) ** (1 / (sizes.length - 1)) : Infinity;
    return { target, family, times, ratio };
  }, 1);
  return rows;
}
function printGrowth(rows: Awaited<ReturnType<typeof growth>>, sizes: number[], limit: number) {
  console.log(`${pad('function', 24)} ${pad('family', 18)} ${sizes.map((s) => pad(kb(s), 8)).join(' ')} ×/doubling`);
  const shown = [...rows].sort((a, b) => (b.times[b.times.length - 1] ?? Infinity) - (a.times[a.times.length - 1] ?? Infinity) || b.ratio - a.ratio).slice(0, limit);
  for (const r of shown) {
    const cells = sizes.map((_, i) => pad(i < r.times.length ? fmt(r.times[i]) : '-', 8)).join(' ');
    const last = r.times[r.times.length - 1];
    const verdict = r.ratio === Infinity ? 'runaway' : last < 20 ? `${r.ratio.toFixed(2)} (fast)` : `${r.ratio.toFixed(2)}${r.ratio > 2.5 ? '  ← over 2.5' : ''}`;
    console.log(`${pad(r.target, 24)} ${pad(r.family, 18)} ${cells} ${verdict}`);
  }
  const over = rows.filter((r) => r.ratio > 2.5 && (r.times[r.times.length - 1] ?? Infinity) >= 20);
  console.log(`  ${rows.length} pairs; growing faster than ×2.5 per doubling (and ≥ 20 ms at the largest; below that it is noise): ${over.length ? over.map((r) => `${r.target} / ${r.family}`).join('; ') : 'none'}`);
}

const smallSizes = [base, base * 2, base * 4, base * 8];
// A mutated page is a slice of one real page (all of it when shorter): its sizes hold different text, not more of the same.
console.log(`\n3. growth: CPU time at n, 2n, 4n, 8n (n = ${kb(base)}), every function × adversarial family (not mutated-page: its sizes are not scaled), slowest first`);
console.log(collected ? '   (each timed call starts on a collected heap: --expose-gc)' : '   (without --expose-gc: a call may pay for collecting the garbage of the one before; run it as `npm run fuzz`)');
await freshSolo();
const small = await growth(smallSizes, pairs.filter((pair) => pair.family !== 'mutated-page'));
printGrowth(small, smallSizes, 15);
if (!values['skip-big']) {
  const bigSizes = [bodyLimit / 8, bodyLimit / 4, bodyLimit / 2, bodyLimit];
  const slowest = [...small].sort((a, b) => (b.times[3] ?? Infinity) - (a.times[3] ?? Infinity)).slice(0, 8);
  console.log(`\n   the 8 slowest again, up to the body limit:`);
  printGrowth(await growth(bigSizes, slowest), bigSizes, 8);
}
console.log(`\nsummary: ${totalBad} uncoded errors, ${slowInPhase1.length} calls over 1 s of CPU in phase 1, ${slowAtLimit.length} over 1 s of CPU at the body limit`);
await solo.destroy();
