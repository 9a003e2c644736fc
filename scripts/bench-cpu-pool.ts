/**
 * What running parse and extract in the CPU pool's worker threads costs per job, against calling them
 * on the event loop: the benchmark pages (../shared/datasets/article-extraction-benchmark; generated
 * pages, with the reason printed, when absent), one job at a time (latency) and four at a time
 * (throughput, as queue.concurrency), plus the fixed cost of a round trip with a trivial task.
 *   npm run bench:cpu-pool [-- --rounds N --threads N]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { extractFacts } from '../src/pipeline/extract/extract-facts.js';
import { createCpuPool } from '../src/workers/cpu-pool.js';
import { parsePage } from '../src/workers/parse-page.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, threads: { type: 'string', default: '2' }, dataset: { type: 'string', default: '../shared/datasets/article-extraction-benchmark' } } });
const rounds = Number(values.rounds);
const threads = Number(values.threads);

function loadPages(): string[] {
  const dir = join(values.dataset!, 'html');
  if (existsSync(dir)) return readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort().map((f) => gunzipSync(readFileSync(join(dir, f))).toString('utf8'));
  console.log(`${dir} is absent: using 100 generated pages`);
  const paragraph = '<p>Three people were killed and twelve injured when a missile struck a residential building in Kharkiv on Monday, the governor said.</p>';
  return Array.from({ length: 100 }, (_, i) => `<html><head><title>Page ${i}</title></head><body><article>${paragraph.repeat(5 + (i % 20))}</article></body></html>`);
}

const pages = loadPages();
const bytes = pages.reduce((n, p) => n + p.length, 0);
console.log(`${pages.length} pages, ${(bytes / 1024 / 1024).toFixed(1)} MiB; ${rounds} rounds; pool of ${threads} threads`);

type Job = (page: string) => Promise<unknown>;
const inProcess: Job = async (page) => {
  try {
    const article = parsePage(page, 'text/html', null);
    return extractFacts(article.text, { publishedAt: article.publishedAt, language: article.language });
  } catch {
    return null; // pages without an article count as done
  }
};
const pool = createCpuPool({ threads, deadlineMs: 60_000 });
const inPool: Job = async (page) => {
  try {
    const article = await pool.run('parse', { body: page, contentType: 'text/html', url: null });
    return await pool.run('extract', { text: article.text, options: { publishedAt: article.publishedAt, language: article.language } });
  } catch {
    return null;
  }
};

async function timed(job: Job, concurrency: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < pages.length) await job(pages[next++]);
  }));
  return performance.now() - started;
}

async function measure(name: string, job: Job): Promise<void> {
  await timed(job, 1); // warm-up (JIT, threads started)
  let one = Infinity;
  let four = Infinity;
  for (let r = 0; r < rounds; r++) {
    one = Math.min(one, await timed(job, 1));
    four = Math.min(four, await timed(job, 4));
  }
  console.log(`${name.padEnd(22)} ${(one / pages.length).toFixed(2).padStart(6)} ms/job one at a time   ${((pages.length / four) * 1000).toFixed(0).padStart(5)} jobs/s four at a time`);
}

await measure('in-process (before)', inProcess);
await measure(`piscina pool`, inPool);

const trivial = { kind: 'article' as const, content: 'x', contentType: 'text/plain' };
for (let i = 0; i < 200; i++) await pool.run('discover', trivial);
const started = performance.now();
for (let i = 0; i < 2000; i++) await pool.run('discover', trivial);
console.log(`fixed cost of one pool round trip (trivial task): ${(((performance.now() - started) / 2000) * 1000).toFixed(0)} µs`);
await pool.close();
