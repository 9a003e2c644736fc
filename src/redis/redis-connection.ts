import { Redis } from 'ioredis';
import type { SitrepConfig } from '../config/config-schema.js';
import { SitrepError } from '../errors/sitrep-error.js';
import type { Logger } from '../logger.js';
import { redactSecrets } from '../redact-secrets.js';
import { connectCluster } from './redis-cluster.js';
import { REDIS_HOW_TO, startEmbeddedRedis, type EmbeddedRedis } from './embedded-redis.js';

export interface ConnectRedisOptions {
  /** Where to look when no Redis is configured. Default redis://127.0.0.1:6379. */
  defaultUrl?: string;
}

export interface RedisHandle {
  /** Shared connection for queues and commands (BullMQ duplicates it for blocking reads). */
  connection: Redis;
  url: string;
  /** Set when this process started its own redis-server. */
  embedded: boolean;
  close(): Promise<void>;
}

/** BullMQ workers need maxRetriesPerRequest null: a blocked command must wait for a reconnect, not fail. */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: true });
}

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * Picks the Redis server: the configured one (must answer), else 127.0.0.1:6379, else a private
 * redis-server from PATH when redis.embedded is on.
 */
export async function connectRedis(config: SitrepConfig, logger: Logger, options: ConnectRedisOptions = {}): Promise<RedisHandle> {
  if (config.redis.cluster.length > 0) return connectCluster(config, logger);
  let url = config.redis.url ?? options.defaultUrl ?? 'redis://127.0.0.1:6379';
  let embedded: EmbeddedRedis | undefined;
  if (!(await answers(url))) {
    if (config.redis.url) {
      throw new SitrepError('SITREP_ERR_REDIS_UNAVAILABLE', `Redis at ${redactSecrets(url)} does not answer: check REDIS_URL, or ${REDIS_HOW_TO}`);
    }
    if (!config.redis.embedded) {
      throw new SitrepError('SITREP_ERR_REDIS_UNAVAILABLE', `no Redis answers on 127.0.0.1:6379 and redis.embedded is off: ${REDIS_HOW_TO}`);
    }
    embedded = await startEmbeddedRedis();
    url = embedded.url;
    logger.info({ redis: url }, 'no Redis configured or answering; started a private redis-server for this process');
  }
  const connection = createRedis(url);
  connection.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  await connection.connect();
  return {
    connection,
    url,
    embedded: embedded !== undefined,
    async close() {
      await connection.quit().catch(() => connection.disconnect());
      await embedded?.stop();
    },
  };
}
