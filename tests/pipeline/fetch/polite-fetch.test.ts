import { randomBytes } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SitrepError } from '../../../src/errors/sitrep-error.js';
import { createPageFetcher, type PageFetcher } from '../../../src/pipeline/fetch/fetch-page.js';
import { politeFetch, type PoliteFetchDeps } from '../../../src/pipeline/fetch/polite-fetch.js';
import { hostKeyPattern } from '../../../src/queues/host-keys.js';
import { HostLimiter } from '../../../src/queues/host-limiter.js';
import { RobotsCache } from '../../../src/queues/robots-cache.js';
import { arrivalStats, startMeteredHost, type MeteredHandler, type MeteredHost } from '../../helpers/metered-host.js';
import { TEST_REDIS_URL } from '../../helpers/test-runtime.js';

const page = (text: string): MeteredHandler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<html><body><p>${text}</p></body></html>`);
};
const status = (code: number, headers: Record<string, string> = {}): MeteredHandler => (_req, res) => {
  res.writeHead(code, headers);
  res.end();
};
const robotsTxt = (body: string, rest: MeteredHandler = page('ok')): MeteredHandler => (req, res, path, count) => {
  if (path !== '/robots.txt') return rest(req, res, path, count);
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(body);
};

const FETCH_OPTIONS = { connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000, totalTimeoutMs: 5000, maxBodyBytes: 1 << 20, maxRedirects: 5, userAgent: 'sitrep/test', allow: ['127.0.0.0/8'] };

async function failure(promise: Promise<unknown>): Promise<SitrepError> {
  const thrown = await promise.then(() => undefined, (e: unknown) => e);
  if (!(thrown instanceof SitrepError)) throw new Error(`expected a SitrepError, got ${String(thrown)}`);
  return thrown;
}

describe('politeFetch: robots.txt and per-host limits (loopback hosts, real Redis)', () => {
  const prefix = `{sitrep-test-${randomBytes(4).toString('hex')}}`;
  let redis: Redis;
  let fetcher: PageFetcher;
  let hosts: MeteredHost[] = [];

  /** Two "workers": each its own robots cache and limiter over the same Redis. */
  function worker(politeness: Partial<{ requestsPerSecond: number; maxInFlight: number }> = {}, robotsTtlSeconds = 60): PoliteFetchDeps {
    const config = { maxInFlight: 2, requestsPerSecond: 1000, hosts: {}, maxBackoffFactor: 32, ...politeness };
    return {
      fetcher,
      limiter: new HostLimiter(redis, prefix, { politeness: config, leaseMs: 10_000 }),
      robots: new RobotsCache(redis, prefix, { ttlSeconds: robotsTtlSeconds, errorTtlSeconds: 5, lockMs: 5000 }),
      userAgentToken: 'sitrep',
    };
  }
  async function host(address: string, handler: MeteredHandler): Promise<MeteredHost> {
    const h = await startMeteredHost(address, handler);
    hosts.push(h);
    return h;
  }
  /** Asks again after each wait, as the delayed job would (keeping its place in the host's line). */
  async function fetchPatiently(url: string, deps: PoliteFetchDeps) {
    for (;;) {
      const result = await politeFetch(url, undefined, { ...deps, callerId: url });
      if (result.kind === 'page') return result.page;
      await new Promise((r) => setTimeout(r, result.waitMs));
    }
  }

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    fetcher = createPageFetcher(FETCH_OPTIONS);
  });
  afterEach(async () => {
    await Promise.all(hosts.map((h) => h.close()));
    hosts = [];
    const keys = await redis.keys(hostKeyPattern(prefix));
    if (keys.length) await redis.del(...keys);
  });
  afterAll(async () => {
    await fetcher.close();
    await redis.quit();
  });

  it('never asks the origin for a disallowed URL, and fetches robots.txt once per origin for every worker', async () => {
    const site = await host('127.0.0.2', robotsTxt('User-agent: *\nDisallow: /private/\n'));
    const [a, b] = [worker(), worker()];
    for (const deps of [a, b, a, b]) {
      const refused = await failure(fetchPatiently(site.url('/private/secret'), deps));
      expect(refused).toMatchObject({ code: 'SITREP_ERR_ROBOTS_DISALLOWED', retryable: false });
    }
    expect((await fetchPatiently(site.url('/news/1'), b)).body).toContain('ok');
    expect(site.requests('/private/secret')).toBe(0);
    expect(site.requests('/robots.txt')).toBe(1);
  });

  it('fetches robots.txt again once its TTL is over, for every worker', async () => {
    const site = await host('127.0.0.9', robotsTxt('User-agent: *\nDisallow: /private/\n'));
    const [a, b] = [worker({}, 2), worker({}, 2)];
    await fetchPatiently(site.url('/1'), a);
    await fetchPatiently(site.url('/2'), b);
    expect(site.requests('/robots.txt')).toBe(1);
    await new Promise((r) => setTimeout(r, 2100));
    await fetchPatiently(site.url('/3'), b);
    await fetchPatiently(site.url('/4'), a);
    expect(site.requests('/robots.txt')).toBe(2);
  });

  it('allows all when robots.txt is 404, disallows all (retryable) while it answers 5xx', async () => {
    const missing = await host('127.0.0.3', (req, res, path, count) => (path === '/robots.txt' ? status(404)(req, res, path, count) : page('fine')(req, res, path, count)));
    expect((await fetchPatiently(missing.url('/a'), worker())).body).toContain('fine');

    const broken = await host('127.0.0.4', (req, res, path, count) => (path === '/robots.txt' ? status(500)(req, res, path, count) : page('never')(req, res, path, count)));
    const refused = await failure(fetchPatiently(broken.url('/a'), worker()));
    expect(refused).toMatchObject({ code: 'SITREP_ERR_ROBOTS_UNREACHABLE', retryable: true });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(5000);
    // Cached for errorTtlSeconds: a second URL does not ask again.
    await failure(fetchPatiently(broken.url('/b'), worker()));
    expect([broken.requests('/robots.txt'), broken.requests('/a'), broken.requests('/b')]).toEqual([1, 0, 0]);
  });

  it('follows a robots.txt redirect to another host and applies what it finds there (§2.3.1.2)', async () => {
    const target = await host('127.0.0.6', robotsTxt('User-agent: sitrep\nDisallow: /drafts\n'));
    const site = await host('127.0.0.5', (req, res, path, count) =>
      path === '/robots.txt' ? status(301, { location: target.url('/robots.txt') })(req, res, path, count) : page('published')(req, res, path, count),
    );
    const deps = worker();
    expect(await failure(fetchPatiently(site.url('/drafts/1'), deps))).toMatchObject({ code: 'SITREP_ERR_ROBOTS_DISALLOWED' });
    expect((await fetchPatiently(site.url('/news'), deps)).body).toContain('published');
    expect(site.requests('/drafts/1')).toBe(0);
  });

  it('applies robots.txt to redirect targets: a redirect to a disallowed URL, on another host or the same one, is never followed', async () => {
    const other = await host('127.0.0.3', robotsTxt('User-agent: *\nDisallow: /private/\n', page('open')));
    const site = await host('127.0.0.2', robotsTxt('User-agent: *\nDisallow: /private/\n', (req, res, path, count) =>
      path === '/away' ? status(302, { location: other.url('/private/leak') })(req, res, path, count)
        : path === '/fine' ? status(302, { location: other.url('/news/1') })(req, res, path, count)
          : path === '/self' ? status(301, { location: '/private/own' })(req, res, path, count)
            : page('here')(req, res, path, count),
    ));
    const [a, b] = [worker(), worker()];
    const refused = await failure(fetchPatiently(site.url('/away'), a));
    expect(refused).toMatchObject({ code: 'SITREP_ERR_ROBOTS_DISALLOWED', retryable: false, details: { host: '127.0.0.3' } });
    expect(refused.message).toContain(site.url('/away'));
    expect(await failure(fetchPatiently(site.url('/self'), b))).toMatchObject({ code: 'SITREP_ERR_ROBOTS_DISALLOWED' });
    // An allowed target is fetched as usual, with the robots.txt already cached for its origin.
    expect((await fetchPatiently(site.url('/fine'), b)).body).toContain('open');
    expect([other.requests('/private/leak'), site.requests('/private/own')]).toEqual([0, 0]);
    expect([other.requests('/robots.txt'), site.requests('/robots.txt')]).toEqual([1, 1]);
    expect(other.log.map((e) => e.path)).toEqual(['/robots.txt', '/news/1']);
  });

  it('honours Crawl-delay: the second page of the host waits for it', async () => {
    const site = await host('127.0.0.7', robotsTxt('User-agent: *\nCrawl-delay: 2\n'));
    const deps = worker();
    await fetchPatiently(site.url('/1'), deps);
    // Without the Crawl-delay this host's pace (1000/s) would let it through at once.
    expect((await politeFetch(site.url('/2'), undefined, deps)).kind).toBe('wait');
    await fetchPatiently(site.url('/2'), deps);
    const [first, second] = site.log.filter((e) => e.path !== '/robots.txt').map((e) => e.at);
    // (The site's stamps share this process's event loop: a busy machine can bunch them a little.)
    expect(second - first).toBeGreaterThan(1500);
  });

  it('a redirect hop is a request like any: it waits for its host\'s pace, on the same host or another', async () => {
    const other = await host('127.0.0.4', robotsTxt(''));
    const site = await host('127.0.0.3', robotsTxt('', (req, res, path, count) =>
      path === '/away' ? status(302, { location: other.url('/landing') })(req, res, path, count)
        : path === '/self' ? status(301, { location: '/final' })(req, res, path, count)
          : page('here')(req, res, path, count),
    ));
    // Two requests a second per host (starts 515 ms apart): each hop waits for its host's next start.
    const deps = worker({ requestsPerSecond: 2 });
    await fetchPatiently(other.url('/warm'), deps);
    expect((await fetchPatiently(site.url('/away'), deps)).finalUrl).toBe(other.url('/landing'));
    expect((await fetchPatiently(site.url('/self'), deps)).finalUrl).toBe(site.url('/final'));
    expect(other.log.map((e) => e.path)).toEqual(['/robots.txt', '/warm', '/landing']);
    expect(site.log.map((e) => e.path)).toEqual(['/robots.txt', '/away', '/self', '/final']);
    // Without the wait a hop follows in a few ms. (Half the interval: the site's stamps share this process's event loop.)
    for (const h of [site, other]) expect(arrivalStats(h.log.map((e) => e.at)).minGapMs, h.host).toBeGreaterThan(250);
  });

  it('a name that does not resolve fails at once, every URL of its host: no robots.txt, no turn of the host (the resolver is not the site)', async () => {
    let asked = 0;
    const offline = createPageFetcher(FETCH_OPTIONS, {
      lookup: ((hostname, _options, callback) => {
        asked++;
        process.nextTick(() => callback(Object.assign(new Error(`getaddrinfo EAI_AGAIN ${hostname}`), { code: 'EAI_AGAIN' }), '', 0));
      }) as LookupFunction,
    });
    const deps = { ...worker({ requestsPerSecond: 1 }), fetcher: offline };
    try {
      const errors = await Promise.all(['/a', '/b', '/c'].map((path) => failure(politeFetch(`https://news.example${path}`, undefined, { ...deps, callerId: path }))));
      for (const error of errors) expect(error).toMatchObject({ code: 'SITREP_ERR_HOST_NOT_FOUND', retryable: false, details: { host: 'news.example' } });
      expect(asked).toBe(1);
      expect(await redis.keys(hostKeyPattern(prefix))).toEqual([]);
    } finally {
      await offline.close();
    }
  });

  it('a 429 with Retry-After slows that host for every worker, not the others', async () => {
    const busy = await host('127.0.0.8', robotsTxt('', (req, res, path, count) => (path === '/hot' ? status(429, { 'retry-after': '3' })(req, res, path, count) : page('x')(req, res, path, count))));
    const calm = await host('127.0.0.9', robotsTxt(''));
    const [a, b] = [worker(), worker()];
    await fetchPatiently(busy.url('/warm'), a);
    await fetchPatiently(calm.url('/warm'), a);
    expect(await failure(fetchPatiently(busy.url('/hot'), a))).toMatchObject({ code: 'SITREP_ERR_HTTP_RATE_LIMITED' });
    // The hosts' pace (1000/s) would let it through at once, but for the Retry-After pause.
    expect((await politeFetch(busy.url('/next'), undefined, b)).kind).toBe('wait');
    expect((await politeFetch(calm.url('/next'), undefined, b)).kind).toBe('page');
    expect(await b.limiter.factor('127.0.0.8')).toBe(2);
    expect(await b.limiter.factor('127.0.0.9')).toBe(1);
  });
});
