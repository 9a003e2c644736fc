import type { Job } from 'bullmq';
import { DelayedError, UnrecoverableError, Worker } from '../queues/load-bullmq.js';
import { isErrorCode } from '../errors/error-codes.js';
import { SitrepError, toSitrepError } from '../errors/sitrep-error.js';
import type { Logger } from '../logger.js';
import { redisOutageLog } from '../redis/outage-log.js';
import { backoffStrategy } from '../queues/backoff.js';
import { DeferJob } from '../queues/defer-job.js';
import { isStage, traceOf } from '../queues/job-data.js';
import { queuePrefix } from '../queues/redis-keys.js';
import type { WorkerContext } from './worker-context.js';

export interface QueueWorkerOptions {
  /** Jobs processed at once. Default: config.queue.concurrency. */
  concurrency?: number;
  /** How long a job's lock lasts without renewal, ms. Default: config.queue.lockDurationMs. */
  lockDuration?: number;
  /** How often live workers renew their jobs' locks, ms. Default: config.queue.lockRenewMs. */
  lockRenewTime?: number;
  /** How often lapsed locks (dead workers) are looked for and their jobs put back, ms. Default: config.queue.stalledIntervalMs. */
  stalledInterval?: number;
}

/**
 * BullMQ fails a job that stalled more than maxStalledCount times, behind the processor's back and
 * after the fact. sitrep counts deaths itself (below), so BullMQ must never get there.
 */
const NEVER = 1_000_000;

/** What BullMQ records as a failed attempt's reason (job.failedReason): the code first, so the last own error can be read back. */
function failedReasonOf(error: SitrepError): string {
  return `${error.code}: ${error.message}`;
}

/** The job's last own error (a failed attempt, not a death), from the reason BullMQ kept; undefined when it never failed. */
function lastOwnError(job: Job): SitrepError | undefined {
  const match = /^(SITREP_ERR_[A-Z0-9_]+): ([\s\S]*)$/.exec(job.failedReason ?? '');
  return match && isErrorCode(match[1]) ? new SitrepError(match[1], match[2]) : undefined;
}

/**
 * BullMQ puts a due delayed job at the back of the wait list, behind every job submitted since:
 * after a burst of submissions a deferred job (its host's turn come) waited there for seconds while
 * the host idled. When its delay is up, the worker that deferred it moves it to the front (promoted
 * if still delayed, then LIFO within its priority); should that worker be gone, BullMQ's own
 * promotion still runs it, only later.
 */
function frontWhenDue(job: Job, delayMs: number, timers: Set<NodeJS.Timeout>): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    void job
      .promote()
      .catch(() => undefined)
      .then(() => job.changePriority({ priority: job.priority, lifo: true }))
      .catch(() => undefined);
  }, delayMs);
  timer.unref();
  timers.add(timer);
}

/**
 * The one place retries and dead letters are decided. A permanent SitrepError becomes BullMQ's
 * UnrecoverableError (no retries); a permanent or exhausted job is written to the dead-letter queue
 * BEFORE it is failed, so a crash in between can only repeat the step, never lose the letter.
 * A job whose worker died comes back (its lock lapses); each death counts against queue.attempts,
 * and a job that died that often is dead-lettered when it next starts: with its last own error
 * when it has one (a death says nothing about the URL; the failure before it does), else as
 * SITREP_ERR_STALLED.
 * A pipeline job that runs again checks first whether its unit already ended (its worker died after
 * the complete or bury step) or a later run owns it: then it completes without doing anything.
 */
