import { createHash, randomBytes } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { Queue } from './load-bullmq.js';
import type { SitrepConfig } from '../config/config-schema.js';
import type { Logger } from '../logger.js';
import { canonicalizeUrl, urlKey } from '../pipeline/discover/canonicalize-url.js';
import { discoverReferences } from '../pipeline/discover/discover-references.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { STAGES, type DiscoverInput, type JobTrace, type StageJobData, type StageName } from './job-data.js';
import type { RedisClient } from './lua-scripts.js';
import { RecordStore } from './record-store.js';
import { INTAKE_FAMILY, queuePrefix, redisKeys, slotPrefix, WEBHOOK_QUEUE_PREFIX, type RedisKeys } from './redis-keys.js';
import { RefetchStore } from './refetch-store.js';
import { SubscriberRegistry, subscriberOfQueue } from '../webhooks/subscriber-registry.js';
import { UnitStateMachine, type AdmitOutcome, type UnitView } from './unit-state-machine.js';

export interface SubmitOptions {
  /** Groups the units of one submission; `sitrep run` waits on it. Default: a new random id (see runIdFor). */
  runId?: string;
  /** BullMQ priority (1 = highest). Default: none (FIFO). */
  priority?: number;
  /** Operator labels carried with the first job. Default: none. */
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

/** Events kept per queue stream (BullMQ's default is 10,000): bull-board and QueueEvents need only recent ones. */
const QUEUE_EVENTS_KEPT = 1000;

export function newRunId(): string {
  return randomBytes(8).toString('hex');
}

/**
 * The run id of a submission named by an idempotency key: repeating it (after a crash, a kill, a
 * timeout) is the same run, so what was admitted stays admitted and only the rest is added.
 */
export function runIdFor(idempotencyKey: string): string {
  return createHash('sha256').update(`run\n${idempotencyKey}`).digest('hex').slice(0, 16);
}

/** Unit id of an article without a URL: its content decides, so resubmitting it is idempotent. */
export function contentKey(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 32);
}

/** Every queue of one sitrep deployment, and the Redis state around them. One per process. */
export class SitrepQueues {
  readonly keys: RedisKeys;
  readonly units: UnitStateMachine;
  readonly records: RecordStore;
  readonly refetch: RefetchStore;
  readonly deadLetters: DeadLetterQueue;
  /** Webhook subscribers (config plus those registered over the API). */
  readonly subscribers: SubscriberRegistry;
  readonly streamKey: string;
  private readonly byName = new Map<string, Queue>();

  constructor(
    readonly config: SitrepConfig,
    readonly connection: RedisClient,
    readonly logger: Logger,
  ) {
    this.keys = redisKeys(config.queue.prefix);
    this.streamKey = this.keys.recordStream;
    const q = config.queue;
    this.units = new UnitStateMachine(connection, this.keys, {
      dedupeTtlSeconds: q.dedupeTtlSeconds,
      unitTtlSeconds: q.unitTtlSeconds,
      recordTtlSeconds: config.emit.recordTtlSeconds,
      streamMaxLen: config.emit.sinks.includes('redis-stream') ? config.emit.streamMaxLen : 0,
      deadLetterRetentionSeconds: q.deadLetterRetentionSeconds,
      deadLetterMaxCount: q.deadLetterMaxCount,
    });
    this.records = new RecordStore(connection, this.keys);
    // Validators live beside the records they stand for (the intake slot).
    this.refetch = new RefetchStore(connection, slotPrefix(q.prefix, INTAKE_FAMILY), config.emit.recordTtlSeconds);
    this.subscribers = new SubscriberRegistry(connection, q.prefix, config.webhooks.subscribers);
    this.deadLetters = new DeadLetterQueue(connection, this.keys, this.units, {
      queueFor: (name) => this.queue(name),
      jobOptionsFor: (name) => this.jobOptions(name),
      retentionSeconds: q.deadLetterRetentionSeconds,
      isServed: (name) => this.isServed(name),
    });
  }

