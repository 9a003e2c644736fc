import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { IdempotencyStore } from '../../src/api/idempotency.js';
import { TEST_REDIS_URL } from '../helpers/test-runtime.js';

const prefix = `sitrep-test-${randomBytes(4).toString('hex')}`;
const redis = new Redis(TEST_REDIS_URL);

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('IdempotencyStore', () => {
  it('a request whose server died mid-way holds its key only for the lease; then a repeat runs again', async () => {
    const store = new IdempotencyStore(redis, prefix, 3600, 1);
    // The first request claims the key and never answers (its process was killed).
    void store.run('/v1/urls', 'k', { urls: ['a'] }, () => new Promise(() => {}));
    await sleep(50);
    await expect(store.run('/v1/urls', 'k', { urls: ['a'] }, async () => ({ statusCode: 202, body: 'second' }))).rejects.toMatchObject({ details: { status: 409 } });
    await sleep(1100);
    const repeat = await store.run('/v1/urls', 'k', { urls: ['a'] }, async () => ({ statusCode: 202, body: 'third' }));
    expect(repeat).toEqual({ statusCode: 202, body: 'third', replayed: false });
    // Answered: kept for the whole TTL and replayed.
    await sleep(1100);
    expect(await store.run('/v1/urls', 'k', { urls: ['a'] }, async () => ({ statusCode: 202, body: 'fourth' }))).toEqual({ statusCode: 202, body: 'third', replayed: true });
  });
});
