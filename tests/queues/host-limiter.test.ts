import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { hostKeyPattern, hostKeys } from '../../src/queues/host-keys.js';
import { HostLimiter, limitsFor, outcomeOfError, type PolitenessConfig } from '../../src/queues/host-limiter.js';
import { TEST_REDIS_URL } from '../helpers/test-runtime.js';

const politeness: PolitenessConfig = { maxInFlight: 2, requestsPerSecond: 1, hosts: { 'example.com': { requestsPerSecond: 4 }, 'slow.example.com': { maxInFlight: 1 } }, maxBackoffFactor: 32 };

describe('limitsFor', () => {
  it('takes the longest matching host entry over the defaults; a name covers its subdomains', () => {
    expect(limitsFor('other.org', politeness)).toEqual({ maxInFlight: 2, requestsPerSecond: 1 });
    expect(limitsFor('www.Example.com', politeness)).toEqual({ maxInFlight: 2, requestsPerSecond: 4 });
    expect(limitsFor('slow.example.com', politeness)).toEqual({ maxInFlight: 1, requestsPerSecond: 1 });
    expect(limitsFor('notexample.com', politeness)).toEqual({ maxInFlight: 2, requestsPerSecond: 1 });
  });
});

describe('outcomeOfError', () => {
  it('reads 429 and 503 as throttling, other server trouble as an error, a 404 as an answer', () => {
    const status = (code: 'SITREP_ERR_HTTP_RATE_LIMITED' | 'SITREP_ERR_HTTP_SERVER' | 'SITREP_ERR_HTTP_CLIENT', s: number, retryAfterMs?: number) => new SitrepError(code, 'x', { details: { status: s }, retryAfterMs });
    expect(outcomeOfError(status('SITREP_ERR_HTTP_RATE_LIMITED', 429, 5000), 10)).toEqual({ kind: 'throttled', retryAfterMs: 5000 });
    expect(outcomeOfError(status('SITREP_ERR_HTTP_SERVER', 503), 10)).toEqual({ kind: 'throttled', retryAfterMs: undefined });
    expect(outcomeOfError(status('SITREP_ERR_HTTP_SERVER', 500), 10)).toEqual({ kind: 'error' });
    expect(outcomeOfError(new SitrepError('SITREP_ERR_TIMEOUT', 't'), 10)).toEqual({ kind: 'error' });
    expect(outcomeOfError(status('SITREP_ERR_HTTP_CLIENT', 404), 10)).toEqual({ kind: 'ok', durationMs: 10 });
  });
});

