import type { Cluster, Redis } from 'ioredis';

/** The nodes that hold keys: a cluster's masters, or the one server. */
export function masters(client: Redis | Cluster): Redis[] {
  return 'nodes' in client && typeof client.nodes === 'function' && client.isCluster ? client.nodes('master') : [client as Redis];
}

/** Keys matching a glob pattern, on every node, in batches; stops after `limit` keys. */
export async function* scanKeys(client: Redis | Cluster, pattern: string, limit = Number.POSITIVE_INFINITY): AsyncGenerator<{ node: Redis; keys: string[] }> {
  let seen = 0;
  for (const node of masters(client)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      const take = keys.slice(0, Math.max(0, limit - seen));
      seen += take.length;
      if (take.length) yield { node, keys: take };
      if (seen >= limit) return;
    } while (cursor !== '0');
  }
}
