import type { Job, JobsOptions, Queue } from 'bullmq';
import type { SitrepError } from '../errors/sitrep-error.js';
import { isStage, traceOf } from './job-data.js';
import type { RedisClient } from './lua-scripts.js';
import type { RedisKeys } from './redis-keys.js';
import type { UnitStateMachine } from './unit-state-machine.js';

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
  /** When its first attempt started; null when unknown (its earlier attempts died with their workers). */
  firstAttemptAt: string | null;
  failedAt: string;
  /**
   * The job's data, replayed as is. No page body is ever in it: a fetch job carries its URL (a
   * replay fetches again), a discover job the article as submitted.
   */
  data: unknown;
}

/** Which letters a list, replay or purge of many takes. */
export interface DeadLetterFilter {
  /** Only letters with this error code. Default: any. */
  code?: string;
  /** Only letters of this stage (or queue, e.g. a webhook queue). Default: any. */
  stage?: string;
}

export interface DeadLetterListOptions extends DeadLetterFilter {
  /** Default 0. */
  offset?: number;
  /** Default 50. */
  limit?: number;
}

/**
 * BullMQ has no dead-letter queue, so this is one: a letter per permanently failed or exhausted
 * job (a string key, expiring after queue.deadLetterRetentionSeconds) and an index by time capped
 * at queue.deadLetterMaxCount, both in the intake slot so a letter and its unit's death are written
 * in one step. Kept until replayed, purged, expired or pushed out by newer letters.
 */
export interface DeadLetterQueueOptions {
  /** The queue a letter is replayed to. */
  queueFor: (name: string) => Queue;
  /** Its job options (attempts, backoff, retention). */
  jobOptionsFor: (name: string) => JobsOptions;
  /** How long letters are kept, seconds. */
  retentionSeconds: number;
  /** Whether a queue still has workers to come (a removed subscriber's has none). Default: always. */
  isServed?: (name: string) => Promise<boolean>;
}

