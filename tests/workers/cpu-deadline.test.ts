import { createServer } from 'node:net';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRunId } from '../../src/queues/sitrep-queues.js';
import { createCpuPool, type CpuPool } from '../../src/workers/cpu-pool.js';
import { startService, type RunningService } from '../../src/workers/start-service.js';
import { articleHtml } from '../helpers/article-html.js';
import { createTestRuntime, waitFor, type TestRuntime } from '../helpers/test-runtime.js';
import { RUNAWAY } from './fixtures/runaway-cpu-tasks.js';

const DEADLINE_MS = 8000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a runaway input in one job (sitrep worker with its CPU pool)', () => {
  let rt: TestRuntime;
  let cpu: CpuPool;
  let service: RunningService;
  let events: QueueEvents;
  let metricsUrl: string;
  const stalled: string[] = [];

  beforeAll(async () => {
    // Locks a blocked event loop would lose during the runaway (its deadline is well over twice as long),
    // with room for a starved machine: renewed every 500 ms, they last 3 s.
    rt = await createTestRuntime({ queue: { lockDurationMs: 3000, lockRenewMs: 500, stalledIntervalMs: 1000 } });
    cpu = createCpuPool({ threads: 2, deadlineMs: DEADLINE_MS, filename: new URL('./fixtures/runaway-cpu-tasks.ts', import.meta.url) });
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    service = await startService(rt, { metricsPort: port, cpu });
    events = new QueueEvents('discover', { connection: rt.connection.duplicate(), prefix: rt.config.queue.prefix });
    events.on('stalled', ({ jobId }) => stalled.push(jobId));
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await events?.close();
    await service?.close();
    await cpu?.close();
    await rt?.cleanup();
  });

  it('keeps /metrics answering and the other jobs running with their locks, then dead-letters it (SITREP_ERR_CPU_DEADLINE) and carries on', async () => {
    const runId = newRunId();
    const runaway = await rt.queues.submitArticle({ content: RUNAWAY, contentType: 'text/html', name: 'runaway' }, { runId });
    const others = [];
    for (let i = 0; i < 3; i++) others.push(await rt.queues.submitArticle({ content: articleHtml(`Report ${i}`), contentType: 'text/html' }, { runId }));

    // Scrape the worker's /metrics over the runaway's whole life.
    const latencies: number[] = [];
    let deadLettered = false;
    const scraping = (async () => {
      while (!deadLettered) {
        const started = performance.now();
        const res = await fetch(metricsUrl);
        await res.text();
        expect(res.status).toBe(200);
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    // The other articles become records while the runaway still holds its thread.
    await waitFor(async () => (await rt.queues.units.progress(runId)).completed === others.length, 15_000, 'the other articles');
    const othersDone = latencies.length;
    expect(await rt.queues.deadLetters.count()).toBe(0);

    const [letter] = await waitFor(async () => {
      const letters = await rt.queues.deadLetters.list();
      return letters.length ? letters : undefined;
    }, DEADLINE_MS + 15_000, 'the runaway to be dead-lettered');
    deadLettered = true;
    await scraping;
    expect(letter).toMatchObject({ code: 'SITREP_ERR_CPU_DEADLINE', retryable: false, unitId: runaway.unitId });
    expect(await rt.queues.units.progress(runId)).toMatchObject({ submitted: 4, completed: 3, dead: 1, done: true });

    // No job lost its lock meanwhile, and the metrics server never waited on the runaway.
    expect(stalled).toEqual([]);
    const worst = Math.max(...latencies);
    const figures = (xs: number[]) => `${xs.length} scrapes, median ${[...xs].sort((a, b) => a - b)[xs.length >> 1]?.toFixed(1)} ms, worst ${Math.max(...xs).toFixed(1)} ms`;
    console.log(`/metrics during a ${DEADLINE_MS} ms runaway: ${figures(latencies)}; once the runaway ran alone: ${figures(latencies.slice(othersDone))}`);
    expect(latencies.length).toBeGreaterThan(5);
    expect(worst).toBeLessThan(DEADLINE_MS / 2); // generous on a loaded machine; a blocked loop takes the whole deadline

    // The worker carries on with a fresh thread.
    const after = await rt.queues.submitArticle({ content: articleHtml('After the runaway'), contentType: 'text/html' }, { runId: newRunId() });
    await waitFor(async () => (await rt.queues.units.get(after.unitId))?.state === 'completed', 15_000, 'an article after the runaway');
  });
});
