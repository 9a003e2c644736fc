import type { Job, Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { startQueueWorker } from '../../src/workers/queue-worker.js';
import { createTestRuntime, waitFor, type TestRuntime } from '../helpers/test-runtime.js';

// A queue that is not a pipeline stage exercises the retry/dead-letter machinery on its own.
const QUEUE = 'probe';

describe('startQueueWorker', () => {
  let rt: TestRuntime;
  const workers: Array<Pick<Worker, "close">> = [];

  beforeEach(async () => {
    rt = await createTestRuntime();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close(true)));
    await rt.cleanup();
  });

  it('retries a retryable error with backoff, then succeeds', async () => {
    let calls = 0;
    workers.push(
      startQueueWorker(rt, QUEUE, async () => {
        calls++;
        if (calls < 3) throw new SitrepError('SITREP_ERR_HTTP_SERVER', 'server said 503');
        return 'ok';
      }),
    );
    const job = await rt.queues.queue(QUEUE).add('probe', { n: 1 });
    await waitFor(async () => (await job.getState()) === 'completed', 10_000, 'completion');
    expect(calls).toBe(3);
    expect(await rt.queues.deadLetters.count()).toBe(0);
  });

  it('dead-letters a job whose attempts are exhausted, with code, attempts and data', async () => {
    workers.push(
      startQueueWorker(rt, QUEUE, async () => {
        throw new SitrepError('SITREP_ERR_HTTP_SERVER', 'server said 503');
      }),
    );
    const job = await rt.queues.queue(QUEUE).add('probe', { n: 2 });
    const letter = await waitFor(() => rt.queues.deadLetters.get(`${QUEUE}.${job.id}`), 10_000, 'dead letter');
    expect(letter).toMatchObject({ queue: QUEUE, code: 'SITREP_ERR_HTTP_SERVER', retryable: true, attemptsMade: 3, data: { n: 2 } });
    await waitFor(async () => (await job.getState()) === 'failed');
  });

  it('sends a permanent error straight to the dead-letter queue without retrying', async () => {
    let calls = 0;
    workers.push(
      startQueueWorker(rt, QUEUE, async () => {
        calls++;
        throw new SitrepError('SITREP_ERR_HTTP_CLIENT', 'server said 404');
      }),
    );
    const job = await rt.queues.queue(QUEUE).add('probe', { n: 3 });
    const letter = await waitFor(() => rt.queues.deadLetters.get(`${QUEUE}.${job.id}`));
    expect(letter).toMatchObject({ code: 'SITREP_ERR_HTTP_CLIENT', retryable: false, attemptsMade: 1 });
    await waitFor(async () => (await job.getState()) === 'failed');
    expect(calls).toBe(1);
  });

  it('treats an uncoded exception as SITREP_ERR_INTERNAL and retries it', async () => {
    workers.push(
      startQueueWorker(rt, QUEUE, async () => {
        throw new TypeError('boom');
      }),
    );
    const job = await rt.queues.queue(QUEUE).add('probe', {});
    const letter = await waitFor(() => rt.queues.deadLetters.get(`${QUEUE}.${job.id}`));
    expect(letter).toMatchObject({ code: 'SITREP_ERR_INTERNAL', message: 'boom', attemptsMade: 3 });
  });

  it('replays a dead letter into its queue, and it succeeds once the cause is fixed', async () => {
    let broken = true;
    workers.push(
      startQueueWorker(rt, QUEUE, async () => {
        if (broken) throw new SitrepError('SITREP_ERR_HTTP_CLIENT', 'gone');
        return 'ok';
      }),
    );
    const job = await rt.queues.queue(QUEUE).add('probe', { n: 4 }, { jobId: 'unit-4.run-1' });
    const id = `${QUEUE}.${job.id}`;
    await waitFor(() => rt.queues.deadLetters.get(id));
    await waitFor(async () => (await job.getState()) === 'failed');
    broken = false;
    expect(await rt.queues.deadLetters.replay(id)).toBe(true);
    expect(await rt.queues.deadLetters.get(id)).toBeNull();
    await waitFor(async () => (await rt.queues.queue(QUEUE).getJob(String(job.id)))?.getState().then((s) => s === 'completed'));
    expect(await rt.queues.deadLetters.replay('nope')).toBe(false);
  });

  it('does not lose the job of a worker that is force-closed mid-job', async () => {
    let release!: () => void;
    const hanging = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    const first = startQueueWorker(
      rt,
      QUEUE,
      async (job: Job) => {
        seen.push(`first:${job.id}`);
        await hanging;
      },
      { lockDuration: 500, stalledInterval: 300 },
    );
    const job = await rt.queues.queue(QUEUE).add('probe', {});
    await waitFor(async () => seen.length > 0, 5000, 'first worker to take the job');
    await first.close(true); // a crash: the lock is not released, it lapses
    release();
    workers.push(
      startQueueWorker(
        rt,
        QUEUE,
        async (j: Job) => {
          seen.push(`second:${j.id}`);
        },
        { lockDuration: 500, stalledInterval: 300 },
      ),
    );
    await waitFor(async () => (await job.getState()) === 'completed', 15_000, 'the second worker to finish the job');
    expect(seen).toContain(`second:${job.id}`);
    expect(await rt.queues.deadLetters.count()).toBe(0);
  });
});
