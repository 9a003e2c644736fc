/**
 * Body-extraction benchmark: parseArticle over ../shared/datasets/article-extraction-benchmark.
 * Prints F1, precision, recall, empty bodies, pages/s (one core, after a warm-up) and peak RSS.
 *   npm run bench:parse [-- --out predictions.json] [--worst N] [--rounds N] [--dataset DIR]
 * --out writes {id: {articleBody}} for independent scoring; --worst prints the N lowest-F1 pages.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { parseArticle } from '../src/pipeline/parse/parse-article.js';
import { corpusScore, pageCounts, pagePrecision, pageRecall, type PageCounts } from './shingle-metric.js';

interface Args {
  out: string | null;
  worst: number;
  rounds: number;
  dataset: string;
}

function readArgs(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      worst: { type: 'string', default: '0' },
      rounds: { type: 'string', default: '3' },
      dataset: { type: 'string', default: '../shared/datasets/article-extraction-benchmark' },
    },
  });
  return {
    out: values.out ?? null,
    worst: Number(values.worst),
    rounds: Math.max(1, Number(values.rounds)),
    dataset: resolve(process.cwd(), values.dataset),
  };
}

function predict(html: string, url: string): string {
  try {
    return parseArticle({ html, url }).text;
  } catch (error) {
    if ((error as { code?: string }).code === 'SITREP_ERR_NO_ARTICLE') return '';
    throw error;
  }
}

/**
 * Old-space cap for the run, as a parse worker is meant to be started (`node --max-old-space-size`):
 * without it V8 lets dead DOMs pile up to ~400 MB before a full collection. The flag only works
 * at start-up, so the script re-runs itself in a child process with it.
 */
const OLD_SPACE_MB = 128;
const CHILD_ENV = 'SITREP_BENCH_PARSE_CHILD';

function main(): void {
  if (process.env[CHILD_ENV] === undefined) {
    const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${OLD_SPACE_MB}`, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, [CHILD_ENV]: '1' },
    });
    process.exitCode = child.status ?? 1;
    return;
  }
  const args = readArgs(process.argv.slice(2));
  const truthPath = join(args.dataset, 'ground-truth.json');
  if (!existsSync(truthPath)) {
    console.log(`bench:parse skipped: dataset not found at ${args.dataset}`);
    return;
  }
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<string, { url: string; articleBody: string }>;
  const htmlDir = join(args.dataset, 'html');
  const files = new Set(readdirSync(htmlDir));
  const pages = Object.entries(truth)
    .filter(([id]) => files.has(`${id}.html.gz`))
    .map(([id, page]) => ({ id, url: page.url, body: page.articleBody, html: gunzipSync(readFileSync(join(htmlDir, `${id}.html.gz`))).toString('utf8') }));

  // Warm-up round: JIT and lazy module state, not timed.
  const predictions = new Map<string, string>();
  for (const page of pages) predictions.set(page.id, predict(page.html, page.url));

  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let round = 0; round < args.rounds; round++) for (const page of pages) predict(page.html, page.url);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  // CPU time of the whole process (GC helper threads included): the figure that does not depend on
  // what else the machine runs, and never flatters a single-threaded parse.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const parsed = pages.length * args.rounds;

  const counts: Array<{ id: string; url: string; counts: PageCounts }> = pages.map((page) => ({
    id: page.id,
    url: page.url,
    counts: pageCounts(page.body, predictions.get(page.id) ?? ''),
  }));
  const score = corpusScore(counts.map((c) => c.counts));
  const empty = pages.filter((page) => (predictions.get(page.id) ?? '').trim() === '').length;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  console.log(`pages      ${pages.length}`);
  console.log(`F1         ${score.f1.toFixed(4)}`);
  console.log(`precision  ${score.precision.toFixed(4)}`);
  console.log(`recall     ${score.recall.toFixed(4)}`);
  console.log(`empty      ${empty}`);
  console.log(`pages/s    ${(parsed / seconds).toFixed(1)} wall clock, ${(parsed / cpuSeconds).toFixed(1)} per CPU second (${args.rounds} rounds after warm-up, one thread)`);
  const cap = process.execArgv.find((a) => a.startsWith('--max-old-space-size='))?.split('=')[1];
  console.log(`peak RSS   ${peakRssMb.toFixed(0)} MB (${cap ? `old space capped at ${cap} MB` : 'old space not capped'})`);

  if (args.worst > 0) {
    const ranked = counts
      .map((c) => {
        const p = pagePrecision(c.counts);
        const r = pageRecall(c.counts);
        return { ...c, p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
      })
      .sort((a, b) => a.f1 - b.f1)
      .slice(0, args.worst);
    console.log(`\nworst ${ranked.length}:`);
    for (const page of ranked) {
      console.log(`${page.f1.toFixed(3)}  P ${page.p.toFixed(3)}  R ${page.r.toFixed(3)}  ${page.id.slice(0, 12)}  ${page.url}`);
    }
  }
  if (args.out !== null) {
    const out: Record<string, { articleBody: string }> = {};
    for (const [id, text] of predictions) out[id] = { articleBody: text };
    writeFileSync(args.out, `${JSON.stringify(out, null, 1)}\n`);
    console.log(`predictions written to ${args.out}`);
  }
}

main();
