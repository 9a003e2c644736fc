import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.js';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { createSitrepMetrics } from '../../src/metrics/sitrep-metrics.js';
import { StageStats } from '../../src/metrics/stage-stats.js';
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
    await new StageStats(t.rt.connection, { prefix: t.rt.prefix }).record('fetch', 'completed');
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
  });
});