  /** The queue of a stage (or any other named queue, such as a webhook subscriber's), created once. */
  queue<N extends string>(name: N): Queue<N extends StageName ? StageJobData[N] : unknown> {
    let queue = this.byName.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.connection,
        prefix: queuePrefix(this.config.queue.prefix, name),
        defaultJobOptions: this.jobOptions(name),
        streams: { events: { maxLen: QUEUE_EVENTS_KEPT } },
      });
      queue.on('error', (error) => this.logger.debug({ err: error.message, queue: name }, 'queue error'));
      this.byName.set(name, queue);
    }
    return queue as Queue<N extends StageName ? StageJobData[N] : unknown>;
  }

  /** Whether a queue has workers to come: a stage always, a webhook queue while its subscriber exists. */
  async isServed(queueName: string): Promise<boolean> {
    const subscriber = subscriberOfQueue(queueName);
    return subscriber === null || (await this.subscribers.get(subscriber)) !== null;
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
      removeOnComplete: keep,
      // A failed job's data lives on in its dead letter, which is what replay uses.
      removeOnFail: keep,
    };
  }

  /**
   * admit for URLs found by a stage (references) or submitted: each canonical URL becomes a unit of
   * `trace.runId` at fetch unless it was admitted within the dedupe window. One script per 100 URLs.
   */
  async admitUrls(urls: readonly string[], trace: Omit<JobTrace, 'unitId'>, options: Omit<SubmitOptions, 'runId'> = {}): Promise<AdmitOutcome[]> {
    const units = urls.map((url) => {
      const unitId = urlKey(url);
      // A refresh is admitted whatever the dedupe window says, and opens a new one.
      return { unitId, url, dedupeKey: options.refresh ? '' : 'url', data: { ...trace, unitId, url, ...(options.metadata ? { metadata: options.metadata } : {}) } };
    });
    return this.units.admit(this.queue('fetch'), trace.runId, units, options);
  }

  async submitUrls(urls: string[], options: SubmitOptions = {}): Promise<SubmitResult[]> {
    const canonical = urls.map((u) => canonicalizeUrl(u)); // validate all before enqueueing any
    const runId = options.runId ?? newRunId();
    const outcomes = await this.admitUrls(canonical, { runId, depth: 0, parentId: null }, options);
    return canonical.map((url, i) => ({ jobId: urlKey(url), unitId: urlKey(url), url, duplicate: outcomes[i] !== 'admitted' }));
  }

  /**
   * A pasted article is a duplicate only of the same content submitted within the dedupe window
   * (changed text under the same URL is admitted: it may make a new version); its own URL is marked
   * seen, so fetching that URL is a duplicate meanwhile. `refresh` admits it whatever was seen.
   */
  async submitArticle(article: ArticleSubmission, options: SubmitOptions = {}): Promise<SubmitResult> {
    const runId = options.runId ?? newRunId();
    const ownUrl = article.url ? canonicalizeUrl(article.url) : (discoverReferences(article.content).url ?? null);
    const unitId = ownUrl ? urlKey(ownUrl) : contentKey(article.content);
    const trace: JobTrace = { runId, unitId, depth: 0, parentId: null };
    const data = { ...trace, input: { kind: 'article' as const, ...article, ...(ownUrl ? { url: ownUrl } : {}) }, ...(options.metadata ? { metadata: options.metadata } : {}) };
    const dedupeKey = options.refresh ? '' : `article:${contentKey(article.content)}`;
    const [outcome] = await this.units.admit(this.queue('discover'), runId, [{ unitId, url: ownUrl, dedupeKey, data }], options);
    return { jobId: unitId, unitId, url: ownUrl, duplicate: outcome !== 'admitted' };
  }

  getUnit(id: string): Promise<UnitView | null> {
    return this.units.get(id);
  }

  async counts(): Promise<QueueCounts> {
    const queues: Record<string, Record<string, number>> = {};
    for (const queue of this.queues()) {
      queues[queue.name] = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    }
    return { queues, deadLetters: await this.deadLetters.count() };
  }

  async close(): Promise<void> {
    await Promise.all([...this.byName.values()].map((q) => q.close()));
  }
}
