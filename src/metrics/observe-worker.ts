import type { Job, Worker } from 'bullmq';
import { isErrorCode } from '../errors/error-codes.js';
import type { Logger } from '../logger.js';
import { countFetchResponse, type SitrepMetrics } from './sitrep-metrics.js';
import type { StageStats, StageTiming } from './stage-stats.js';

/**
 * The error code of a failed attempt: a SitrepError carries it; the UnrecoverableError the queue
 * worker throws for permanent errors starts its message with it.
 */
export function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (isErrorCode(code)) return code;
  const prefix = /^(SITREP_ERR_[A-Z_]+):/.exec((error as Error | null)?.message ?? '')?.[1];
  return prefix && isErrorCode(prefix) ? prefix : 'SITREP_ERR_INTERNAL';
}

/**
 * The HTTP status behind a failed fetch: from the error's details, or from the "HTTP 404" its
 * message carries once the queue worker has turned it into an UnrecoverableError. Null: no answer.
 */
export function httpStatusOf(error: unknown): number | null {
  const status = (error as { details?: { status?: unknown } } | null)?.details?.status;
  if (typeof status === 'number') return status;
  const match = /\bHTTP (\d{3})\b/.exec((error as Error | null)?.message ?? '');
  return match ? Number(match[1]) : null;
}

export interface ObserveWorkerOptions {
  /** Shared per-minute counts for the status page. Default: none (Prometheus counters only). */
  stats?: StageStats;
  /** Where a failure to write stats is reported. Default: nowhere. */
  logger?: Logger;
}

/**
 * Counts a worker's outcomes: completed, retried (a failed attempt that BullMQ will retry) and
 * failed (final: BullMQ sets finishedOn only when it gives up), with per-attempt durations.
 * Call it once per Worker, right after starting it.
 */
export function observeWorker(worker: Worker, stage: string, metrics: SitrepMetrics, options: ObserveWorkerOptions = {}): void {
  const share = (outcome: 'completed' | 'failed' | 'retried', timings: Partial<Record<StageTiming, number>> = {}) => {
    options.stats?.record(stage, outcome, Date.now(), timings).catch((error: Error) => options.logger?.warn({ err: error.message, stage }, 'could not record stage stats'));
  };
  const seconds = (job: Job, end: number) => (job.processedOn ? Math.max(0, end - job.processedOn) / 1000 : undefined);

  // Every fetch attempt ends as a completed or failed job, so fetch responses are counted here too.
  const isFetch = stage === 'fetch';

  // First starts only: a retry's wait is its backoff, a deferred job's its host's pace, not the queue's.
  const queueWaitMs = (job: Job) => (job.attemptsStarted === 1 && job.processedOn ? Math.max(0, job.processedOn - job.timestamp - (job.opts.delay ?? 0)) : undefined);
  worker.on('active', (job) => {
    const wait = queueWaitMs(job);
    if (wait !== undefined) metrics.queueWait.observe({ stage }, wait / 1000);
  });
  worker.on('completed', (job, result) => {
    metrics.jobsCompleted.inc({ stage });
    const timings: Partial<Record<StageTiming, number>> = {};
    if (result === 'record') {
      timings.latency = Math.max(0, (job.finishedOn ?? Date.now()) - job.timestamp);
      metrics.submitToRecord.observe({ stage }, timings.latency / 1000);
    }
    if (isFetch) countFetchResponse(metrics, 200);
    const s = seconds(job, job.finishedOn ?? Date.now());
    if (s !== undefined) {
      metrics.jobDuration.observe({ stage, outcome: 'completed' }, s);
      timings.duration = s * 1000;
    }
    // Shared with the status page: a job that ran at its first start (no retry, no politeness wait).
    const wait = queueWaitMs(job);
    if (wait !== undefined) timings.wait = wait;
    share('completed', timings);
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    const code = errorCodeOf(error);
    const final = Boolean(job.finishedOn);
    (final ? metrics.jobsFailed : metrics.jobsRetried).inc({ stage, code });
    if (isFetch) countFetchResponse(metrics, httpStatusOf(error), code);
    const s = seconds(job, job.finishedOn ?? Date.now());
    if (s !== undefined) metrics.jobDuration.observe({ stage, outcome: final ? 'failed' : 'retried' }, s);
    share(final ? 'failed' : 'retried');
  });
}
