import type { SitrepConfig } from '../config/config-schema.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger, type Logger } from '../logger.js';
import { SitrepQueues } from '../queues/sitrep-queues.js';
import { connectRedis, type RedisHandle } from '../redis/redis-connection.js';
import { waitForRedis } from '../redis/wait-for-redis.js';
import type { WorkerContext } from '../workers/worker-context.js';

export interface GlobalOptions {
  config?: string;
  logLevel?: string;
  verbose?: boolean;
}

export interface Runtime extends WorkerContext {
  redis: RedisHandle;
  close(): Promise<void>;
}

export function configFrom(options: GlobalOptions): { config: SitrepConfig; logger: Logger } {
  const config = loadConfig({ file: options.config });
  const level = options.logLevel ?? (options.verbose ? 'debug' : config.log.level);
  return { config, logger: createLogger(level) };
}

export interface RuntimeOptions {
  /** Wait for a Redis that is down at start instead of failing (long-running processes). Default false. */
  waitForRedis?: boolean;
}

/** Config, logger, Redis (embedded fallback) and queues: what every queue-facing command needs. */
export async function openRuntime(options: GlobalOptions, base = configFrom(options), runtimeOptions: RuntimeOptions = {}): Promise<Runtime> {
  const { config, logger } = base;
  const connect = () => connectRedis(config, logger);
  const redis = runtimeOptions.waitForRedis ? await waitForRedis(connect, logger) : await connect();
  const queues = new SitrepQueues(config, redis.connection, logger);
  return {
    config,
    logger,
    connection: redis.connection,
    queues,
    redis,
    async close() {
      await queues.close();
      await redis.close();
    },
  };
}
