// Per-host politeness across worker processes, measured by the sites themselves: 8 loopback hosts
// (127.0.0.2 … 127.0.0.9) serve 400 URLs to 3 `sitrep worker` processes sharing one Redis; each host
// logs every request (robots.txt included) and how many were in flight. Prints, per host, requests,
// peak in flight and rate against the limits, and the total time against the ideal the limits allow.
// Usage: npm run bench:politeness [-- --urls 400 --workers 3]   (SITREP_BENCH_REDIS_URL: default 127.0.0.1:6379)
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/logger.js';
import { newRunId, SitrepQueues } from '../src/queues/sitrep-queues.js';
import { createRedis } from '../src/redis/redis-connection.js';
import { articleHtml } from '../tests/helpers/article-html.js';
import { arrivalStats, startMeteredHost, type MeteredHost } from '../tests/helpers/metered-host.js';
import { removeKeys } from '../tests/helpers/test-runtime.js';
import { startWorkerFleet } from '../tests/helpers/worker-fleet.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const totalUrls = arg('urls', 400);
const workerCount = arg('workers', 3);
const redisUrl = process.env.SITREP_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Three kinds of site: default limits and quick pages (rate-bound), a slow site allowed more (in-flight-bound), a faster one. */
interface Site {
  address: string;
  maxInFlight: number;
  requestsPerSecond: number;
  /** How long the site takes to answer a page. */
  answerMs: number;
  overridden: boolean;
}
const SITES: Site[] = [2, 3, 4, 5, 6, 7, 8, 9].map((n) => {
  const address = `127.0.0.${n}`;
  if (n <= 5) return { address, maxInFlight: 2, requestsPerSecond: 1, answerMs: 50, overridden: false };
  if (n <= 7) return { address, maxInFlight: 2, requestsPerSecond: 5, answerMs: 700, overridden: true };
  return { address, maxInFlight: 3, requestsPerSecond: 2, answerMs: 200, overridden: true };
});
/** Every tenth URL of a site is under /private/, which its robots.txt disallows. */
const ROBOTS = 'User-agent: *\nDisallow: /private/\n';

const hosts: MeteredHost[] = [];
for (const site of SITES) {
  hosts.push(
    await startMeteredHost(site.address, async (_req, res, path) => {
      if (path === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(ROBOTS);
        return;
      }
      await new Promise((r) => setTimeout(r, site.answerMs));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articleHtml(`Report ${path} from ${site.address}`));
    }),
  );
}

const prefix = `{sitrep-bench-${randomBytes(3).toString('hex')}}`;
const overrides = Object.fromEntries(SITES.filter((s) => s.overridden).map((s) => [s.address, { maxInFlight: s.maxInFlight, requestsPerSecond: s.requestsPerSecond }]));
const env = {
  SITREP_REDIS_URL: redisUrl,
  SITREP_QUEUE_PREFIX: prefix,
  SITREP_FETCH_ALLOW: '127.0.0.0/8',
  SITREP_POLITENESS_HOSTS: JSON.stringify(overrides),
  SITREP_MAX_DEPTH: '0',
  SITREP_LOG_LEVEL: 'warn',
};
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const loadAtStart = load();
// The sites stamp arrivals on this process's event loop: a late loop bunches the stamps.
const siteLoop = monitorEventLoopDelay({ resolution: 10 });
console.log(`starting ${workerCount} worker processes …`);
const fleet = await startWorkerFleet(workerCount, { ...env, SITREP_LOG_LEVEL: 'info' });

const config = loadConfig({ env: {}, overrides: { redis: { url: redisUrl, embedded: false }, queue: { prefix }, fetch: { allow: ['127.0.0.0/8'] } } });
const connection = createRedis(redisUrl);
await connection.connect();
const queues = new SitrepQueues(config, connection, createLogger('silent'));

