import type { Job, Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { DeferJob } from '../../src/queues/defer-job.js';
import type { FetchJobData } from '../../src/queues/job-data.js';
import { packRecord } from '../../src/queues/record-store.js';
import { newRunId } from '../../src/queues/sitrep-queues.js';
import { jobIdOf } from '../../src/queues/unit-state-machine.js';
import { startQueueWorker, type QueueWorkerOptions } from '../../src/workers/queue-worker.js';
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
    // The note of its first attempt (kept for a letter) goes with its success.
    expect(await rt.connection.exists(rt.queues.keys.firstAttempt(`${QUEUE}.${job.id}`))).toBe(0);
  });

  it('dead-letters a job whose attempts are exhausted, with code, attempts, data and when its first attempt started', async () => {
    const calls: number[] = [];
    workers.push(
      startQueueWorker(rt, QUEUE, async () => {
        calls.push(Date.now());
        throw new SitrepError('SITREP_ERR_HTTP_SERVER', 'server said 503');
      }),
    );
    const job = await rt.queues.queue(QUEUE).add('probe', { n: 2 });
    const letter = await waitFor(() => rt.queues.deadLetters.get(`${QUEUE}.${job.id}`), 10_000, 'dead letter');
    expect(letter).toMatchObject({ queue: QUEUE, code: 'SITREP_ERR_HTTP_SERVER', retryable: true, attemptsMade: 3, data: { n: 2 } });
    // The first attempt, not the last (#13 finding 8): it started before the first call, before the second one.
    const firstAttemptAt = Date.parse(letter.firstAttemptAt ?? '');
    expect(calls).toHaveLength(3);
    expect(firstAttemptAt).toBeLessThanOrEqual(calls[0]);
    expect(firstAttemptAt).toBeLessThan(calls[1]);
    expect(await rt.connection.exists(rt.queues.keys.firstAttempt(letter.id))).toBe(0);
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

  it('a deferred job runs when its delay is up, not behind every job queued after it (no attempt spent)', async () => {
    const order: string[] = [];
    let deferred = false;
    workers.push(
      startQueueWorker(
        rt,
        QUEUE,
        async (job) => {
          if (job.name === 'turn' && !deferred) {
            deferred = true;
            throw new DeferJob(200, 'host at its limit');
          }
          await new Promise((r) => setTimeout(r, 60));
          order.push(job.name);
          return 'ok';
        },
        { concurrency: 1 },
      ),
    );
    const queue = rt.queues.queue(QUEUE);
    const [turn] = await queue.addBulk([{ name: 'turn', data: {} }, ...Array.from({ length: 20 }, (_, i) => ({ name: `backlog-${i}`, data: {} }))]);
    await waitFor(async () => order.length === 21, 20_000, 'every job');
    // BullMQ alone would put it back behind the 20 (at least 1.2 s of them); its 200 ms are up long before.
    expect(order.indexOf('turn')).toBeLessThan(10);
    // Its one attempt is the run that completed it: the deferral spent none.
    expect((await queue.getJob(String(turn.id)))?.attemptsMade).toBe(1);
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

  // A worker that takes the job and dies with it: force-closed, its lock left to lapse.
  const FAST_LOCKS: QueueWorkerOptions = { lockDuration: 400, stalledInterval: 200 };
  async function dieWith(queue: string, before: (job: Job) => Promise<void> = async () => {}) {
    let taken!: () => void;
    const running = new Promise<void>((r) => (taken = r));
    const worker = startQueueWorker(rt, queue, async (job: Job) => {
      await before(job);
      taken();
      await new Promise(() => {}); // never finishes: the worker dies first
    }, FAST_LOCKS);
    await running;
    await worker.close(true);
  }

  it('keeps the lock of a job that runs longer than its lock (a slow body): it runs once, on one worker', async () => {
    const runs: string[] = [];
    const slow = (name: string) => async () => {
      runs.push(name);
      await new Promise((r) => setTimeout(r, 2000)); // five lock durations
    };
    workers.push(startQueueWorker(rt, QUEUE, slow('a'), FAST_LOCKS), startQueueWorker(rt, QUEUE, slow('b'), FAST_LOCKS));
    const job = await rt.queues.queue(QUEUE).add('probe', { n: 7 });
    await waitFor(async () => (await job.getState()) === 'completed', 15_000, 'the slow job');
    expect(runs).toHaveLength(1);
    expect((await rt.queues.queue(QUEUE).getJob(String(job.id)))?.stalledCounter).toBe(0);
  });

  it('retries a job whose worker died, and dead-letters it as STALLED only after it died queue.attempts times', async () => {
    const job = await rt.queues.queue(QUEUE).add('probe', { n: 6 });
    for (let death = 1; death <= rt.config.queue.attempts; death++) await dieWith(QUEUE);
    let calls = 0;
    workers.push(startQueueWorker(rt, QUEUE, async () => void calls++, FAST_LOCKS));
    await waitFor(async () => (await job.getState()) === 'failed', 15_000, 'the job to fail');
    // Written before the job was failed: it is there as soon as the failure is.
    expect(await rt.queues.deadLetters.get(`${QUEUE}.${job.id}`)).toMatchObject({ code: 'SITREP_ERR_STALLED', retryable: true, attemptsMade: rt.config.queue.attempts, data: { n: 6 } });
    expect(calls).toBe(0);
    expect(await rt.queues.deadLetters.count()).toBe(1);
  });

  it('dead-letters a job that failed on its own and then died queue.attempts times with its own last error, not STALLED', async () => {
    const job = await rt.queues.queue(QUEUE).add('probe', { n: 8 });
    // One attempt of its own: a slow body past its deadline (retryable); then its worker dies with it, queue.attempts times.
    let calls = 0;
    await dieWith(QUEUE, async () => {
      if (calls++ === 0) throw new SitrepError('SITREP_ERR_TIMEOUT', 'body not received within 3000 ms');
    });
    for (let death = 2; death <= rt.config.queue.attempts; death++) await dieWith(QUEUE);
    workers.push(startQueueWorker(rt, QUEUE, async () => undefined, FAST_LOCKS));
    await waitFor(async () => (await job.getState()) === 'failed', 15_000, 'the job to fail');
    expect(await rt.queues.deadLetters.get(`${QUEUE}.${job.id}`)).toMatchObject({
      code: 'SITREP_ERR_TIMEOUT',
      message: 'body not received within 3000 ms',
      retryable: true,
      attemptsMade: 1 + rt.config.queue.attempts,
    });
  });

  it('a job whose worker died after its unit completed does nothing when it runs again, and is never dead-lettered', async () => {
    const runId = newRunId();
    const [unit] = await rt.queues.submitUrls(['https://news.example/completed'], { runId });
    const complete = async (job: Job) => {
      const { url, metadata: _labels, ...trace } = job.data as FetchJobData;
      const record = JSON.stringify({ id: trace.unitId, url, processedAt: new Date().toISOString() });
      await rt.queues.units.complete(trace, { id: trace.unitId, processedAt: new Date().toISOString() }, packRecord(record));
    };
    // It died queue.attempts times, the last time right after its unit's complete step.
    for (let death = 1; death < rt.config.queue.attempts; death++) await dieWith('fetch');
    await dieWith('fetch', complete);
    let calls = 0;
    workers.push(startQueueWorker(rt, 'fetch', async () => void calls++, FAST_LOCKS));
    const fetchJob = (await rt.queues.queue('fetch').getJob(jobIdOf({ unitId: unit.unitId, runId })))!;
    await waitFor(async () => (await fetchJob.getState()) === 'completed', 15_000, 'the leftover job to complete');
    expect(calls).toBe(0);
    expect(await rt.queues.units.progress(runId)).toEqual({ submitted: 1, completed: 1, dead: 0, done: true });
    expect(await rt.queues.deadLetters.count()).toBe(0);
    expect(await rt.connection.xlen(rt.queues.streamKey)).toBe(1);
  });
});
