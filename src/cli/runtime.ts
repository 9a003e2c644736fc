import type { SitrepConfig } from '../config/config-schema.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger, type LogFormat, type Logger } from '../logger.js';
import type { ConnectRedisOptions, RedisHandle } from '../redis/redis-connection.js';
import type { WorkerContext } from '../workers/worker-context.js';

export interface GlobalOptions {
  config?: string;
  logLevel?: string;
  /** auto, json or pretty (validated against log.format). */
  logFormat?: string;
  verbose?: boolean;
}

export interface Runtime extends WorkerContext {
  redis: RedisHandle;
  close(): Promise<void>;
}

export function configFrom(options: GlobalOptions): { config: SitrepConfig; logger: Logger } {
  const config = loadConfig({ file: options.config, ...(options.logFormat ? { overrides: { log: { format: options.logFormat as LogFormat } } } : {}) });
  const level = options.logLevel ?? (options.verbose ? 'debug' : config.log.level);
  return { config, logger: createLogger(level, { format: config.log.format }) };
}

export interface RuntimeOptions extends ConnectRedisOptions {
  /** Wait for a Redis that is down at start instead of failing (long-running processes). Default false. */
  waitForRedis?: boolean;
}

/**
 * Config, logger, Redis and queues: what every queue-facing command needs. A private Redis only with
 * `allowEmbedded` (sitrep run); each connection attempt has the redis.readyTimeoutMs deadline.
 * `loaded`: config and logger the command has already (default: from `options`).
 */
export async function openRuntime(options: GlobalOptions, runtimeOptions: RuntimeOptions = {}, loaded = configFrom(options)): Promise<Runtime> {
  const { config, logger } = loaded;
  const { waitForRedis: wait, ...redisOptions } = runtimeOptions;
  // Loaded on use, not with this module: `sitrep run` starts its CPU thread before this thread spends
  // ~0.4 s on ioredis and BullMQ. Redis is asked for (a private redis-server started) as soon as its
  // client is loaded, so the server starts up while BullMQ loads.
  const connecting = Promise.all([import('../redis/redis-connection.js'), import('../redis/wait-for-redis.js')]).then(([{ connectRedis }, { waitForRedis }]) => {
    const connect = () => connectRedis(config, logger, { readyTimeoutMs: config.redis.readyTimeoutMs, ...redisOptions });
    return wait ? waitForRedis(connect, logger) : connect();
  });
  const [redis, { SitrepQueues }] = await Promise.all([connecting, import('../queues/sitrep-queues.js')]);
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