describe('HostLimiter (Redis)', () => {
  const prefix = `{sitrep-test-${randomBytes(4).toString('hex')}}`;
  let redis: Redis;
  let limiter: HostLimiter;

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    // holdMs 0: every wait comes back to the caller, as a delayed job.
    limiter = new HostLimiter(redis, prefix, { politeness: { ...politeness, hosts: { 'fast.test': { requestsPerSecond: 1000, maxInFlight: 2 } } }, leaseMs: 300, holdMs: 0 });
  });
  afterAll(async () => {
    const keys = await redis.keys(hostKeyPattern(prefix));
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('grants one start per interval and hands waiters successive turns', async () => {
    const first = await limiter.acquire('a.test');
    expect(first.granted).toBe(true);
    for (const caller of ['w1', 'w2', 'w3']) {
      const gate = await limiter.acquire('a.test', { callerId: caller });
      expect(gate.granted).toBe(false);
      if (!gate.granted) expect(gate.waitMs).toBeGreaterThan(0);
    }
    // Turns one interval apart (1000 ms and the 3% start margin), in the order asked.
    const turns = await redis.zrange(hostKeys(prefix, 'a.test').turns, 0, -1, 'WITHSCORES');
    expect([turns[0], turns[2], turns[4]]).toEqual(['w1', 'w2', 'w3']);
    expect([Number(turns[3]) - Number(turns[1]), Number(turns[5]) - Number(turns[3])]).toEqual([1030, 1030]);
    // A waiter asking again keeps its turn rather than going to the back of the line.
    await limiter.acquire('a.test', { callerId: 'w1' });
    expect(await redis.zscore(hostKeys(prefix, 'a.test').turns, 'w1')).toBe(turns[1]);
    // Another host is not held up.
    expect((await limiter.acquire('b.test')).granted).toBe(true);
  });

  it('holds at most maxInFlight leases; a release or an expired lease frees a slot', async () => {
    // Each request is written as soon as it is granted (started()), as a fetch does.
    const a = await limiter.acquire('fast.test');
    if (a.granted) await a.lease.started();
    await new Promise((r) => setTimeout(r, 5));
    const b = await limiter.acquire('fast.test');
    if (b.granted) await b.lease.started();
    await new Promise((r) => setTimeout(r, 5));
    const c = await limiter.acquire('fast.test', { callerId: 'c' });
    expect([a.granted, b.granted, c.granted]).toEqual([true, true, false]);
    if (a.granted) await a.lease.release({ kind: 'ok', durationMs: 5 });
    await new Promise((r) => setTimeout(r, 5));
    // The freed slot is c's (it waits in line), not a newcomer's.
    expect((await limiter.acquire('fast.test')).granted).toBe(false);
    const c2 = await limiter.acquire('fast.test', { callerId: 'c' });
    expect(c2.granted).toBe(true);
    if (c2.granted) await c2.lease.started();
    // b and the new one are never released: their leases (300 ms) expire, as a dead worker's would.
    await new Promise((r) => setTimeout(r, 350));
    expect((await limiter.acquire('fast.test')).granted).toBe(true);
  });

  it('slows a host that answers 429 for everyone, and recovers step by step', async () => {
    const gate = await limiter.acquire('c.test');
    if (!gate.granted) throw new Error('not granted');
    await gate.lease.release({ kind: 'throttled', retryAfterMs: 3000 });
    expect(await limiter.factor('c.test')).toBe(2);
    const next = await limiter.acquire('c.test');
    expect(next.granted).toBe(false);
    if (!next.granted) expect(next.waitMs).toBeGreaterThan(2500);
    expect((await limiter.acquire('d.test')).granted).toBe(true);
  });

  describe('with holdMs (a start reserved ahead is slept in the worker)', () => {
    const holding = () => new HostLimiter(redis, prefix, { politeness, leaseMs: 5000, holdMs: 1500 });
    const granted = async (gate: Promise<Awaited<ReturnType<HostLimiter['acquire']>>>) => {
      const g = await gate;
      if (!g.granted) throw new Error(`not granted (wait ${g.waitMs} ms)`);
      return g.lease;
    };

    it('reserves the next start one interval on and resolves when it comes', async () => {
      const l = holding();
      const t0 = performance.now();
      const a = await granted(l.acquire('e.test'));
      await a.started();
      const b = await granted(l.acquire('e.test'));
      await b.started();
      expect(performance.now() - t0).toBeGreaterThanOrEqual(1000);
      // Two slots, both held: a third caller cannot start within holdMs and is sent away with its turn.
      const c = await l.acquire('e.test', { callerId: 'c' });
      expect(c.granted).toBe(false);
      await Promise.all([a.release({ kind: 'ok', durationMs: 5 }), b.release({ kind: 'ok', durationMs: 5 })]);
    });

    it('a reserved start counts from the previous request as it was really sent', async () => {
      const l = holding();
      const a = await granted(l.acquire('f.test'));
      const t0 = performance.now();
      const next = l.acquire('f.test');
      // a's request leaves 300 ms late (a busy event loop): b's reserved start moves with it.
      await new Promise((r) => setTimeout(r, 300));
      await a.started();
      await granted(next);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(1300);
    });

    it('a start granted but not yet written holds the next one until its request leaves, or its lease ends', async () => {
      // holdMs long enough that the next caller waits here rather than being sent away.
      const l = new HostLimiter(redis, prefix, { politeness, leaseMs: 20_000, holdMs: 10_000 });
      const a = await granted(l.acquire('p.test'));
      // a's request has not left (a connect, a busy event loop): the next start cannot count from the grant.
      const t0 = performance.now();
      let settled = false;
      const next = granted(l.acquire('p.test')).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 1300));
      expect(settled).toBe(false);
      await a.started();
      const b = await next;
      expect(performance.now() - t0).toBeGreaterThanOrEqual(1300 + 1000);
      // A lease released without its request ever leaving (its connect failed) holds nothing.
      const c = await granted(l.acquire('q.test'));
      await c.release({ kind: 'ok', durationMs: 5 });
      await granted(l.acquire('q.test'));
      // Nor one whose worker died between grant and write: it holds the host no longer than its lease.
      const short = new HostLimiter(redis, prefix, { politeness, leaseMs: 300, holdMs: 10_000 });
      await granted(short.acquire('r.test'));
      await granted(short.acquire('r.test'));
      await Promise.all([a, b].map((lease) => lease.release({ kind: 'ok', durationMs: 5 })));
    }, 30_000);

    it('on a host with no interval (rate unlimited), a start not yet written holds nothing', async () => {
      // Were it held, the next caller would confirm for holdMs, then be sent away (a's request never leaves).
      const l = new HostLimiter(redis, prefix, { politeness: { ...politeness, hosts: { 'open.test': { requestsPerSecond: 100_000, maxInFlight: 100 } } }, leaseMs: 20_000, holdMs: 200 });
      const a = await granted(l.acquire('open.test'));
      const b = await granted(l.acquire('open.test'));
      await Promise.all([a, b].map((lease) => lease.release({ kind: 'ok', durationMs: 5 })));
    });

    it('a 429 while a start is reserved: the reservation is given back and the caller waits out the pause', async () => {
      const l = holding();
      const a = await granted(l.acquire('g.test'));
      const next = l.acquire('g.test');
      await a.release({ kind: 'throttled', retryAfterMs: 5000 });
      const gate = await next;
      expect(gate.granted).toBe(false);
      if (!gate.granted) expect(gate.waitMs).toBeGreaterThan(3000);
      expect(await redis.zcard(hostKeys(prefix, 'g.test').leases)).toBe(0);
    });
  });
});
