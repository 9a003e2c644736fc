import { afterAll, describe, expect, it } from 'vitest';
import { newRunId } from '../../src/queues/sitrep-queues.js';
import { articleHtml } from '../helpers/article-html.js';
import { arrivalStats, startMeteredHost, type MeteredHost } from '../helpers/metered-host.js';
import { createTestRuntime, waitFor, type TestRuntime } from '../helpers/test-runtime.js';
import { startWorkerFleet, type WorkerFleet } from '../helpers/worker-fleet.js';

const ROBOTS = 'User-agent: *\nDisallow: /private/\n';
const LIMITS = { maxInFlight: 2, requestsPerSecond: 4 };

describe('per-host politeness across three worker processes (loopback hosts count what they see)', () => {
  let rt: TestRuntime | undefined;
  let fleet: WorkerFleet | undefined;
  const hosts: MeteredHost[] = [];
  let throttledAt = 0;
  afterAll(async () => {
    await fleet?.stop();
    await rt?.cleanup();
    await Promise.all(hosts.map((h) => h.close()));
  });

  it('holds every host to its limits, never asks for a disallowed URL (nor follows a redirect to one), and a 429 pauses only its host', { timeout: 180_000 }, async () => {
    for (const [i, address] of ['127.0.0.2', '127.0.0.3', '127.0.0.4'].entries()) {
      hosts.push(
        await startMeteredHost(address, async (_req, res, path, count) => {
          if (path === '/robots.txt') {
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.end(ROBOTS);
            return;
          }
          if (path === '/moved') {
            res.writeHead(302, { location: hosts[(i + 1) % 3].url('/private/moved') });
            res.end();
            return;
          }
          // Slow enough that two in flight is the binding limit, not the rate.
          await new Promise((r) => setTimeout(r, 600));
          if (address === '127.0.0.4' && path === '/news/1' && count === 1) {
            throttledAt = performance.now();
            res.writeHead(429, { 'retry-after': '2' });
            res.end();
            return;
          }
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(articleHtml(`Report ${path} from ${address}`));
        }),
      );
    }
    rt = await createTestRuntime();
    fleet = await startWorkerFleet(3, {
      SITREP_REDIS_URL: rt.config.redis.url as string,
      SITREP_QUEUE_PREFIX: rt.prefix,
      SITREP_FETCH_ALLOW: '127.0.0.0/8',
      SITREP_MAX_DEPTH: '0',
      SITREP_BACKOFF_BASE_MS: '200',
      SITREP_POLITENESS_MAX_IN_FLIGHT: String(LIMITS.maxInFlight),
      SITREP_POLITENESS_REQUESTS_PER_SECOND: String(LIMITS.requestsPerSecond),
    });
    const urls = hosts.flatMap((h) => [...Array.from({ length: 7 }, (_, i) => h.url(`/news/${i}`)), h.url('/private/draft'), h.url('/moved')]);
    const runId = newRunId();
    await rt.queues.submitUrls(urls, { runId });
    const test = rt;
    await waitFor(async () => (await test.queues.units.progress(runId)).done, 150_000, 'every unit to end');

    expect(await rt.queues.units.progress(runId)).toMatchObject({ submitted: 27, completed: 21, dead: 6 });
    const letters = await rt.queues.deadLetters.list();
    expect(letters.map((l) => l.code)).toEqual(Array(6).fill('SITREP_ERR_ROBOTS_DISALLOWED'));
    for (const host of hosts) {
      expect([host.requests('/private/draft'), host.requests('/private/moved'), host.requests('/moved')], host.host).toEqual([0, 0, 1]);
      expect(host.requests('/robots.txt'), host.host).toBe(1);
      expect(host.maxInFlight(), host.host).toBeLessThanOrEqual(LIMITS.maxInFlight);
      // The site's own clock: at most the rate in any second (one more allowed for the few ms a request spends between worker and site).
      expect(arrivalStats(host.log.map((e) => e.at)).maxInWindow, host.host).toBeLessThanOrEqual(LIMITS.requestsPerSecond + 1);
    }
    // The 429's Retry-After (2 s) held the whole host, whichever worker came next: nothing arrived from
    // 1.2 s after it until its 2 s were over (less 50 ms for the two clocks), and the host resumed.
    // (Requests granted before the 429 reached Redis may still arrive in the first 1.2 s: a loaded
    // machine delays their writes by up to ~0.6 s, which made a "longest gap ≥ 1.5 s" check flaky.)
    const since = hosts[2].log.filter((e) => e.at > throttledAt).map((e) => e.at - throttledAt);
    expect(since.filter((at) => at > 1200 && at < 1950), `arrivals after the 429 (ms): ${since.map(Math.round).join(', ')}`).toEqual([]);
    expect(since.some((at) => at >= 1950)).toBe(true);
  });
});
