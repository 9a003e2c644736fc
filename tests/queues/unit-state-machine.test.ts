import type { Job } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { urlKey } from '../../src/pipeline/discover/canonicalize-url.js';
import type { FetchJobData } from '../../src/queues/job-data.js';
import { packRecord, streamEntryRecord } from '../../src/queues/record-store.js';
import { newRunId, runIdFor } from '../../src/queues/sitrep-queues.js';
import { jobIdOf } from '../../src/queues/unit-state-machine.js';
import type { SitrepRecord } from '../../src/record/record.js';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.js';

const URL_A = 'https://news.example/a';

function record(id: string): SitrepRecord {
  return { id, text: 'Two people were killed.', processedAt: new Date().toISOString() } as unknown as SitrepRecord;
}

describe('unit state machine', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await createTestRuntime();
  });
  afterEach(async () => {
    await rt.cleanup();
  });

  const streamIds = async () => (await rt.connection.xrange(rt.queues.streamKey, '-', '+')).map(([, f]) => f[f.indexOf('id') + 1]);
  const complete = (trace: FetchJobData, id = trace.unitId) => {
    const json = JSON.stringify(record(id));
    return rt.queues.units.complete(trace, record(id), packRecord(json));
  };
  const fetchJob = (unitId: string, runId: string) => rt.queues.queue('fetch').getJob(jobIdOf({ unitId, runId })) as Promise<Job<FetchJobData> | undefined>;

  it('admit: unit, run accounting and job are written together; the same URL again is a duplicate', async () => {
    const runId = newRunId();
    const [first] = await rt.queues.submitUrls([URL_A], { runId });
    expect(first.duplicate).toBe(false);
    const job = await fetchJob(first.unitId, runId);
    expect(job?.data).toMatchObject({ url: URL_A, unitId: first.unitId, runId, depth: 0 });
    expect(await rt.queues.getUnit(first.unitId)).toMatchObject({ stage: 'fetch', state: 'waiting', url: URL_A });
    expect(await rt.queues.units.progress(runId)).toMatchObject({ submitted: 1, done: false });

    const other = newRunId();
    const [again] = await rt.queues.submitUrls([URL_A], { runId: other });
    expect(again.duplicate).toBe(true);
    expect(await rt.queues.units.members(other, 'duplicate')).toEqual([URL_A]);
    expect(await fetchJob(first.unitId, other)).toBeUndefined();
  });

  it('admit: a crash before the admission script leaves nothing, a repeat of the submission admits; a repeat after it changes nothing', async () => {
    const runId = newRunId();
    const urls = Array.from({ length: 250 }, (_, i) => `https://news.example/p/${i}`);
    // A submission killed between batches: the first 100 are admitted, the rest not at all.
    await rt.queues.submitUrls(urls.slice(0, 100), { runId });
    for (const url of urls.slice(100)) expect(await rt.queues.getUnit(urlKey(url))).toBeNull();
    // The operator repeats the whole submission (same run id, as `sitrep enqueue` repeated with its run).
    const repeated = await rt.queues.submitUrls(urls, { runId });
    expect(repeated.filter((r) => !r.duplicate)).toHaveLength(150);
    expect(await rt.queues.units.progress(runId)).toMatchObject({ submitted: 250 });
    const jobs = await rt.queues.queue('fetch').getJobCounts('waiting');
    expect(jobs.waiting).toBe(250);
    expect(await rt.queues.units.members(runId, 'duplicate')).toEqual([]);
  });

  it('admit: a crash between the job and the unit leaves a job that records its unit when it ends; a repeat admits', async () => {
    const runId = newRunId();
    const unitId = urlKey(URL_A);
    // The submission died right after its first write: the job is there, the unit is not.
    const orphan = await rt.queues.queue('fetch').add('fetch', { runId, unitId, depth: 0, parentId: null, url: URL_A }, { jobId: jobIdOf({ unitId, runId }) });
    expect(await rt.queues.getUnit(unitId)).toBeNull();
    // Repeating the submission (a new run) admits the URL: it was not marked seen.
    const again = newRunId();
    const [repeated] = await rt.queues.submitUrls([URL_A], { runId: again });
    expect(repeated.duplicate).toBe(false);
    // The orphan job still runs and ends its unit once; the repeat's unit is the one that counts.
    expect(await complete(orphan.data as FetchJobData)).toBe(false);
    expect(await complete((await fetchJob(unitId, again))!.data)).toBe(true);
    expect(await streamIds()).toEqual([unitId]);
    expect(await rt.queues.units.progress(again)).toEqual({ submitted: 1, completed: 1, dead: 0, done: true });
  });

  it('complete: an orphan job (its unit never written) records the unit, counted as submitted and completed', async () => {
    const runId = newRunId();
    const unitId = urlKey(URL_A);
    const orphan = await rt.queues.queue('fetch').add('fetch', { runId, unitId, depth: 0, parentId: null, url: URL_A }, { jobId: jobIdOf({ unitId, runId }) });
    expect(await complete(orphan.data as FetchJobData)).toBe(true);
    expect(await rt.queues.units.progress(runId)).toEqual({ submitted: 1, completed: 1, dead: 0, done: true });
    expect(await rt.queues.getUnit(unitId)).toMatchObject({ state: 'completed' });
  });

  it('complete: record, stream entry and completion once, however often emit runs', async () => {
    const runId = newRunId();
    const [unit] = await rt.queues.submitUrls([URL_A], { runId });
    const trace = (await fetchJob(unit.unitId, runId))!.data;
    expect(await complete(trace)).toBe(true);
    // emit ran again (its worker died after the script, before the job completed)
    expect(await complete(trace)).toBe(false);
    expect(await streamIds()).toEqual([unit.unitId]);
    expect(await rt.queues.records.get(unit.unitId)).toMatchObject({ id: unit.unitId });
    expect(await rt.queues.units.progress(runId)).toEqual({ submitted: 1, completed: 1, dead: 0, done: true });
  });

  it('complete: the stream entry carries the record as stored (gzip), not a second, uncompressed copy; the unit does not repeat its id', async () => {
    const runId = newRunId();
    const [unit] = await rt.queues.submitUrls([URL_A], { runId });
    await complete((await fetchJob(unit.unitId, runId))!.data);
    const [[, fields]] = (await rt.connection.xrangeBuffer(rt.queues.streamKey, '-', '+')) as Array<[Buffer, Buffer[]]>;
    const streamed = fields[fields.findIndex((f) => f.toString() === 'record') + 1];
    expect(streamed.equals((await rt.connection.getBuffer(rt.queues.keys.record(unit.unitId)))!)).toBe(true);
    // Consumers read the encoding from the entry instead of sniffing the bytes.
    expect(fields[fields.findIndex((f) => f.toString() === 'encoding') + 1].toString()).toBe('gzip');
    expect(JSON.parse(streamEntryRecord(fields)!)).toMatchObject({ id: unit.unitId });
    // The record's id is the unit's: shown, not stored a second time.
    expect(await rt.connection.hexists(rt.queues.keys.unit(unit.unitId), 'recordId')).toBe(0);
    expect(await rt.queues.getUnit(unit.unitId)).toMatchObject({ state: 'completed', recordId: unit.unitId });
  });

  it('bury: a unit that completed is never dead-lettered afterwards (an upstream job failing late is harmless)', async () => {
    const runId = newRunId();
    const [unit] = await rt.queues.submitUrls([URL_A], { runId });
    const job = (await fetchJob(unit.unitId, runId))!;
    await complete(job.data);
    expect(await rt.queues.deadLetters.add('fetch', job, new SitrepError('SITREP_ERR_STALLED', 'died'), 5)).toBeNull();
    expect(await rt.queues.deadLetters.count()).toBe(0);
    expect(await rt.queues.units.progress(runId)).toEqual({ submitted: 1, completed: 1, dead: 0, done: true });
  });

  it('bury then complete: a dead unit does not also produce a record', async () => {
    const runId = newRunId();
    const [unit] = await rt.queues.submitUrls([URL_A], { runId });
    const job = (await fetchJob(unit.unitId, runId))!;
    expect(await rt.queues.deadLetters.add('fetch', job, new SitrepError('SITREP_ERR_HTTP_SERVER', '503'), 5)).not.toBeNull();
    expect(await complete(job.data)).toBe(false);
    expect(await streamIds()).toEqual([]);
    expect(await rt.queues.getUnit(unit.unitId)).toMatchObject({ state: 'dead', error: { code: 'SITREP_ERR_HTTP_SERVER' } });
    // A dead URL may be submitted afresh.
    const [again] = await rt.queues.submitUrls([URL_A]);
    expect(again.duplicate).toBe(false);
  });

  it('admit: a submission repeated under its idempotency key leaves units that already ended alone (one outcome each)', async () => {
    // `sitrep enqueue --idempotency-key k` killed after admission, its units processed, then repeated.
    const runId = runIdFor('batch-7');
    expect(runIdFor('batch-7')).toBe(runId);
    const [dead, done] = await rt.queues.submitUrls([URL_A, 'https://news.example/b'], { runId });
    await rt.queues.deadLetters.add('fetch', (await fetchJob(dead.unitId, runId))!, new SitrepError('SITREP_ERR_HTTP_CLIENT', '404'), 1);
    await complete((await fetchJob(done.unitId, runId))!.data);
    await rt.queues.queue('fetch').obliterate({ force: true }); // their jobs were removed on completion
    const repeated = await rt.queues.submitUrls([URL_A, 'https://news.example/b', 'https://news.example/c'], { runId });
    expect(repeated.map((r) => r.duplicate)).toEqual([true, true, false]);
    expect(await rt.queues.queue('fetch').getJobCounts('waiting')).toMatchObject({ waiting: 1 });
    expect(await rt.queues.deadLetters.count()).toBe(1);
    expect(await rt.queues.units.progress(runId)).toEqual({ submitted: 3, completed: 1, dead: 1, done: false });
  });

  it('settled: a job whose unit ended, or which a later run owns, is a leftover', async () => {
    const runId = newRunId();
    const [unit] = await rt.queues.submitUrls([URL_A], { runId });
    const trace = (await fetchJob(unit.unitId, runId))!.data;
    expect(await rt.queues.units.settled(trace)).toBe(false);
    await complete(trace);
    expect(await rt.queues.units.settled(trace)).toBe(true);
    expect(await rt.queues.units.settled({ ...trace, runId: 'an-older-run' })).toBe(true);
  });

  it('dead letters expire and are capped in count, oldest first', async () => {
    await rt.cleanup();
    rt = await createTestRuntime({ queue: { deadLetterMaxCount: 3 } });
    const probe = rt.queues.queue('probe');
    for (let n = 1; n <= 5; n++) {
      const job = await probe.add('probe', { n }, { jobId: `job-${n}` });
      await rt.queues.deadLetters.add('probe', job, new SitrepError('SITREP_ERR_HTTP_CLIENT', 'gone'), 1);
    }
    expect((await rt.queues.deadLetters.list()).map((l) => (l.data as { n: number }).n)).toEqual([3, 4, 5]);
    expect(await rt.connection.exists(rt.queues.keys.deadLetter('probe.job-1'))).toBe(0);
    expect(await rt.connection.ttl(rt.queues.keys.deadLetter('probe.job-5'))).toBeGreaterThan(29 * 86400);
  });

  it('dead letters filtered by code and stage: list, replay and purge take only the matching ones', async () => {
    const dlq = rt.queues.deadLetters;
    const codes = ['SITREP_ERR_HTTP_CLIENT', 'SITREP_ERR_TIMEOUT', 'SITREP_ERR_HTTP_CLIENT'] as const;
    for (const [queue, n] of [['probe', 1], ['probe', 2], ['other', 3]] as const) {
      const job = await rt.queues.queue(queue).add(queue, { n }, { jobId: `job-${n}` });
      await dlq.add(queue, job, new SitrepError(codes[n - 1], 'failed'), 1);
      // Letters are listed by burial time, ties by id: a new millisecond keeps the order the one of adding.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const ns = (letters: Array<{ data: unknown }>) => letters.map((l) => (l.data as { n: number }).n);
    expect(ns(await dlq.list({ code: 'SITREP_ERR_HTTP_CLIENT' }))).toEqual([1, 3]);
    expect(ns(await dlq.list({ code: 'SITREP_ERR_HTTP_CLIENT', offset: 1 }))).toEqual([3]);
    expect(ns(await dlq.list({ stage: 'probe' }))).toEqual([1, 2]);
    expect(await dlq.purgeAll({ code: 'SITREP_ERR_HTTP_CLIENT', stage: 'probe' })).toBe(1);
    expect(ns(await dlq.list())).toEqual([2, 3]);
    expect(await dlq.replayAll({ stage: 'other' })).toBe(1);
    expect(ns(await dlq.list())).toEqual([2]);
    expect(await rt.queues.queue('other').getJob('job-3')).toBeTruthy();
  });
});
