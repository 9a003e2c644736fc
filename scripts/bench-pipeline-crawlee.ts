// The peer of bench:pipeline: Crawlee's CheerioCrawler fetching and parsing the same URLs (fetch+parse
// only: the title and the paragraphs' text), in a process of its own so its CPU and RSS are its own.
// Usage (bench:pipeline runs it): tsx scripts/bench-pipeline-crawlee.ts <file with one URL a line> <concurrency>
// Prints one JSON line: {pages, failed, seconds, cpuMs, peakRssBytes}. Storage stays in memory (a temp dir
// if anything is written); nothing is downloaded.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheerioCrawler, Configuration, log } from '@crawlee/cheerio';

const [file, concurrencyArg] = process.argv.slice(2);
const urls = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const concurrency = Number(concurrencyArg ?? 16);
const storage = mkdtempSync(join(tmpdir(), 'sitrep-crawlee-'));
log.setLevel(log.LEVELS.ERROR);
const config = new Configuration({ persistStorage: false, storageClientOptions: { localDataDirectory: storage }, purgeOnStart: true });
let pages = 0;
let chars = 0;
const crawler = new CheerioCrawler(
  {
    // Fixed concurrency: the autoscaler would otherwise react to the other work on this machine.
    minConcurrency: concurrency,
    maxConcurrency: concurrency,
    maxRequestRetries: 0,
    requestHandlerTimeoutSecs: 60,
    async requestHandler({ $ }) {
      chars += $('title').text().length + $('p').text().length;
      pages++;
    },
  },
  config,
);
const cpu = process.cpuUsage();
const started = performance.now();
const stats = await crawler.run(urls);
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
rmSync(storage, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ pages, failed: stats.requestsFailed, chars, seconds, cpuMs: (used.user + used.system) / 1000, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
