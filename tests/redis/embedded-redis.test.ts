import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startEmbeddedRedis } from '../../src/redis/embedded-redis.js';

describe('startEmbeddedRedis', () => {
  it('starts a private redis-server on a free loopback port and stops it', async () => {
    const embedded = await startEmbeddedRedis();
    expect(embedded.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const client = new Redis(embedded.url);
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
    await embedded.stop();
    const after = new Redis(embedded.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    after.on('error', () => {});
    await expect(after.connect()).rejects.toThrow();
  });

  it('says how to get Redis when there is no redis-server binary', async () => {
    await expect(startEmbeddedRedis('/nonexistent/redis-server')).rejects.toThrow(/docker compose up -d redis/);
  });
});
