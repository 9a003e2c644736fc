import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { newRunId } from '../../src/queues/sitrep-queues.js';
import { runCli } from '../helpers/run-cli.js';
import { createTestRuntime, waitFor, type TestRuntime } from '../helpers/test-runtime.js';

const ENTRY = fileURLToPath(new URL('../helpers/cli-entry.ts', import.meta.url));

describe('sitrep worker', () => {
  let rt: TestRuntime | undefined;
  afterEach(async () => {
    await rt?.cleanup();
    rt = undefined;
  });

  it('processes queued work and shuts down cleanly on SIGTERM', { timeout: 90_000 }, async () => {
    const test = (rt = await createTestRuntime());
    const env = { ...process.env, SITREP_REDIS_URL: test.config.redis.url as string, SITREP_QUEUE_PREFIX: test.prefix, SITREP_LOG_LEVEL: 'info', SITREP_WORKER_METRICS_PORT: '0' };
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'worker', '--concurrency', '2'], { env });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const runId = newRunId();
    const unit = await test.queues.submitArticle({ content: 'Five civilians were killed in shelling of Kherson on Sunday, the regional administration said.' }, { runId });
    await waitFor(async () => (await test.queues.units.progress(runId)).done, 60_000, 'the worker to finish the article'); // generous: a busy CI box starts tsx slowly
    expect(await test.queues.records.get(unit.unitId)).toMatchObject({ id: unit.unitId, source: { kind: 'submitted' } });
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('shutting down');
  });

  it('rejects an unknown stage with a clear message', async () => {
    const result = await runCli(['worker', '--stages', 'fetch,bake'], { SITREP_REDIS_URL: 'redis://127.0.0.1:1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown stage\(s\) bake: choose from discover, fetch/);
  });

  it('waits for a Redis that is down at start, with one line, and works once it is up', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const prefix = `{sitrep-test-wait-${process.pid}}`;
    const env = { ...process.env, SITREP_REDIS_URL: `redis://127.0.0.1:${port}`, SITREP_QUEUE_PREFIX: prefix, SITREP_LOG_LEVEL: 'info', SITREP_WORKER_METRICS_PORT: '0' };
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'worker'], { env });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let redis: ReturnType<typeof spawn> | undefined;
    try {
      await waitFor(async () => stderr.includes('waiting for Redis'), 30_000, 'the waiting line');
      expect(child.exitCode).toBeNull();
      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await waitFor(async () => stderr.includes('Redis answers after'), 30_000, 'the worker to see Redis');
      const test = (rt = await createTestRuntime({}, { redisUrl: `redis://127.0.0.1:${port}`, prefix }));
      const runId = newRunId();
      const unit = await test.queues.submitArticle({ content: 'Two soldiers were killed near Bakhmut on Monday, the ministry said.' }, { runId });
      await waitFor(async () => (await test.queues.units.progress(runId)).done, 30_000, 'the worker to process work once Redis is up');
      expect(await test.queues.records.get(unit.unitId)).toMatchObject({ id: unit.unitId });
      expect(stderr.match(/waiting for Redis/g)).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'close');
      await rt?.cleanup();
      rt = undefined;
      redis?.kill('SIGTERM');
    }
  }, 90_000);
});