const urls = Array.from({ length: totalUrls }, (_, i) => {
  const host = hosts[i % hosts.length];
  const n = Math.floor(i / hosts.length);
  return host.url(n % 10 === 9 ? `/private/${n}` : `/news/${n}`);
});
const runId = newRunId();
siteLoop.enable();
const t0 = performance.now();
await queues.submitUrls(urls, { runId });
let progress = await queues.units.progress(runId);
while (!progress.done) {
  await new Promise((r) => setTimeout(r, 50));
  progress = await queues.units.progress(runId);
}
const totalMs = performance.now() - t0;
const deadCodes: Record<string, number> = {};
for (const letter of await queues.deadLetters.list({ limit: 1000 })) deadCodes[letter.code] = (deadCodes[letter.code] ?? 0) + 1;

/** What the limits allow a site: its requests (robots.txt + pages) one interval apart, or in rounds of maxInFlight answers, whichever is slower. */
function idealMs(site: Site, requests: number): number {
  const interval = 1000 / site.requestsPerSecond;
  const rateBound = (requests - 1) * interval + site.answerMs;
  const flightBound = Math.ceil(requests / site.maxInFlight) * site.answerMs;
  return Math.max(rateBound, flightBound);
}

const pad = (v: unknown, n: number) => String(v).padStart(n);
console.log('');
console.log(`host        limit (in flight, req/s)  requests  robots.txt  disallowed hit  peak in flight  max in 1 s  min gap ms  gaps < 1/rate  span s  ideal s`);
let ideal = 0;
let violations = 0;
for (const [i, site] of SITES.entries()) {
  const host = hosts[i];
  const times = host.log.map((e) => e.at);
  const { maxInWindow, minGapMs } = arrivalStats(times, 1000);
  const privateHits = host.log.filter((e) => e.path.startsWith('/private/')).length;
  const span = (Math.max(...times) - Math.min(...times) + site.answerMs) / 1000;
  const siteIdeal = idealMs(site, host.log.length);
  ideal = Math.max(ideal, siteIdeal);
  const sorted = [...times].sort((a, b) => a - b);
  const shortGaps = sorted.slice(1).filter((t, k) => t - sorted[k] < 1000 / site.requestsPerSecond).length;
  const over = host.maxInFlight() > site.maxInFlight || maxInWindow > Math.ceil(site.requestsPerSecond) || privateHits > 0 || host.requests('/robots.txt') !== 1;
  if (over) violations++;
  console.log(
    `${site.address.padEnd(12)}${pad(`${site.maxInFlight}, ${site.requestsPerSecond}`, 24)}  ${pad(host.log.length, 8)}  ${pad(host.requests('/robots.txt'), 10)}  ${pad(privateHits, 14)}  ${pad(host.maxInFlight(), 14)}  ${pad(maxInWindow, 10)}  ${pad(minGapMs.toFixed(0), 10)}  ${pad(shortGaps, 13)}  ${pad(span.toFixed(1), 6)}  ${pad((siteIdeal / 1000).toFixed(1), 7)}${over ? '  OVER' : ''}`,
  );
}
console.log('');
console.log(`urls          ${totalUrls} over ${SITES.length} hosts, ${workerCount} worker processes; records ${progress.completed}, dead letters ${progress.dead} ${JSON.stringify(deadCodes)}`);
console.log(`limits held   ${violations === 0 ? 'yes' : `NO (${violations} host(s) over)`}: peak in flight ≤ maxInFlight, arrivals in any 1 s ≤ requestsPerSecond, robots.txt once per host, no disallowed URL requested`);
console.log(`load average  ${loadAtStart} at the start, ${load()} at the end (1, 5, 15 min)`);
console.log(`site clocks   the sites' event loop ran late by up to ${(siteLoop.max / 1e6).toFixed(0)} ms (p99 ${(siteLoop.percentile(99) / 1e6).toFixed(0)} ms): arrival stamps, and so gaps, are that coarse`);
console.log(`total time    ${(totalMs / 1000).toFixed(1)} s (submission to the last record or dead letter); ideal ${(ideal / 1000).toFixed(1)} s → ${((totalMs / ideal - 1) * 100).toFixed(1)}% over`);

await fleet.stop();
await queues.close();
await removeKeys(connection, prefix);
await connection.quit();
await Promise.all(hosts.map((h) => h.close()));
