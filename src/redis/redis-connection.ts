import { Redis } from './load-ioredis.js';
import type { SitrepConfig } from '../config/config-schema.js';
import { SitrepError } from '../errors/sitrep-error.js';
import type { Logger } from '../logger.js';
import { redactSecrets } from '../redact-secrets.js';
import { connectCluster } from './redis-cluster.js';
import { REDIS_HOW_TO, startEmbeddedRedis, type EmbeddedRedis } from './embedded-redis.js';
import { redisOutageLog } from './outage-log.js';

export interface ConnectRedisOptions {
  /** Where to look when no Redis is configured. Default redis://127.0.0.1:6379. */
  defaultUrl?: string;
  /**
   * May start a private redis-server when none answers (and redis.embedded is on). Default false:
   * only `sitrep run` may, since its work ends with it; anything else queued there would vanish.
   */
  allowEmbedded?: boolean;
  /** Deadline for connect and ready (a stopped or overloaded server accepts but never answers). Default 5000. */
  readyTimeoutMs?: number;
}

const DEFAULT_READY_TIMEOUT_MS = 5000;

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

class NotReady extends SitrepError {}

/** connect() and the ready check, within timeoutMs; the client is disconnected when it fails. */
export async function readyWithin(client: Redis, timeoutMs: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NotReady('SITREP_ERR_REDIS_UNAVAILABLE', `${what} accepts connections but did not answer within ${timeoutMs / 1000} s (stopped, overloaded or still loading?)`)), timeoutMs);
  });
  try {
    await Promise.race([client.connect(), deadline]);
  } catch (error) {
    client.disconnect();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** 'down' when nothing listens (or it refuses), 'frozen' when something listens but does not answer. */
async function probe(url: string, timeoutMs: number): Promise<'ok' | 'down' | 'frozen'> {
  // disconnectTimeout 0: a refused socket must not leave a 2 s timer keeping a one-shot command alive.
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, disconnectTimeout: 0 });
  client.on('error', () => {});
  try {
    await readyWithin(client, timeoutMs, 'Redis');
    return 'ok';
  } catch (error) {
    return error instanceof NotReady ? 'frozen' : 'down';
  } finally {
    client.disconnect();
  }
}

/**
 * Picks the Redis server: the configured one (must answer), else 127.0.0.1:6379, else (only with
 * allowEmbedded and redis.embedded on) a private redis-server from PATH. Connect and ready have a deadline.
 */
export async function connectRedis(config: SitrepConfig, logger: Logger, options: ConnectRedisOptions = {}): Promise<RedisHandle> {
  if (config.redis.cluster.length > 0) return connectCluster(config, logger);
  const timeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  let url = config.redis.url ?? options.defaultUrl ?? 'redis://127.0.0.1:6379';
  let embedded: EmbeddedRedis | undefined;
  const state = await probe(url, timeoutMs);
  if (state === 'frozen') {
    throw new SitrepError('SITREP_ERR_REDIS_UNAVAILABLE', `Redis at ${redactSecrets(url)} accepts connections but did not answer within ${timeoutMs / 1000} s (stopped, overloaded or still loading?)`);
  }
  if (state === 'down') {
    if (config.redis.url) {
      throw new SitrepError('SITREP_ERR_REDIS_UNAVAILABLE', `Redis at ${redactSecrets(url)} does not answer: check REDIS_URL, or ${REDIS_HOW_TO}`);
    }
    if (!options.allowEmbedded) {
      throw new SitrepError('SITREP_ERR_REDIS_UNAVAILABLE', `no Redis answers on ${redactSecrets(url)} and none is configured: ${REDIS_HOW_TO} (only \`sitrep run\` starts a private one, since what it holds goes away with it)`);
    }
    if (!config.redis.embedded) {
      throw new SitrepError('SITREP_ERR_REDIS_UNAVAILABLE', `no Redis answers on 127.0.0.1:6379 and redis.embedded is off: ${REDIS_HOW_TO}`);
    }
    embedded = await startEmbeddedRedis();
    url = embedded.url;
    logger.info({ redis: url }, 'no Redis configured or answering; started a private redis-server for this process');
  }
  const connection = createRedis(url);
  const outage = redisOutageLog(logger);
  connection.on('error', (error) => outage.error(error));
  connection.on('ready', () => outage.restored());
  try {
    await readyWithin(connection, timeoutMs, `Redis at ${redactSecrets(url)}`);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    connection,
    url,
    embedded: embedded !== undefined,
    async close() {
      // QUIT would wait in the offline queue for a Redis that is down: only a live connection says goodbye.
      if (connection.status === 'ready') await Promise.race([connection.quit(), new Promise((r) => setTimeout(r, 1000).unref())]).catch(() => {});
      connection.disconnect();
      await embedded?.stop();
    },
  };
}
