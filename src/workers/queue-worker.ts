import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { toSitrepError } from '../errors/sitrep-error.js';
import type { Logger } from '../logger.js';
import { backoffStrategy } from '../queues/backoff.js';
import { DeferJob } from '../queues/defer-job.js';
import { isStage, traceOf } from '../queues/job-data.js';
import type { WorkerContext } from './worker-context.js';

export interface QueueWorkerOptions {
  /** Jobs processed at once. Default: config.queue.concurrency. */
  concurrency?: number;
  /** How long a job's lock lasts without renewal, ms. Default 30000 (BullMQ's). */
  lockDuration?: number;
  /** How often stalled jobs (lock lost: the worker died) are looked for and put back, ms. Default 30000. */
  stalledInterval?: number;
}

/**
 * The one place retries and dead letters are decided. A permanent SitrepError becomes BullMQ's
 * UnrecoverableError (no retries); a permanent or exhausted job is written to the dead-letter queue
 * BEFORE it is failed, so a crash in between can only duplicate a dead letter, never lose one.
 */
export function startQueueWorker<T, R>(
  ctx: WorkerContext,
  queueName: string,
  handler: (job: Job<T, R>, log: Logger) => Promise<R>,
  options: QueueWorkerOptions = {},
): Worker<T, R> {
  const log = ctx.logger.child({ queue: queueName });
  const stage = isStage(queueName) ? queueName : null;
  const { tracker, deadLetters } = ctx.queues;

  const worker = new Worker<T, R>(
    queueName,
    async (job, token) => {
      const trace = traceOf(job.data);
      const url = (job.data as { url?: unknown }).url;
      const jobLog = log.child({ jobId: job.id, ...(typeof url === 'string' ? { url } : {}) });
      if (stage && trace) await tracker.moved(trace.unitId, stage, 'active', job.attemptsMade);
      try {
        return await handler(job, jobLog);
      } catch (thrown) {
        // Not a failure: back to the delayed set without spending an attempt.
        if (thrown instanceof DeferJob) {
          await job.moveToDelayed(Date.now() + thrown.delayMs, token);
          if (stage && trace) await tracker.moved(trace.unitId, stage, 'waiting', job.attemptsMade);
          throw new DelayedError(thrown.message);
        }
        const error = toSitrepError(thrown);
        const attemptsMade = job.attemptsMade + 1;
        if (!error.retryable || attemptsMade >= (job.opts.attempts ?? 1)) {
          await deadLetters.add(queueName, job, error, attemptsMade);
          jobLog.warn({ code: error.code, attempts: attemptsMade }, `dead-lettered: ${error.message}`);
          if (!error.retryable) throw new UnrecoverableError(`${error.code}: ${error.message}`);
        } else {
          if (stage && trace) await tracker.retrying(trace.unitId, stage, attemptsMade, error);
          jobLog.info({ code: error.code, attempts: attemptsMade }, `will retry: ${error.message}`);
        }
        throw error;
      }
    },
    {
      connection: ctx.connection,
      prefix: ctx.config.queue.prefix,
      concurrency: options.concurrency ?? ctx.config.queue.concurrency,
      ...(options.lockDuration ? { lockDuration: options.lockDuration } : {}),
      ...(options.stalledInterval ? { stalledInterval: options.stalledInterval } : {}),
      settings: { backoffStrategy: backoffStrategy({ baseMs: ctx.config.queue.backoffBaseMs, maxMs: ctx.config.queue.backoffMaxMs }) },
    },
  );

  // Safety net for failures that bypass the processor (a job that stalled too often).
  worker.on('failed', (job, error) => {
    if (!job || !/stalled/i.test(error.message)) return;
    const stalled = toSitrepError(Object.assign(new Error(error.message), { code: 'SITREP_ERR_STALLED' }));
    deadLetters.add(queueName, job, stalled, job.attemptsMade).catch((e: Error) => log.error({ err: e.message, jobId: job.id }, 'could not dead-letter a stalled job'));
  });
  worker.on('error', (error) => log.error({ err: error.message }, 'worker error'));
  return worker;
}
