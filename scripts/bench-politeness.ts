// Per-host politeness across worker processes, measured by the sites themselves: 8 loopback hosts
// (127.0.0.2 … 127.0.0.9, in a process of their own: scripts/bench-politeness-sites.ts) serve 400
// URLs to 3 `sitrep worker` processes sharing one Redis; each host logs every request (robots.txt
// included) and how many were in flight. Prints, per host, requests, peak in flight and rate
// against the limits, and the total time against the ideal the limits allow.
// Usage: npm run bench:politeness [-- --urls 400 --workers 3]   (SITREP_BENCH_REDIS_URL: default 127.0.0.1:6379)
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/logger.js';
import { newRunId, SitrepQueues } from '../src/queues/sitrep-queues.js';
import { createRedis } from '../src/redis/redis-connection.js';
import { arrivalStats } from '../tests/helpers/metered-host.js';
import { removeKeys } from '../tests/helpers/test-runtime.js';
import { startWorkerFleet } from '../tests/helpers/worker-fleet.js';
import type { SitesMessage, SitesSpec } from './bench-politeness-sites.js';

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

const spec: SitesSpec = { sites: SITES.map(({ address, answerMs }) => ({ address, answerMs })), robots: ROBOTS };
const sites = fork(fileURLToPath(new URL('./bench-politeness-sites.ts', import.meta.url)), [JSON.stringify(spec)], { execArgv: ['--import', 'tsx'], detached: true });
const nextMessage = async <K extends SitesMessage['kind']>(kind: K) => {
  for (;;) {
    const [message] = (await once(sites, 'message')) as [SitesMessage];
    if (message.kind === kind) return message as Extract<SitesMessage, { kind: K }>;
  }
};
const ready = await nextMessage('ready');
const baseUrls = ready.baseUrls;

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
console.log(`starting ${workerCount} worker processes …`);
const fleet = await startWorkerFleet(workerCount, { ...env, SITREP_LOG_LEVEL: 'info' });

/** CPU time (ms) the worker processes have used so far (Linux /proc; 0 elsewhere). */
function fleetCpuMs(): number {
  let ticks = 0;
  for (const pid of fleet.pids) {
    try {
      // utime and stime, in clock ticks (100 a second), after the ")" that ends the command name.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  }
  return ticks * 10;
}
// "workers started" comes before each worker's first CPU thread has loaded the stages and the NER
// model (seconds of CPU, three workers at once): counted from there, the total timed start-up, not
// politeness. The clock starts once the fleet idles (under a fifth of a core over half a second).
const warmStart = performance.now();
for (let before = fleetCpuMs(); performance.now() - warmStart < 60_000; ) {
  await new Promise((r) => setTimeout(r, 500));
  const now = fleetCpuMs();
  if (now - before < 100) break;
  before = now;
}
const warmUpS = ((performance.now() - warmStart) / 1000).toFixed(1);

const config = loadConfig({ env: {}, overrides: { redis: { url: redisUrl, embedded: false }, queue: { prefix }, fetch: { allow: ['127.0.0.0/8'] } } });
const connection = createRedis(redisUrl);
await connection.connect();
const queues = new SitrepQueues(config, connection, createLogger('silent'));

const urls = Array.from({ length: totalUrls }, (_, i) => {
  const base = baseUrls[i % baseUrls.length];
  const n = Math.floor(i / baseUrls.length);
  return new URL(n % 10 === 9 ? `/private/${n}` : `/news/${n}`, base).href;
});
const runId = newRunId();
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
sites.send('report');
const report = await nextMessage('report');

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
  const host = report.hosts[i];
  const requests = (path: string) => host.log.filter((e) => e.path === path).length;
  const times = host.log.map((e) => e.at);
  const { maxInWindow, minGapMs } = arrivalStats(times, 1000);
  const privateHits = host.log.filter((e) => e.path.startsWith('/private/')).length;
  const span = (Math.max(...times) - Math.min(...times) + site.answerMs) / 1000;
  const siteIdeal = idealMs(site, host.log.length);
  ideal = Math.max(ideal, siteIdeal);
  const sorted = [...times].sort((a, b) => a - b);
  const shortGaps = sorted.slice(1).filter((t, k) => t - sorted[k] < 1000 / site.requestsPerSecond).length;
  const over = host.maxInFlight > site.maxInFlight || maxInWindow > Math.ceil(site.requestsPerSecond) || privateHits > 0 || requests('/robots.txt') !== 1;
  if (over) violations++;
  console.log(
    `${site.address.padEnd(12)}${pad(`${site.maxInFlight}, ${site.requestsPerSecond}`, 24)}  ${pad(host.log.length, 8)}  ${pad(requests('/robots.txt'), 10)}  ${pad(privateHits, 14)}  ${pad(host.maxInFlight, 14)}  ${pad(maxInWindow, 10)}  ${pad(minGapMs.toFixed(0), 10)}  ${pad(shortGaps, 13)}  ${pad(span.toFixed(1), 6)}  ${pad((siteIdeal / 1000).toFixed(1), 7)}${over ? '  OVER' : ''}`,
  );
}
console.log('');
console.log(`urls          ${totalUrls} over ${SITES.length} hosts, ${workerCount} worker processes; records ${progress.completed}, dead letters ${progress.dead} ${JSON.stringify(deadCodes)}`);
console.log(`limits held   ${violations === 0 ? 'yes' : `NO (${violations} host(s) over)`}: peak in flight ≤ maxInFlight, arrivals in any 1 s ≤ requestsPerSecond, robots.txt once per host, no disallowed URL requested`);
console.log(`warm-up       ${warmUpS} s after "workers started" until the fleet idled (not in the total)`);
console.log(`load average  ${loadAtStart} at the start, ${load()} at the end (1, 5, 15 min)`);
console.log(`site clocks   the sites' event loop (${ready.clock}) ran late by up to ${report.loopLateMaxMs.toFixed(0)} ms (p99 ${report.loopLateP99Ms.toFixed(0)} ms, at a 10 ms resolution): arrival stamps, and so gaps, are that coarse`);
console.log(`total time    ${(totalMs / 1000).toFixed(1)} s (submission to the last record or dead letter); ideal ${(ideal / 1000).toFixed(1)} s → ${((totalMs / ideal - 1) * 100).toFixed(1)}% over`);

await fleet.stop();
await queues.close();
await removeKeys(connection, prefix);
await connection.quit();
if (sites.connected) sites.disconnect();
