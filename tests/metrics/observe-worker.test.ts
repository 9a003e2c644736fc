import type { Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { errorCodeOf, observeWorker } from '../../src/metrics/observe-worker.js';
import { createSitrepMetrics, type SitrepMetrics } from '../../src/metrics/sitrep-metrics.js';
import { StageStats } from '../../src/metrics/stage-stats.js';
import { startQueueWorker } from '../../src/workers/queue-worker.js';
import { createTestRuntime, waitFor, type TestRuntime } from '../helpers/test-runtime.js';

describe('observeWorker', () => {
  let rt: TestRuntime;
  let metrics: SitrepMetrics;
  let stats: StageStats;
  const workers: Worker[] = [];

  beforeEach(async () => {
    rt = await createTestRuntime({ queue: { attempts: 2 } });
    metrics = createSitrepMetrics({ defaultMetrics: false });
    stats = new StageStats(rt.connection, { prefix: rt.prefix });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close(true)));
    await rt.cleanup();
  });

  it('counts completions, retries and final failures by stage and code, with durations, here and in Redis', async () => {
    const worker = startQueueWorker<{ mode: string }, string>(rt, 'probe', async (job) => {
      if (job.data.mode === 'permanent') throw new SitrepError('SITREP_ERR_HTTP_CLIENT', '404');
      if (job.data.mode === 'flaky' && job.attemptsMade === 0) throw new SitrepError('SITREP_ERR_TIMEOUT', 'slow');
      if (job.data.mode === 'down') throw new SitrepError('SITREP_ERR_HTTP_SERVER', '503');
      return 'ok';
    });
    workers.push(worker);
    observeWorker(worker, 'probe', metrics, { stats });
    const queue = rt.queues.queue('probe');
    for (const mode of ['ok', 'flaky', 'permanent', 'down']) await queue.add('probe', { mode }, { jobId: mode });
    await waitFor(async () => (await queue.getJobCounts('completed', 'failed')).completed === 2 && (await queue.getJobCounts('failed')).failed === 2, 10_000, 'all jobs settled');

    // Events are handled just after BullMQ moves the job: wait for the last ones to be counted.
    await waitFor(async () => (await metrics.jobsFailed.get()).values.length === 2 && (await metrics.jobsCompleted.get()).values[0]?.value === 2);
    const text = await metrics.registry.metrics();
    expect(text).toContain('sitrep_jobs_completed_total{stage="probe"} 2');
    expect(text).toContain('sitrep_jobs_failed_total{stage="probe",code="SITREP_ERR_HTTP_CLIENT"} 1');
    const failed = await metrics.registry.getSingleMetricAsString('sitrep_jobs_failed_total');
    expect(failed).toContain('sitrep_jobs_failed_total{stage="probe",code="SITREP_ERR_HTTP_SERVER"} 1');
    const retried = await metrics.registry.getSingleMetricAsString('sitrep_jobs_retried_total');
    expect(retried).toContain('code="SITREP_ERR_TIMEOUT"} 1');
    expect(retried).toContain('code="SITREP_ERR_HTTP_SERVER"} 1');
    expect(text).toContain('sitrep_job_duration_seconds_count{stage="probe",outcome="completed"} 2');

    const window = await waitFor(async () => {
      const w = await stats.window(5);
      const s = w.stages.probe;
      return s && s.completed.reduce((a, b) => a + b) === 2 && s.failed.reduce((a, b) => a + b) === 2 ? w : null;
    });
    expect(window.stages.probe.retried.reduce((a, b) => a + b)).toBe(2);
  });

  it('measures queue wait (first attempts) and submit-to-record latency (jobs that ended with a record)', async () => {
    const queue = rt.queues.queue('probe');
    await queue.add('probe', { outcome: 'record' }, { jobId: 'r1' });
    await queue.add('probe', { outcome: 'unchanged' }, { jobId: 'u1' });
    await new Promise((r) => setTimeout(r, 300)); // they wait in the queue before a worker starts
    const worker = startQueueWorker<{ outcome: string }, string>(rt, 'probe', async (job) => job.data.outcome);
    workers.push(worker);
    observeWorker(worker, 'probe', metrics, { stats });
    await waitFor(async () => (await metrics.jobsCompleted.get()).values[0]?.value === 2, 10_000, 'both completed');
    const wait = (await metrics.queueWait.get()).values;
    expect(wait.find((v) => v.metricName === 'sitrep_job_queue_wait_seconds_count')?.value).toBe(2);
    expect(wait.find((v) => v.metricName === 'sitrep_job_queue_wait_seconds_sum')?.value).toBeGreaterThanOrEqual(0.5);
    const latency = (await metrics.submitToRecord.get()).values;
    expect(latency.find((v) => v.metricName === 'sitrep_submit_to_record_seconds_count')?.value).toBe(1);
    expect(latency.find((v) => v.metricName === 'sitrep_submit_to_record_seconds_sum')?.value).toBeGreaterThanOrEqual(0.25);
  });

  it('reads the code from a SitrepError or from an UnrecoverableError message', () => {
    expect(errorCodeOf(new SitrepError('SITREP_ERR_TIMEOUT', 'x'))).toBe('SITREP_ERR_TIMEOUT');
    expect(errorCodeOf(new Error('SITREP_ERR_HTTP_CLIENT: server said 404'))).toBe('SITREP_ERR_HTTP_CLIENT');
    expect(errorCodeOf(new Error('SITREP_ERR_MADE_UP: x'))).toBe('SITREP_ERR_INTERNAL');
    expect(errorCodeOf(null)).toBe('SITREP_ERR_INTERNAL');
  });
});

describe('fetch responses, counted from the fetch worker\'s outcomes', () => {
  it('classes them by HTTP status and error code', async () => {
    const rt = await createTestRuntime({ queue: { attempts: 1 } });
    const metrics = createSitrepMetrics({ defaultMetrics: false });
    const worker = startQueueWorker<{ status: number }, void>(rt, 'fetch', async (job) => {
      if (job.data.status === 404) throw new SitrepError('SITREP_ERR_HTTP_CLIENT', 'HTTP 404 from https://x.example/', { details: { status: 404 } });
      if (job.data.status === 503) throw new SitrepError('SITREP_ERR_HTTP_SERVER', 'server error', { details: { status: 503 } });
      if (job.data.status === 0) throw new SitrepError('SITREP_ERR_HOST_NOT_FOUND', 'host not found');
    });
    try {
      observeWorker(worker, 'fetch', metrics);
      for (const status of [200, 404, 503, 0]) await rt.queues.queue('fetch').add('fetch', { status } as never, { jobId: `s${status}` });
      await waitFor(async () => (await metrics.fetchResponses.get()).values.length === 4, 10_000, 'four responses');
      const text = await metrics.registry.getSingleMetricAsString('sitrep_fetch_responses_total');
      expect(text).toContain('{status_class="2xx",code="none"} 1');
      expect(text).toContain('{status_class="4xx",code="SITREP_ERR_HTTP_CLIENT"} 1'); // through UnrecoverableError's message
      expect(text).toContain('{status_class="5xx",code="SITREP_ERR_HTTP_SERVER"} 1');
      expect(text).toContain('{status_class="none",code="SITREP_ERR_HOST_NOT_FOUND"} 1');
    } finally {
      await worker.close(true);
      await rt.cleanup();
    }
  });
});
