import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { bearer, createApiTestApp, type ApiTestApp } from './api-test-app.js';

describe('dead letters over the API', () => {
  let t: ApiTestApp;
  const admin = bearer('admin');
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createApiTestApp();
    // Real jobs in a queue no worker consumes, dead-lettered the way the queue worker does it.
    const probe = t.rt.queues.queue('probe');
    for (const [n, code] of [[1, 'SITREP_ERR_HTTP_CLIENT'], [2, 'SITREP_ERR_TIMEOUT'], [3, 'SITREP_ERR_TIMEOUT']] as const) {
      const job = await probe.add('probe', { n, body: 'large original data' }, { jobId: `job-${n}` });
      const letter = await t.rt.queues.deadLetters.add('probe', job, new SitrepError(code, `failed ${n}`), 1);
      ids.push(letter!.id);
    }
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string) => t.app.inject({ method, url, headers: admin });

  it('lists them without their job data, and shows one with it', async () => {
    const list = await call('GET', '/v1/dead-letters?limit=2');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(3);
    expect(list.json().deadLetters).toHaveLength(2);
    for (const letter of list.json().deadLetters) {
      expect(letter).toMatchObject({ queue: 'probe', stage: 'probe', retryable: expect.any(Boolean), attemptsMade: 1 });
      expect(letter.data).toBeUndefined();
    }
    const one = await call('GET', `/v1/dead-letters/${ids[0]}`);
    expect(one.json()).toMatchObject({ id: 'probe.job-1', code: 'SITREP_ERR_HTTP_CLIENT', message: 'failed 1', retryable: false, data: { n: 1 } });
  });

  it('replays one back to its queue and purges one', async () => {
    const replay = await call('POST', `/v1/dead-letters/${ids[0]}/replay`);
    expect(replay.json()).toEqual({ replayed: 1 });
    expect(await (await t.rt.queues.queue('probe').getJob('job-1'))?.getState()).toBe('waiting');
    const purge = await call('DELETE', `/v1/dead-letters/${ids[1]}`);
    expect(purge.json()).toEqual({ purged: 1 });
    expect(await t.rt.queues.deadLetters.count()).toBe(1);
    for (const [method, url] of [['POST', `/v1/dead-letters/${ids[0]}/replay`], ['DELETE', `/v1/dead-letters/${ids[1]}`], ['GET', '/v1/dead-letters/nope']] as const) {
      const res = await call(method, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('SITREP_ERR_NOT_FOUND');
    }
  });

  it('replays all and purges all', async () => {
    const probe = t.rt.queues.queue('probe');
    const extra = await probe.add('probe', { n: 4 }, { jobId: 'job-4' });
    await t.rt.queues.deadLetters.add('probe', extra, new SitrepError('SITREP_ERR_CONNECT', 'refused'), 3);
    expect((await call('POST', '/v1/dead-letters/replay')).json()).toEqual({ replayed: 2 });
    const again = await probe.add('probe', { n: 5 }, { jobId: 'job-5' });
    await t.rt.queues.deadLetters.add('probe', again, new SitrepError('SITREP_ERR_CONNECT', 'refused'), 3);
    expect((await call('DELETE', '/v1/dead-letters')).json()).toEqual({ purged: 1 });
    expect(await t.rt.queues.deadLetters.count()).toBe(0);
  });
});
