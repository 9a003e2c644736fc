import { Queue, type Job, type JobsOptions } from 'bullmq';
import type { SitrepError } from '../errors/sitrep-error.js';
import { isStage, traceOf } from './job-data.js';
import type { UnitTracker } from './unit-tracker.js';

export interface DeadLetter {
  /** `<queue>.<jobId>`: one dead letter per failed job, however often the failure is reported. */
  id: string;
  queue: string;
  stage: string;
  jobId: string;
  jobName: string;
  unitId?: string;
  runId?: string;
  code: string;
  message: string;
  retryable: boolean;
  attemptsMade: number;
  firstAttemptAt: string | null;
  failedAt: string;
  /** The original job data, replayed as is. */
  data: unknown;
}

export interface DeadLetterListOptions {
  /** Default 0. */
  offset?: number;
  /** Default 50. */
  limit?: number;
}

/**
 * BullMQ has no dead-letter queue, so this is one: a queue no worker consumes, one job per
 * permanently failed or exhausted job, kept until an operator replays or purges it.
 */
export class DeadLetterQueue {
  constructor(
    readonly queue: Queue<DeadLetter>,
    private readonly queueFor: (name: string) => Queue,
    private readonly tracker: UnitTracker,
    private readonly jobOptionsFor: (name: string) => JobsOptions,
  ) {}

  async add(queueName: string, job: Job, error: SitrepError, attemptsMade: number): Promise<DeadLetter> {
    const id = `${queueName}.${job.id}`;
    const letter: DeadLetter = {
      id,
      queue: queueName,
      stage: queueName,
      jobId: String(job.id),
      jobName: job.name,
      unitId: traceOf(job.data)?.unitId,
      runId: traceOf(job.data)?.runId,
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      attemptsMade,
      firstAttemptAt: job.processedOn ? new Date(job.processedOn).toISOString() : null,
      failedAt: new Date().toISOString(),
      data: job.data,
    };
    // Same job id twice (processor and 'failed' event both report) → BullMQ keeps the first.
    await this.queue.add('dead-letter', letter, { jobId: id, removeOnComplete: false, removeOnFail: false });
    const trace = traceOf(job.data);
    if (trace && isStage(queueName)) await this.tracker.dead(trace, queueName, attemptsMade, error);
    return letter;
  }

  async list(options: DeadLetterListOptions = {}): Promise<DeadLetter[]> {
    const offset = options.offset ?? 0;
    const limit = options.limit ?? 50;
    const jobs = await this.queue.getJobs(['wait', 'prioritized', 'delayed'], offset, offset + limit - 1, true);
    return jobs.filter(Boolean).map((j) => j.data);
  }

  async get(id: string): Promise<DeadLetter | null> {
    const job = await this.queue.getJob(id);
    return job ? job.data : null;
  }

  async count(): Promise<number> {
    return this.queue.count();
  }

  /** Back to the queue it failed in, under its original job id; the dead letter goes away. */
  async replay(id: string): Promise<boolean> {
    const dlJob = await this.queue.getJob(id);
    if (!dlJob) return false;
    const letter = dlJob.data;
    const origin = this.queueFor(letter.queue);
    const previous = await origin.getJob(letter.jobId);
    if (previous) await previous.remove();
    const trace = traceOf(letter.data);
    if (trace && isStage(letter.queue)) await this.tracker.revived(trace, letter.queue);
    // BullMQ refuses numeric custom ids: an auto-numbered job comes back under a new number.
    const jobId = /^\d+$/.test(letter.jobId) ? undefined : letter.jobId;
    await origin.add(letter.jobName, letter.data, { ...this.jobOptionsFor(letter.queue), ...(jobId ? { jobId } : {}) });
    await dlJob.remove();
    return true;
  }

  async replayAll(): Promise<number> {
    let replayed = 0;
    for (;;) {
      const batch = await this.list({ offset: 0, limit: 100 });
      if (batch.length === 0) return replayed;
      for (const letter of batch) if (await this.replay(letter.id)) replayed++;
    }
  }

  async purge(id: string): Promise<boolean> {
    const job = await this.queue.getJob(id);
    if (!job) return false;
    await job.remove();
    return true;
  }

  async purgeAll(): Promise<number> {
    const n = await this.count();
    await this.queue.drain(true);
    return n;
  }
}
