import type { Redis } from 'ioredis';
import type { SitrepConfig } from '../config/config-schema.js';
import type { Logger } from '../logger.js';
import type { SitrepQueues } from '../queues/sitrep-queues.js';

/** What every worker shell is given: nothing global, so tests run several side by side. */
export interface WorkerContext {
  config: SitrepConfig;
  connection: Redis;
  logger: Logger;
  queues: SitrepQueues;
}
