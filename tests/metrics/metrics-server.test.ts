import { describe, expect, it } from 'vitest';
import { instrumentSink } from '../../src/metrics/instrument-sink.js';
import { startMetricsServer } from '../../src/metrics/metrics-server.js';
import { countFetchResponse, createSitrepMetrics, statusClass } from '../../src/metrics/sitrep-metrics.js';
import { StageStats } from '../../src/metrics/stage-stats.js';
import { startWorkerTelemetry } from '../../src/metrics/worker-telemetry.js';
import { createTestRuntime } from '../helpers/test-runtime.js';
import { testRecord } from '../api/test-record.js';

describe('worker metrics', () => {
  it('serves /metrics over HTTP with process metrics and sitrep counters', async () => {
    const metrics = createSitrepMetrics();
    countFetchResponse(metrics, 503, 'SITREP_ERR_HTTP_SERVER');
    countFetchResponse(metrics, 200);
    countFetchResponse(metrics, null, 'SITREP_ERR_HOST_NOT_FOUND');
    const server = await startMetricsServer({ registry: metrics.registry, host: '127.0.0.1', port: 0 });
    try {
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('sitrep_fetch_responses_total{status_class="5xx",code="SITREP_ERR_HTTP_SERVER"} 1');
      expect(text).toContain('sitrep_fetch_responses_total{status_class="2xx",code="none"} 1');
      expect(text).toContain('sitrep_fetch_responses_total{status_class="none",code="SITREP_ERR_HOST_NOT_FOUND"} 1');
      expect(text).toContain('sitrep_process_resident_memory_bytes');
      expect((await fetch(server.url.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('classes statuses', () => {
    expect([200, 301, 404, 429, 503, 0, null, undefined, 700].map(statusClass)).toEqual(['2xx', '3xx', '4xx', '4xx', '5xx', 'none', 'none', 'none', 'none']);
  });

  it('counts records written and failed per sink', async () => {
    const metrics = createSitrepMetrics({ defaultMetrics: false });
    let fail = false;
    const sink = instrumentSink({ name: 'jsonl', write: async () => { if (fail) throw new Error('disk full'); } }, metrics);
    await sink.write(testRecord('a', new Date().toISOString()));
    fail = true;
    await expect(sink.write(testRecord('b', new Date().toISOString()))).rejects.toThrow('disk full');
    const text = await metrics.registry.getSingleMetricAsString('sitrep_records_emitted_total');
    expect(text).toContain('sitrep_records_emitted_total{sink="jsonl",outcome="written"} 1');
    expect(text).toContain('sitrep_records_emitted_total{sink="jsonl",outcome="failed"} 1');
  });

  it('keeps per-minute stage outcomes in Redis, aligned on minutes', async () => {
    const rt = await createTestRuntime();
    try {
      const stats = new StageStats(rt.connection, { prefix: rt.prefix });
      const t0 = Date.UTC(2026, 0, 1, 12, 0, 30);
      await stats.record('fetch', 'completed', t0 - 120_000);
      await stats.record('fetch', 'completed', t0);
      await stats.record('fetch', 'failed', t0);
      const w = await stats.window(3, t0 + 10_000);
      expect(w.minutes).toEqual([t0 - 30_000 - 120_000, t0 - 30_000 - 60_000, t0 - 30_000]);
      expect(w.stages.fetch).toEqual({ completed: [1, 0, 1], failed: [0, 0, 1], retried: [0, 0, 0] });
    } finally {
      await rt.cleanup();
    }
  });
});

describe('startWorkerTelemetry', () => {
  it('serves worker metrics, and a second process on a taken port keeps running without them', async () => {
    const rt = await createTestRuntime();
    const first = await startWorkerTelemetry(rt, [], { port: 0 });
    const taken = await startMetricsServer({ registry: first.metrics.registry, port: 0 });
    try {
      const port = Number(new URL(taken.url).port);
      const second = await startWorkerTelemetry(rt, [], { port });
      expect(second.server).toBeNull();
      const third = await startWorkerTelemetry({ ...rt, config: { ...rt.config, api: { ...rt.config.api, workerMetricsPort: 0 } } }, []);
      expect(third.server).toBeNull();
    } finally {
      await taken.close();
      await first.close();
      await rt.cleanup();
    }
  });
});