export class DeadLetterQueue {
  private readonly queueFor: (name: string) => Queue;
  private readonly jobOptionsFor: (name: string) => JobsOptions;
  private readonly retentionSeconds: number;
  private readonly isServed: (name: string) => Promise<boolean>;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly machine: UnitStateMachine,
    options: DeadLetterQueueOptions,
  ) {
    this.queueFor = options.queueFor;
    this.jobOptionsFor = options.jobOptionsFor;
    this.retentionSeconds = options.retentionSeconds;
    this.isServed = options.isServed ?? (async () => true);
  }

  /**
   * A job's first attempt failed and it will be retried: its start is kept (until the letter is
   * written, or the retention passes), since BullMQ's processedOn only tells the latest attempt's.
   */
  async noteFirstAttempt(queueName: string, job: Job): Promise<void> {
    if (job.processedOn) await this.redis.set(this.keys.firstAttempt(letterId(queueName, job)), job.processedOn, 'EX', this.retentionSeconds, 'NX');
  }

  /** The job succeeded after all: no letter will need when it first started. */
  async forgetFirstAttempt(queueName: string, job: Job): Promise<void> {
    await this.redis.del(this.keys.firstAttempt(letterId(queueName, job)));
  }

  /** Writes the letter (and the unit's death). Null: the job's unit had moved on or ended, so there is nothing to bury. */
  async add(queueName: string, job: Job, error: SitrepError, attemptsMade: number): Promise<DeadLetter | null> {
    const trace = traceOf(job.data);
    const id = letterId(queueName, job);
    const noted = attemptsMade > 1 ? await this.redis.get(this.keys.firstAttempt(id)) : null;
    // Unknown (null) when its earlier attempts were lost with their workers: nothing noted them.
    const firstAttempt = attemptsMade > 1 ? (noted ? Number(noted) : null) : job.processedOn;
    const letter: DeadLetter = {
      id,
      queue: queueName,
      stage: queueName,
      jobId: String(job.id),
      jobName: job.name,
      unitId: trace?.unitId,
      runId: trace?.runId,
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      attemptsMade,
      firstAttemptAt: firstAttempt ? new Date(firstAttempt).toISOString() : null,
      failedAt: new Date().toISOString(),
      data: job.data,
    };
    const buried = await this.machine.bury(letter, trace && isStage(queueName) ? trace : null, JSON.stringify(letter));
    // A replay starts the count afresh.
    if (noted) await this.redis.del(this.keys.firstAttempt(id));
    return buried ? letter : null;
  }

  /** Oldest first. With a filter, offset and limit count matching letters only. */
  async list(options: DeadLetterListOptions = {}): Promise<DeadLetter[]> {
    const offset = options.offset ?? 0;
    const limit = options.limit ?? 50;
    if (!isFiltered(options)) return this.load(await this.redis.zrangebyscore(this.keys.deadLetterIndex, this.oldestKept(), '+inf', 'LIMIT', offset, limit));
    const found: DeadLetter[] = [];
    let matched = 0;
    for await (const batch of this.batches()) {
      for (const letter of batch) {
        if (!matches(letter, options) || matched++ < offset) continue;
        found.push(letter);
        if (found.length === limit) return found;
      }
    }
    return found;
  }

  /** Every letter the filter takes, oldest first (letters carry no page bodies, and are capped in count). */
  async select(filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
    const found: DeadLetter[] = [];
    for await (const batch of this.batches()) found.push(...batch.filter((letter) => matches(letter, filter)));
    return found;
  }

  /** Every letter's id (`<queue>.<jobId>`), for counts by queue without loading letters. */
  async ids(): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.deadLetterIndex, this.oldestKept(), '+inf');
  }

  async get(id: string): Promise<DeadLetter | null> {
    const raw = await this.redis.get(this.keys.deadLetter(id));
    return raw ? (JSON.parse(raw) as DeadLetter) : null;
  }

  async count(): Promise<number> {
    return this.redis.zcount(this.keys.deadLetterIndex, this.oldestKept(), '+inf');
  }

  /**
   * Back to the queue it failed in, under its original job id; the letter goes once the job is
   * queued. Each step is idempotent: a replay cut short is completed by replaying again.
   */
  async replay(id: string): Promise<boolean> {
    const letter = await this.get(id);
    if (!letter) return false;
    if (!(await this.isServed(letter.queue))) {
      // Its subscriber was removed: replayed, the job would wait forever in a queue nobody serves.
      await this.purge(id);
      return false;
    }
    const trace = traceOf(letter.data);
    if (trace && isStage(letter.queue) && !(await this.machine.revive(trace, letter.queue))) {
      // A later submission owns the unit now: this letter's run is over.
      await this.purge(id);
      return false;
    }
    const origin = this.queueFor(letter.queue);
    const previous = await origin.getJob(letter.jobId);
    if (previous) await previous.remove();
    // BullMQ refuses numeric custom ids: an auto-numbered job comes back under a new number.
    const jobId = /^\d+$/.test(letter.jobId) ? undefined : letter.jobId;
    await origin.add(letter.jobName, letter.data, { ...this.jobOptionsFor(letter.queue), ...(jobId ? { jobId } : {}) });
    await this.purge(id);
    return true;
  }

  /** Every letter the filter takes when it is called; letters written meanwhile stay. */
  async replayAll(filter: DeadLetterFilter = {}): Promise<number> {
    let replayed = 0;
    for (const letter of await this.select(filter)) if (await this.replay(letter.id)) replayed++;
    return replayed;
  }

  async purge(id: string): Promise<boolean> {
    const [removed] = await Promise.all([this.redis.zrem(this.keys.deadLetterIndex, id), this.redis.del(this.keys.deadLetter(id))]);
    return removed === 1;
  }

  async purgeAll(filter: DeadLetterFilter = {}): Promise<number> {
    if (isFiltered(filter)) {
      let purged = 0;
      for (const letter of await this.select(filter)) if (await this.purge(letter.id)) purged++;
      return purged;
    }
    let purged = 0;
    for (;;) {
      const ids = await this.redis.zrange(this.keys.deadLetterIndex, 0, 999);
      if (ids.length === 0) return purged;
      await this.redis.del(...ids.map((id) => this.keys.deadLetter(id)));
      await this.redis.zrem(this.keys.deadLetterIndex, ...ids);
      purged += ids.length;
    }
  }

  private async load(ids: string[]): Promise<DeadLetter[]> {
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(...ids.map((id) => this.keys.deadLetter(id)));
    return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as DeadLetter);
  }

  private async *batches(size = 500): AsyncGenerator<DeadLetter[]> {
    for (let start = 0; ; start += size) {
      const ids = await this.redis.zrangebyscore(this.keys.deadLetterIndex, this.oldestKept(), '+inf', 'LIMIT', start, size);
      if (ids.length === 0) return;
      yield await this.load(ids);
    }
  }

  private oldestKept(): number {
    return Date.now() - this.retentionSeconds * 1000;
  }
}

function letterId(queueName: string, job: Job): string {
  return `${queueName}.${job.id}`;
}

function isFiltered(filter: DeadLetterFilter): boolean {
  return Boolean(filter.code || filter.stage);
}

function matches(letter: DeadLetter, filter: DeadLetterFilter): boolean {
  return (!filter.code || letter.code === filter.code) && (!filter.stage || letter.stage === filter.stage || letter.queue === filter.stage);
}
