import { randomBytes } from 'node:crypto';
import type { SitrepConfig } from '../../src/config/config-schema.js';
import { loadConfig, type DeepPartial } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
import type { Redis } from 'ioredis';
import { hostKeyPattern } from '../../src/queues/host-keys.js';
import { SitrepQueues } from '../../src/queues/sitrep-queues.js';
import { createRedis } from '../../src/redis/redis-connection.js';
import type { WorkerContext } from '../../src/workers/worker-context.js';

export const TEST_REDIS_URL = process.env.SITREP_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRuntime extends WorkerContext {
  prefix: string;
  /** Closes queues and the connection and deletes every key under the test's prefix. */
  cleanup(): Promise<void>;
}

export interface TestRuntimeOptions {
  /** Default TEST_REDIS_URL. */
  redisUrl?: string;
  /** Default: a new unique one. */
  prefix?: string;
}

/** A real Redis, a unique queue prefix per call, fast retries; the environment is ignored. */
export async function createTestRuntime(overrides: DeepPartial<SitrepConfig> = {}, options: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const prefix = options.prefix ?? `{sitrep-test-${randomBytes(4).toString('hex')}}`;
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const config = loadConfig({
    env: {},
    overrides: {
      ...overrides,
      redis: { url: redisUrl, embedded: false },
      queue: { prefix, attempts: 3, backoffBaseMs: 20, backoffMaxMs: 2000, ...overrides.queue },
      fetch: { allow: ['127.0.0.1'], connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000, ...overrides.fetch },
      // Every test server is one host (127.0.0.1): politeness and robots.txt are tested on their own.
      politeness: { maxInFlight: 1000, requestsPerSecond: 100_000, ...overrides.politeness },
      robots: { enabled: false, ...overrides.robots },
      log: { level: 'silent' },
    },
  });
  const connection = createRedis(redisUrl);
  await connection.connect();
  const logger = createLogger('silent');
  const queues = new SitrepQueues(config, connection, logger);
  return {
    config,
    connection,
    logger,
    queues,
    prefix,
    async cleanup() {
      await queues.close();
      await removeKeys(connection, prefix);
      await connection.quit();
    },
  };
}

/** Deletes every key of a deployment prefix: queues, units and records, and the per-host politeness keys. */
export async function removeKeys(connection: Redis, prefix: string): Promise<void> {
  for (const pattern of [`${prefix}:*`, hostKeyPattern(prefix)]) {
    let cursor = '0';
    do {
      const [next, keys] = await connection.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await connection.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