export function startQueueWorker<T, R>(
  ctx: WorkerContext,
  queueName: string,
  handler: (job: Job<T, R>, log: Logger) => Promise<R>,
  options: QueueWorkerOptions = {},
): Worker<T, R> {
  const log = ctx.logger.child({ queue: queueName });
  const stage = isStage(queueName) ? queueName : null;
  const { units, deadLetters } = ctx.queues;
  const q = ctx.config.queue;
  const lockDuration = options.lockDuration ?? q.lockDurationMs;
  const fronting = new Set<NodeJS.Timeout>();

  const bury = async (job: Job<T, R>, jobLog: Logger, error: SitrepError, attemptsMade: number) => {
    const letter = await deadLetters.add(queueName, job, error, attemptsMade);
    if (letter) jobLog.warn({ code: error.code, attempts: attemptsMade }, `dead-lettered: ${error.message}`);
    else jobLog.info({ code: error.code }, 'not dead-lettered: its unit has moved on');
  };

  const worker = new Worker<T, R>(
    queueName,
    async (job, token) => {
      const trace = traceOf(job.data);
      const url = (job.data as { url?: unknown }).url;
      const jobLog = log.child({ jobId: job.id, ...(typeof url === 'string' ? { url } : {}) });
      const attempts = job.opts.attempts ?? 1;
      if (stage && trace && job.attemptsStarted > 1 && (await units.settled(trace))) {
        jobLog.debug('unit already ended: nothing to do');
        return undefined as R;
      }
      if (job.stalledCounter >= attempts) {
        const error = lastOwnError(job) ?? new SitrepError('SITREP_ERR_STALLED', `the worker running this job died ${job.stalledCounter} times (lock lapsed)`);
        await bury(job, jobLog, error, job.attemptsMade + job.stalledCounter);
        throw new UnrecoverableError(failedReasonOf(error));
      }
      let result: R;
      try {
        result = await handler(job, jobLog);
      } catch (thrown) {
        // Not a failure: back to the delayed set without spending an attempt.
        if (thrown instanceof DeferJob) {
          await job.moveToDelayed(Date.now() + thrown.delayMs, token);
          frontWhenDue(job, thrown.delayMs, fronting);
          throw new DelayedError(thrown.message);
        }
        const error = toSitrepError(thrown);
        const attemptsMade = job.attemptsMade + 1;
        if (!error.retryable || attemptsMade >= attempts) {
          await bury(job, jobLog, error, attemptsMade);
          if (!error.retryable) throw new UnrecoverableError(failedReasonOf(error));
        } else {
          if (attemptsMade === 1) await deadLetters.noteFirstAttempt(queueName, job);
          if (stage && trace) await units.retrying(trace, stage, attemptsMade, error);
          jobLog.info({ code: error.code, attempts: attemptsMade }, `will retry: ${error.message}`);
        }
        // Retried, or exhausted (BullMQ fails it). BullMQ keeps the message as job.failedReason (read
        // back by lastOwnError); the backoff reads retryAfterMs, the metrics details.status.
        throw new SitrepError(error.code, failedReasonOf(error), { cause: error, retryAfterMs: error.retryAfterMs, details: error.details });
      }
      // It failed before and succeeded now: its first attempt's note would otherwise stay for the letters' retention.
      if (job.attemptsMade > 0) await deadLetters.forgetFirstAttempt(queueName, job);
      return result;
    },
    {
      connection: ctx.connection,
      prefix: queuePrefix(q.prefix, queueName),
      concurrency: options.concurrency ?? q.concurrency,
      lockDuration,
      lockRenewTime: options.lockRenewTime ?? Math.min(q.lockRenewMs, Math.floor(lockDuration / 2)),
      stalledInterval: options.stalledInterval ?? q.stalledIntervalMs,
      maxStalledCount: NEVER,
      settings: { backoffStrategy: backoffStrategy({ baseMs: q.backoffBaseMs, maxMs: q.backoffMaxMs }) },
    },
  );
  // Connection errors come once per reconnect attempt and per worker: one outage, logged once.
  const outage = redisOutageLog(ctx.logger);
  worker.on('error', (error) => outage.error(error));
  worker.on('closing', () => {
    for (const timer of fronting) clearTimeout(timer);
    fronting.clear();
  });
  return worker;
}
