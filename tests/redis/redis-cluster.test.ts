import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
import { parseClusterNodes } from '../../src/redis/redis-cluster.js';
import { connectRedis } from '../../src/redis/redis-connection.js';

describe('redis.cluster', () => {
  it('reads host:port seed nodes, IPv6 in brackets, and refuses anything else', () => {
    expect(parseClusterNodes(['127.0.0.1:7000', 'redis-a.internal:6379', '[::1]:7001'])).toEqual([
      { host: '127.0.0.1', port: 7000 },
      { host: 'redis-a.internal', port: 6379 },
      { host: '::1', port: 7001 },
    ]);
    expect(() => parseClusterNodes(['127.0.0.1'])).toThrow(/not host:port/);
    expect(() => loadConfig({ env: { SITREP_REDIS_CLUSTER: 'a:1,b' } })).toThrow(/redis\.cluster/);
  });

  it('connects through a Cluster client, and says clearly when no seed answers', async () => {
    // Port 1 on loopback: nothing listens there.
    const config = loadConfig({ env: { SITREP_REDIS_CLUSTER: '127.0.0.1:1' } });
    await expect(connectRedis(config, createLogger('silent'))).rejects.toMatchObject({ code: 'SITREP_ERR_REDIS_UNAVAILABLE', message: expect.stringMatching(/Redis Cluster at 127\.0\.0\.1:1 does not answer/) });
  });
});
