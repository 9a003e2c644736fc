import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRunId } from '../../src/queues/sitrep-queues.js';
import { startWorkers, type RunningWorkers } from '../../src/workers/start-workers.js';
import { articleHtml } from '../helpers/article-html.js';
import { html, respond, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { waitFor } from '../helpers/test-runtime.js';
import { bearer, createApiTestApp, type ApiTestApp } from './api-test-app.js';

describe('bull-board Retry on a dead-lettered job', () => {
  let t: ApiTestApp;
  let server: ScriptedServer;
  let workers: RunningWorkers;
  beforeAll(async () => {
    t = await createApiTestApp();
    server = await startScriptedServer({ '/gone': respond({ status: 404, body: 'not yet' }) });
    workers = startWorkers(t.rt);
  });
  afterAll(async () => {
    await workers.close();
    await server.close();
    await t.close();
  });

  it('replays the dead letter (as sitrep dlq replay): the letter goes and completed + dead = submitted', async () => {
    const runId = newRunId();
    const [{ unitId }] = await t.rt.queues.submitUrls([server.url('/gone')], { runId });
    await waitFor(async () => (await t.rt.queues.units.progress(runId)).done, 20_000, 'the 404 to be dead-lettered');
    const [letter] = await t.rt.queues.deadLetters.list();
    expect(letter).toMatchObject({ queue: 'fetch', code: 'SITREP_ERR_HTTP_CLIENT', unitId });

    server.route('/gone', html(articleHtml('Back again')));
    const retry = await t.app.inject({ method: 'PUT', url: `/admin/queues/api/queues/fetch/${encodeURIComponent(letter.jobId)}/retry`, headers: bearer('admin') });
    expect(retry.statusCode, retry.body).toBeLessThan(300);

    await waitFor(async () => (await t.rt.queues.units.progress(runId)).completed === 1, 20_000, 'the retried job to complete');
    const progress = await t.rt.queues.units.progress(runId);
    expect(progress).toMatchObject({ submitted: 1, completed: 1, dead: 0, done: true });
    expect(await t.rt.queues.deadLetters.count()).toBe(0);
    expect(await t.rt.queues.records.get(unitId)).toMatchObject({ title: 'Back again' });
  });
});
