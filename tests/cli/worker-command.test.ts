import { spawn } from 'node:child_process';
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

  it('processes queued work and shuts down cleanly on SIGTERM', async () => {
    const test = (rt = await createTestRuntime());
    const env = { ...process.env, SITREP_REDIS_URL: test.config.redis.url as string, SITREP_QUEUE_PREFIX: test.prefix, SITREP_LOG_LEVEL: 'info', SITREP_WORKER_METRICS_PORT: '0' };
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'worker', '--concurrency', '2'], { env });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const runId = newRunId();
    const unit = await test.queues.submitArticle({ content: 'Five civilians were killed in shelling of Kherson on Sunday, the regional administration said.' }, { runId });
    await waitFor(async () => (await test.queues.units.progress(runId)).done, 20_000, 'the worker to finish the article');
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
});
