import { createHash, randomBytes } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { SitrepConfig } from '../config/config-schema.js';
import type { Logger } from '../logger.js';
import { canonicalizeUrl, urlKey } from '../pipeline/discover/canonicalize-url.js';
import { discoverReferences } from '../pipeline/discover/discover-references.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { STAGES, type DiscoverInput, type JobTrace, type StageJobData, type StageName } from './job-data.js';
import { RecordStore } from './record-store.js';
import { RefetchStore } from './refetch-store.js';
import { DEAD_LETTER_QUEUE, redisKeys, WEBHOOK_QUEUE_PREFIX, type RedisKeys } from './redis-keys.js';
import { UnitTracker, type UnitView } from './unit-tracker.js';

export interface SubmitOptions {
  /** Groups the units of one submission; `sitrep run` waits on it. Default: a new random id. */
  runId?: string;
  /** BullMQ priority (1 = highest). Default: none (FIFO). */
  priority?: number;
  /** Operator labels carried with the discover job. Default: none. */
  metadata?: Record<string, string>;
  /** Fetch again even within the dedupe window (If-None-Match / If-Modified-Since when validators are kept). Default false. */
  refresh?: boolean;
}

export interface SubmitResult {
  /** Same as unitId: one id follows a unit through every stage (GET /v1/jobs/:id). */
  jobId: string;
  unitId: string;
  url: string | null;
  /** The canonical URL was already submitted within queue.dedupeTtlSeconds: nothing was enqueued. */
  duplicate: boolean;
}

export type ArticleSubmission = Omit<Extract<DiscoverInput, { kind: 'article' }>, 'kind'>;

export interface QueueCounts {
  queues: Record<string, Record<string, number>>;
  deadLetters: number;
}

const PARSE_JOBS_KEPT = 100;

export function newRunId(): string {
  return randomBytes(8).toString('hex');
}

/** Unit id of an article without a URL: its content decides, so resubmitting it is idempotent. */
export function contentKey(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 32);
}

/** Every queue of one sitrep deployment, and the Redis state around them. One per process. */
export class SitrepQueues {
  readonly keys: RedisKeys;
  readonly tracker: UnitTracker;
  readonly records: RecordStore;
  readonly refetch: RefetchStore;
  readonly deadLetters: DeadLetterQueue;
  readonly streamKey: string;
  private readonly byName = new Map<string, Queue>();

  constructor(
    readonly config: SitrepConfig,
    readonly connection: Redis,
    readonly logger: Logger,
  ) {
    this.keys = redisKeys(config.queue.prefix);
    this.streamKey = this.keys.recordStream;
    this.tracker = new UnitTracker(connection, this.keys);
    this.records = new RecordStore(connection, this.keys, config.emit.recordTtlSeconds);
    this.refetch = new RefetchStore(connection, config.queue.prefix, config.emit.recordTtlSeconds);
    const dlq = new Queue(DEAD_LETTER_QUEUE, { connection, prefix: config.queue.prefix });
    this.byName.set(DEAD_LETTER_QUEUE, dlq);
    this.deadLetters = new DeadLetterQueue(dlq, (name) => this.queue(name), this.tracker, (name) => this.jobOptions(name));
  }

