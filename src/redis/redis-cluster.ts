import { Cluster, type Redis } from 'ioredis';
import { SitrepError } from '../errors/sitrep-error.js';

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
 * A Redis Cluster client from seed nodes; credentials and TLS come from redis.url when it is set.
 * Typed as Redis for the code that shares one connection type: every command sitrep sends names
 * keys of one slot (see src/queues/redis-keys.ts), which is all a Cluster client needs.
 */
export function createCluster(nodes: readonly string[], url: string | null): Redis {
  const auth = url ? new URL(url) : null;
  const cluster = new Cluster(parseClusterNodes(nodes), {
    lazyConnect: true,
    enableReadyCheck: true,
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
