import { Cluster, type Redis } from './load-ioredis.js';
import type { SitrepConfig } from '../config/config-schema.js';
import { SitrepError } from '../errors/sitrep-error.js';
import type { Logger } from '../logger.js';
import type { RedisHandle } from './redis-connection.js';

export interface ClusterNode {
  host: string;
  port: number;
}

/** `host:port` seed nodes (IPv6 in brackets: `[::1]:7000`). */
export function parseClusterNodes(nodes: readonly string[]): ClusterNode[] {
  return nodes.map((node) => {
    const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(node.trim());
    const port = Number(match?.[3]);
    if (!match || port < 1 || port > 65535) throw new SitrepError('SITREP_ERR_CONFIG', `redis.cluster: "${node}" is not host:port`);
    return { host: match[1] ?? match[2], port };
  });
}

/**
 * A master's restart (kill, AOF load) is waited out, as a single server's outage is: a command sent
 * meanwhile goes back and forth between a closed connection, MOVED and CLUSTERDOWN, and ioredis' own
 * pace (16 redirections, 0–100 ms apart) gave up within a second. Measured on three local masters, one
 * killed and restarted after 2 s: 24 of 4,350 commands failed ("Too many Cluster redirections"), and
 * a `sitrep worker` starting then exited; with these, none (a command fails after ~8 s).
 */
const REDIRECTION_DELAY_MS = 250;
const MAX_REDIRECTIONS = 32;

/**
 * A Redis Cluster client from seed nodes; credentials and TLS come from redis.url when it is set.
 * Typed as Redis for the code that shares one connection type: every command sitrep sends names
 * keys of one slot (see src/queues/redis-keys.ts), which is all a Cluster client needs.
 */
export function createCluster(nodes: readonly string[], url: string | null): Redis {
  const auth = url ? new URL(url) : null;
  const cluster = new Cluster(parseClusterNodes(nodes), {
    lazyConnect: true,
    enableReadyCheck: true,
    maxRedirections: MAX_REDIRECTIONS,
    retryDelayOnMoved: REDIRECTION_DELAY_MS,
    retryDelayOnFailover: REDIRECTION_DELAY_MS,
    retryDelayOnClusterDown: REDIRECTION_DELAY_MS,
    redisOptions: {
      // As for a single server: a blocked BullMQ command waits for a reconnect instead of failing.
      maxRetriesPerRequest: null,
      ...(auth?.username ? { username: decodeURIComponent(auth.username) } : {}),
      ...(auth?.password ? { password: decodeURIComponent(auth.password) } : {}),
      ...(auth?.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  });
  return cluster as unknown as Redis;
}

/** Connect and ready on every master within this long, or SITREP_ERR_REDIS_UNAVAILABLE. */
const CLUSTER_READY_MS = 5000;

/** The Redis handle of a deployment on a Redis Cluster (redis.cluster set). */
export async function connectCluster(config: SitrepConfig, logger: Logger): Promise<RedisHandle> {
  const connection = createCluster(config.redis.cluster, config.redis.url);
  const cluster = connection as unknown as Cluster;
  let connected = false;
  // Before connect: a refused seed must not become an unhandled 'error' event with a stack trace.
  cluster.on('error', (error) => {
    if (connected) logger.warn({ err: error.message }, 'redis cluster error');
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      cluster.connect(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`not ready within ${CLUSTER_READY_MS / 1000} s`)), CLUSTER_READY_MS))),
    ]);
  } catch (error) {
    cluster.disconnect();
    throw new SitrepError('SITREP_ERR_REDIS_UNAVAILABLE', `Redis Cluster at ${config.redis.cluster.join(', ')} does not answer: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  connected = true;
  return {
    connection,
    url: `cluster ${config.redis.cluster.join(',')}`,
    embedded: false,
    async close() {
      await cluster.quit().catch(() => cluster.disconnect());
    },
  };
}
