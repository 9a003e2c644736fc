import type { Cluster, Redis } from 'ioredis';

export interface KeyFamily {
  /** The key with its ids replaced by `*`, e.g. `{sitrep:intake}:record:*`. */
  family: string;
  keys: number;
  /** MEMORY USAGE summed over the family's sampled keys. */
  bytes: number;
}

export interface RedisMemory {
  /** INFO memory used_memory (summed over a cluster's masters). */
  usedBytes: number;
  /** maxmemory; 0 = no limit. */
  maxBytes: number;
  /** The deployment's key families, largest first. */
  families: KeyFamily[];
  /** Keys looked at; when `complete` is false, only the first `sampleLimit` were. */
  sampledKeys: number;
  complete: boolean;
}

export interface RedisMemoryOptions {
  /** At most this many keys are scanned and sized. Default 10000. */
  sampleLimit?: number;
  /** Families reported (the largest). Default 10. */
  top?: number;
}

/** Ids (hex, numbers, hosts, URLs) are what varies within a family; words name it. */
const WORD = /^[a-z]+(?:-[a-z]+)*$/;
const HEX_ID = /^[0-9a-f]{8,}$/;

/** `{sitrep:intake}:run:9f3c…:submitted` → `{sitrep:intake}:run:*:submitted`. */
export function keyFamily(key: string): string {
  const slot = /^\{[^}]*\}/.exec(key)?.[0] ?? '';
  const parts = key.slice(slot.length).split(':');
  const named = parts.map((part, i) => (i === 0 && slot ? part : WORD.test(part) && !HEX_ID.test(part) ? part : '*'));
  return (slot + named.join(':')).replace(/(?::\*)+/g, ':*');
}

/** Glob patterns matching every key of one deployment (queue.prefix), and nothing of another. */
export function deploymentKeyPatterns(prefix: string): string[] {
  const glob = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');
  if (prefix.includes('{')) return [`${glob(prefix)}:*`, `${glob(prefix.replace(/[{}]/g, ''))}:*`];
  return [`{${glob(prefix)}:*`, `${glob(prefix)}:*`];
}

function masters(client: Redis | Cluster): Redis[] {
  return 'nodes' in client && typeof client.nodes === 'function' && client.isCluster ? client.nodes('master') : [client as Redis];
}

function infoField(info: string, field: string): number {
  return Number(new RegExp(`^${field}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
}

/** INFO memory's used_memory and maxmemory (0: no limit), summed over a cluster's masters. */
export async function redisMemoryInfo(client: Redis | Cluster): Promise<{ usedBytes: number; maxBytes: number }> {
  let usedBytes = 0;
  let maxBytes = 0;
  for (const node of masters(client)) {
    const info = await node.info('memory');
    usedBytes += infoField(info, 'used_memory');
    maxBytes += infoField(info, 'maxmemory');
  }
  return { usedBytes, maxBytes };
}

/**
 * Redis's memory and what of it the deployment's key families take. Sized with SCAN and MEMORY
 * USAGE, pipelined, at most sampleLimit keys: cheap enough for `sitrep status`, and it says when
 * it stopped short.
 */
export async function redisMemory(client: Redis | Cluster, prefix: string, options: RedisMemoryOptions = {}): Promise<RedisMemory> {
  const limit = options.sampleLimit ?? 10_000;
  const { usedBytes, maxBytes } = await redisMemoryInfo(client);
  const byFamily = new Map<string, KeyFamily>();
  let sampled = 0;
  let complete = true;
  for (const node of masters(client)) {
    for (const pattern of deploymentKeyPatterns(prefix)) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        const take = keys.slice(0, Math.max(0, limit - sampled));
        if (take.length < keys.length) complete = false;
        if (take.length === 0) continue;
        const pipeline = node.pipeline();
        for (const key of take) pipeline.memory('USAGE', key);
        const sizes = (await pipeline.exec()) ?? [];
        take.forEach((key, i) => {
          const family = keyFamily(key);
          const entry = byFamily.get(family) ?? { family, keys: 0, bytes: 0 };
          entry.keys++;
          entry.bytes += Number(sizes[i]?.[1] ?? 0);
          byFamily.set(family, entry);
        });
        sampled += take.length;
      } while (cursor !== '0' && sampled < limit);
      if (cursor !== '0') complete = false;
    }
  }
  const families = [...byFamily.values()].sort((a, b) => b.bytes - a.bytes).slice(0, options.top ?? 10);
  return { usedBytes, maxBytes, families, sampledKeys: sampled, complete };
}
