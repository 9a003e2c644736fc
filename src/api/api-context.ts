import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { SitrepConfig } from '../config/config-schema.js';
import type { SitrepMetrics } from '../metrics/sitrep-metrics.js';
import type { StageStats } from '../metrics/stage-stats.js';
import type { SitrepQueues } from '../queues/sitrep-queues.js';
import type { SubscriberRegistry } from '../webhooks/subscriber-registry.js';

/** What every API plugin is given (as its options): no globals, so tests build several apps. */
export interface ApiContext {
  config: SitrepConfig;
  queues: SitrepQueues;
  /** The shared connection; blocking readers (SSE) duplicate it. */
  connection: Redis;
  metrics: SitrepMetrics;
  stats: StageStats;
  subscribers: SubscriberRegistry;
  /** Tells the dashboard about a queue created after start (a new webhook subscriber's). */
  onQueueCreated(queue: Queue): void;
}
