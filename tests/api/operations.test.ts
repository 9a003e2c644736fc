import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.js';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { createSitrepMetrics } from '../../src/metrics/sitrep-metrics.js';
import { StageStats } from '../../src/metrics/stage-stats.js';
import { HostLimiter } from '../../src/queues/host-limiter.js';
import { basic, bearer, createApiTestApp, type ApiTestApp } from './api-test-app.js';
import { emitTestRecord, testRecord } from './test-record.js';

describe('health, metrics and the status page', () => {
  let t: ApiTestApp;

  beforeAll(async () => {
    t = await createApiTestApp();
    await t.rt.queues.submitUrls(['https://example.com/one', 'https://example.com/two']);
    // Two admitted URLs and a hand-made fetch job wait at fetch.
    const job = await t.rt.queues.queue('fetch').add('fetch', { runId: 'r', unitId: 'u-1', depth: 1, parentId: null, url: 'https://nowhere.invalid/' }, { jobId: 'f-1' });
    await t.rt.queues.deadLetters.add('fetch', job, new SitrepError('SITREP_ERR_HOST_NOT_FOUND', 'no such host'), 1);
    await emitTestRecord(t.rt.queues, testRecord('latest', new Date().toISOString()));
    await new StageStats(t.rt.connection, { prefix: t.rt.prefix }).record('fetch', 'completed', Date.now(), { duration: 180, wait: 40, latency: 2200 });
    // A fetch holds one of example.com's slots; another job waits in its line.
    const limiter = new HostLimiter(t.rt.connection, t.rt.queues.config.queue.prefix, { politeness: { ...t.rt.config.politeness, maxInFlight: 1 }, holdMs: 0 });
    expect((await limiter.acquire('example.com')).granted).toBe(true);
    expect((await limiter.acquire('example.com', { callerId: 'next' })).granted).toBe(false);
  });
  afterAll(() => t.close());

  it('answers /healthz and /readyz without a token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ok', redis: 'ok' });
  });

  it('reports 503 on /readyz when Redis does not answer', async () => {
    const broken = t.rt.connection.duplicate();
    await broken.connect();
    const app = await buildApp({ ...t.rt, connection: broken, metrics: createSitrepMetrics({ defaultMetrics: false }) });
    broken.disconnect();
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().status).toBe('unavailable');
    await app.close();
  });

  it('exposes queue depth and dead letters by queue in Prometheus format', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer('metrics') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toContain('sitrep_queue_jobs{queue="fetch",state="waiting"} 3');
    expect(res.body).toContain('sitrep_dead_letters{queue="fetch"} 1');
    expect(res.body).toContain('sitrep_host_fetches{host="example.com",state="in_flight"} 1');
    expect(res.body).toContain('sitrep_host_fetches{host="example.com",state="waiting"} 1');
    expect(res.body).toContain('sitrep_host_pace_factor{host="example.com"} 1');
    expect(res.body).toContain('# TYPE sitrep_webhook_deliveries_total counter');
    // What the Redis-memory alert compares (deploy/prometheus/alerts.yml).
    expect(Number(/^sitrep_redis_memory_used_bytes (\d+)$/m.exec(res.body)?.[1])).toBeGreaterThan(0);
    expect(res.body).toMatch(/^sitrep_redis_memory_max_bytes \d+$/m);
  });

  it('serves the status page to a browser login and its data as JSON', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/', headers: basic('client') });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>sitrep status</title>');
    const status = (await t.app.inject({ method: 'GET', url: '/v1/status', headers: bearer('client') })).json();
    expect(status.queues.fetch.waiting).toBe(3);
    expect(status.deadLetters).toEqual({ total: 1, byQueue: { fetch: 1 }, byCode: { SITREP_ERR_HOST_NOT_FOUND: 1 }, sampled: 1 });
    expect(status.throughput.minutes).toHaveLength(15);
    expect(status.throughput.stages.fetch.completed.reduce((a: number, b: number) => a + b)).toBe(1);
    expect(status.records).toEqual([expect.objectContaining({ id: 'latest', casualties: [expect.objectContaining({ kind: 'killed', count: 3 })] })]);
    expect(status.viewer).toEqual({ admin: false });
  });

  it('gives the live view: rates over the last seconds and minutes, p50/p95 run time, queue wait and submit-to-record, the viewer\'s role', async () => {
    const status = (await t.app.inject({ method: 'GET', url: '/v1/status', headers: bearer('admin') })).json();
    expect(status.throughput.recent.fetch).toEqual({
      '10s': expect.objectContaining({ completed: expect.any(Number) }),
      '60s': { completed: 1, failed: 0, retried: 0 },
      '5m': { completed: 1, failed: 0, retried: 0 },
    });
    expect(status.throughput.timings.fetch).toEqual({
      duration: { p50: 250, p95: 250, count: 1 },
      wait: { p50: 50, p95: 50, count: 1 },
      latency: { p50: 2500, p95: 2500, count: 1 },
    });
    expect(status.viewer).toEqual({ admin: true });
    const page = (await t.app.inject({ method: 'GET', url: '/', headers: basic('client') })).body;
    // The dashboard link is the admin's only (a client following it met a raw 403); tables scroll inside themselves on a phone.
    expect(page).toContain('<a id="admin-link" class="muted" href="admin/queues" hidden>');
    expect(page).toContain('<div class="scroll"><table id="stages">');
  });

  it('replays dead letters of one code (the status page\'s replay button), leaving the others', async () => {
    const other = await t.rt.queues.queue('fetch').add('fetch', { runId: 'r', unitId: 'u-2', depth: 1, parentId: null, url: 'https://slow.invalid/' }, { jobId: 'f-2' });
    await t.rt.queues.deadLetters.add('fetch', other, new SitrepError('SITREP_ERR_TIMEOUT', 'slow'), 3);
    const listed = await t.app.inject({ method: 'GET', url: '/v1/dead-letters?code=SITREP_ERR_TIMEOUT', headers: bearer('admin') });
    expect(listed.json().deadLetters.map((l: { id: string }) => l.id)).toEqual(['fetch.f-2']);
    const replayed = await t.app.inject({ method: 'POST', url: '/v1/dead-letters/replay?code=SITREP_ERR_TIMEOUT', headers: bearer('admin') });
    expect(replayed.json()).toEqual({ replayed: 1 });
    expect(await t.rt.queues.deadLetters.get('fetch.f-1')).not.toBeNull();
    const bad = await t.app.inject({ method: 'POST', url: '/v1/dead-letters/replay?code=nope', headers: bearer('admin') });
    expect(bad.statusCode).toBe(400);
  });
});