  /** The queue of a stage (or any other named queue, such as 'webhook'), created once. */
  queue<N extends string>(name: N): Queue<N extends StageName ? StageJobData[N] : unknown> {
    let queue = this.byName.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.queue.prefix, defaultJobOptions: this.jobOptions(name) });
      this.byName.set(name, queue);
    }
    return queue as Queue<N extends StageName ? StageJobData[N] : unknown>;
  }

  queues(): Queue[] {
    for (const stage of STAGES) this.queue(stage);
    return [...this.byName.values()];
  }

  /** Retries with the custom (Retry-After aware) backoff, retention bounded by age and count. */
  jobOptions(name: string): JobsOptions {
    const q = this.config.queue;
    const keep = { age: q.keepCompletedSeconds, count: q.keepCompletedCount };
    return {
      // Webhook delivery queues keep their own, longer retry budget.
      attempts: name.startsWith(WEBHOOK_QUEUE_PREFIX) ? this.config.webhooks.attempts : q.attempts,
      backoff: { type: 'sitrep' },
      // Parse jobs carry whole pages: keeping thousands would fill Redis (which must not evict).
      removeOnComplete: name === 'parse' ? { ...keep, count: Math.min(keep.count, PARSE_JOBS_KEPT) } : keep,
      // A failed job's data lives on in its dead letter, which is what replay uses.
      removeOnFail: keep,
    };
  }

  /** Hands a unit to a stage; the job id is fixed per unit and run, so a retried hand-off is a no-op. */
  async enqueue<S extends StageName>(stage: S, data: StageJobData[S], options: { priority?: number } = {}): Promise<void> {
    const queue = this.queue(stage) as unknown as Queue;
    // State first: a fast worker may finish the job before add() returns, and must not be overwritten.
    await this.tracker.moved(data.unitId, stage, 'waiting');
    await queue.add(stage, data, { jobId: `${data.unitId}.${data.runId}`, ...(options.priority ? { priority: options.priority } : {}) });
  }

  /**
   * Admits a canonical URL as a new unit unless it was seen within the dedupe window.
   * Returns false for a duplicate: nothing is submitted, so the conservation law is untouched.
   */
  async admitUrl(canonicalUrl: string, trace: Omit<JobTrace, 'unitId'>, stage: StageName, refresh = false): Promise<{ unitId: string; admitted: boolean }> {
    const unitId = urlKey(canonicalUrl);
    const seen = this.keys.seen(unitId);
    const ttl = this.config.queue.dedupeTtlSeconds;
    // A refresh is admitted whatever the dedupe window says, and opens a new one.
    const fresh = refresh ? await this.connection.set(seen, trace.runId, 'EX', ttl) : await this.connection.set(seen, trace.runId, 'EX', ttl, 'NX');
    if (fresh === null) {
      await this.tracker.duplicate(trace.runId, canonicalUrl);
      return { unitId, admitted: false };
    }
    await this.tracker.submitted({ ...trace, unitId }, stage, canonicalUrl);
    return { unitId, admitted: true };
  }

  /** Marks a URL as seen without submitting it (an article's own URL). */
  async markSeen(canonicalUrl: string, runId: string): Promise<void> {
    await this.connection.set(this.keys.seen(urlKey(canonicalUrl)), runId, 'EX', this.config.queue.dedupeTtlSeconds, 'NX');
  }

  async submitUrls(urls: string[], options: SubmitOptions = {}): Promise<SubmitResult[]> {
    const canonical = urls.map((u) => canonicalizeUrl(u)); // validate all before enqueueing any
    const runId = options.runId ?? newRunId();
    const results: SubmitResult[] = [];
    for (const url of canonical) {
      const trace = { runId, depth: 0, parentId: null };
      const { unitId, admitted } = await this.admitUrl(url, trace, 'discover', options.refresh);
      if (admitted) {
        await this.enqueue('discover', { ...trace, unitId, input: { kind: 'url', url }, ...(options.metadata ? { metadata: options.metadata } : {}) }, options);
      }
      results.push({ jobId: unitId, unitId, url, duplicate: !admitted });
    }
    return results;
  }

  /** A pasted article always yields its own record, so it is never deduplicated away. */
  async submitArticle(article: ArticleSubmission, options: SubmitOptions = {}): Promise<SubmitResult> {
    const runId = options.runId ?? newRunId();
    const ownUrl = article.url ? canonicalizeUrl(article.url) : (discoverReferences(article.content).url ?? null);
    const unitId = ownUrl ? urlKey(ownUrl) : contentKey(article.content);
    const trace: JobTrace = { runId, unitId, depth: 0, parentId: null };
    await this.tracker.submitted(trace, 'discover', ownUrl);
    if (ownUrl) await this.markSeen(ownUrl, runId);
    await this.enqueue('discover', { ...trace, input: { kind: 'article', ...article, ...(ownUrl ? { url: ownUrl } : {}) }, ...(options.metadata ? { metadata: options.metadata } : {}) }, options);
    return { jobId: unitId, unitId, url: ownUrl, duplicate: false };
  }

  getUnit(id: string): Promise<UnitView | null> {
    return this.tracker.get(id);
  }

  async counts(): Promise<QueueCounts> {
    const queues: Record<string, Record<string, number>> = {};
    for (const queue of this.queues()) {
      if (queue.name === DEAD_LETTER_QUEUE) continue;
      queues[queue.name] = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    }
    return { queues, deadLetters: await this.deadLetters.count() };
  }

  async close(): Promise<void> {
    await Promise.all([...this.byName.values()].map((q) => q.close()));
  }
}
