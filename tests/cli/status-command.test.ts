import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StageStats } from '../../src/metrics/stage-stats.js';
import { keyFamily } from '../../src/redis/redis-memory.js';
import { startQueueWorker } from '../../src/workers/queue-worker.js';
import { runMain } from '../helpers/run-main.js';
import { createTestRuntime, TEST_REDIS_URL, waitFor, type TestRuntime } from '../helpers/test-runtime.js';

describe('sitrep status', { timeout: 60_000 }, () => {
  let rt: TestRuntime;
  let worker: Worker;
  let env: Record<string, string>;

  beforeAll(async () => {
    rt = await createTestRuntime();
    env = { SITREP_REDIS_URL: TEST_REDIS_URL, SITREP_QUEUE_PREFIX: rt.prefix };
    await rt.queues.subscribers.add({ id: 'downstream', url: 'http://127.0.0.1:9/in' });
    worker = startQueueWorker(rt, 'fetch', async () => 'done');
    await worker.waitUntilReady();
    // What the workers did: three records in the last hour, while BullMQ retains however many it keeps.
    const stats = new StageStats(rt.connection, { prefix: rt.queues.keys.statsPrefix });
    for (let i = 0; i < 3; i++) await stats.record('fetch', 'completed');
    await stats.record('fetch', 'failed');
    await rt.queues.queue('discover').add('discover', { waiting: true } as never);
  });
  afterAll(async () => {
    await worker.close();
    await rt.cleanup();
  });

  it('shows live workers, webhook queues, the last hour\'s real outcomes and Redis memory by key family (--json)', async () => {
    const status = await waitFor(async () => {
      const parsed = JSON.parse((await runMain(['status', '--json'], env)).stdout);
      return parsed.queues.fetch.workers === 1 ? parsed : null;
    }, 20_000, 'the fetch worker to show');
    expect(status.queues.fetch).toMatchObject({ kind: 'stage', workers: 1, lastHour: { completed: 3, failed: 1, retried: 0 }, deadLetters: 0 });
    expect(status.queues.fetch).not.toHaveProperty('completed');
    expect(status.queues.discover).toMatchObject({ kind: 'stage', workers: 0, waiting: 1 });
    expect(status.queues['webhook-downstream']).toMatchObject({ kind: 'webhook', workers: 0, lastHour: null });
    expect(status.redis.usedBytes).toBeGreaterThan(0);
    const families = status.redis.families.map((f: { family: string }) => f.family);
    expect(families).toEqual(expect.arrayContaining([`${rt.prefix}:stats:*`, `${rt.prefix}:webhooks:subscribers`]));
    expect(status.redis.complete).toBe(true);
  });

  it('prints them as a table, warning of a queue with work and no worker', async () => {
    const { stdout, code } = await runMain(['status'], env);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^queue\s+workers\s+waiting\s+prioritized\s+active\s+delayed\s+done\/1h\s+failed\/1h/);
    expect(lines.find((l) => l.startsWith('fetch '))).toMatch(/^fetch\s+1\s+0\s+0\s+0\s+0\s+3\s+1\s+0\s+0$/);
    expect(lines.find((l) => l.startsWith('webhook-downstream'))).toBeDefined();
    expect(stdout).toContain('warning: discover has jobs waiting and no live worker');
    expect(stdout).toMatch(/^redis memory: \d+\.\d MB/m);
    expect(stdout).toMatch(/largest key families \(\d+ keys\):\n\s+\d+\.\d MB\s+\d+ keys\s+\{/);
  });

  it('names key families by their words, ids replaced', () => {
    expect(keyFamily('{sitrep:intake}:run:9f3c0a1b2c3d4e5f:submitted')).toBe('{sitrep:intake}:run:*:submitted');
    expect(keyFamily('{sitrep:intake}:record:0123456789abcdef0123456789abcdef')).toBe('{sitrep:intake}:record:*');
    expect(keyFamily('{sitrep:fetch}:fetch:wait')).toBe('{sitrep:fetch}:fetch:wait');
    expect(keyFamily('{sitrep:fetch}:fetch:abcdef0123.deadbeef01')).toBe('{sitrep:fetch}:fetch:*');
    expect(keyFamily('sitrep:host:{news.example}:leases')).toBe('sitrep:host:*:leases');
    expect(keyFamily('{sitrep:stats}:stats:1764583200000')).toBe('{sitrep:stats}:stats:*');
  });
});
