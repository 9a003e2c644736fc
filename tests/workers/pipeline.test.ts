import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SitrepConfig } from '../../src/config/config-schema.js';
import type { DeepPartial } from '../../src/config/load-config.js';
import { newRunId } from '../../src/queues/sitrep-queues.js';
import { startWorkers, type RunningWorkers } from '../../src/workers/start-workers.js';
import { articleHtml } from '../helpers/article-html.js';
import { failTimes, html, redirect, respond, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { createTestRuntime, waitFor, type TestRuntime } from '../helpers/test-runtime.js';

// Every stage with the CPU pool on a loaded 2-core machine: room to wait, not a timing assertion.
describe('pipeline (all stages, real Redis, real HTTP)', { timeout: 150_000 }, () => {
  let server: ScriptedServer;
  let rt: TestRuntime;
  let workers: RunningWorkers;

  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(async () => {
    await workers?.close();
    await rt?.cleanup();
  });

  async function start(overrides: DeepPartial<SitrepConfig> = {}) {
    rt = await createTestRuntime(overrides);
    workers = startWorkers(rt);
  }

  async function finish(runId: string) {
    await waitFor(async () => (await rt.queues.units.progress(runId)).done, 90_000, `run ${runId}`);
    return rt.queues.units.progress(runId);
  }

  it('fetches, parses, extracts and emits a record to the stream and the store', async () => {
    await start();
    server.route('/a1', html(articleHtml('Missile strike on Kharkiv')));
    const runId = newRunId();
    const [submitted] = await rt.queues.submitUrls([server.url('/a1?utm_source=feed')], { runId });
    expect(submitted.url).toBe(server.url('/a1'));
    expect(await finish(runId)).toMatchObject({ submitted: 1, completed: 1, dead: 0 });
    const record = await rt.queues.records.get(submitted.unitId);
    expect(record).toMatchObject({ id: submitted.unitId, url: server.url('/a1'), title: 'Missile strike on Kharkiv', source: { kind: 'fetched' }, schemaVersion: 1 });
    expect(record?.text).toContain('Rescue workers searched the rubble');
    expect(record?.casualties.some((c) => c.kind === 'killed' && c.count === 3)).toBe(true);
    const stream = await rt.connection.xrange(rt.queues.streamKey, '-', '+');
    expect(stream.map(([, f]) => f[f.indexOf('id') + 1])).toEqual([submitted.unitId]);
    expect(await rt.queues.getUnit(submitted.unitId)).toMatchObject({ state: 'completed', stage: 'fetch', recordId: submitted.unitId });
  });

  it('retries a 503 and succeeds; a URL submitted twice is fetched once', async () => {
    await start();
    server.route('/flaky', failTimes(2, html(articleHtml('Flaky but fine'))));
    const runId = newRunId();
    await rt.queues.submitUrls([server.url('/flaky')], { runId });
    const [again] = await rt.queues.submitUrls([server.url('/flaky#dup')], { runId });
    expect(again.duplicate).toBe(true);
    expect(await finish(runId)).toMatchObject({ submitted: 1, completed: 1, dead: 0 });
    expect(server.requests('/flaky')).toBe(3);
  });

  it('dead-letters a URL whose server keeps failing, and a replay succeeds once the server is fixed', async () => {
    await start({ queue: { attempts: 2 } });
    server.route('/down', respond({ status: 503, body: 'down' }));
    const runId = newRunId();
    const [unit] = await rt.queues.submitUrls([server.url('/down')], { runId });
    expect(await finish(runId)).toMatchObject({ submitted: 1, completed: 0, dead: 1 });
    const [letter] = await rt.queues.deadLetters.list();
    expect(letter).toMatchObject({ stage: 'fetch', code: 'SITREP_ERR_HTTP_SERVER', retryable: true, attemptsMade: 2, unitId: unit.unitId, runId });
    expect(await rt.queues.getUnit(unit.unitId)).toMatchObject({ state: 'dead', error: { code: 'SITREP_ERR_HTTP_SERVER' } });

    server.route('/down', html(articleHtml('Back up')));
    expect(await rt.queues.deadLetters.replay(letter.id)).toBe(true);
    expect(await finish(runId)).toMatchObject({ submitted: 1, completed: 1, dead: 0 });
    expect((await rt.queues.records.get(unit.unitId))?.title).toBe('Back up');
    expect(await rt.queues.deadLetters.count()).toBe(0);
  });

  it('dead-letters a 404 at once, without retries', async () => {
    await start();
    const runId = newRunId();
    await rt.queues.submitUrls([server.url('/missing')], { runId });
    expect(await finish(runId)).toMatchObject({ dead: 1 });
    const [letter] = await rt.queues.deadLetters.list();
    expect(letter).toMatchObject({ code: 'SITREP_ERR_HTTP_CLIENT', retryable: false, attemptsMade: 1 });
    expect(server.requests('/missing')).toBe(1);
  });

  it('blocks loopback by default (SSRF guard), before any connection, and via a redirect', async () => {
    await start({ fetch: { allow: [] } });
    const before = server.connections();
    const runId = newRunId();
    await rt.queues.submitUrls([server.url('/a1'), 'http://10.0.0.1/x', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:9/'], { runId });
    expect(await finish(runId)).toMatchObject({ submitted: 4, dead: 4 });
    const letters = await rt.queues.deadLetters.list();
    expect(letters.map((l) => l.code)).toEqual(Array(4).fill('SITREP_ERR_BLOCKED_ADDRESS'));
    expect(server.connections()).toBe(before);
    await workers.close();
    await rt.cleanup();

    await start({ fetch: { allow: ['127.0.0.1'] } });
    server.route('/to-private', redirect('http://10.0.0.1/secret'));
    const run2 = newRunId();
    await rt.queues.submitUrls([server.url('/to-private')], { runId: run2 });
    await finish(run2);
    expect((await rt.queues.deadLetters.list())[0]).toMatchObject({ code: 'SITREP_ERR_BLOCKED_ADDRESS' });
  });

  it('follows the references of a submitted article one level deep, with parentId', async () => {
    await start();
    server.route('/ref1', html(articleHtml('First reference', { links: [server.url('/deeper')] })));
    server.route('/ref2', html(articleHtml('Second reference')));
    server.route('/deeper', html(articleHtml('Too deep')));
    const runId = newRunId();
    const content = `Officials said two people were killed in the strike.\n\nSee ${server.url('/ref1')} and [the second report](${server.url('/ref2')}).\n`;
    const own = await rt.queues.submitArticle({ content, contentType: 'text/markdown' }, { runId });
    expect(await finish(runId)).toMatchObject({ submitted: 3, completed: 3, dead: 0 });
    const ids = await rt.queues.units.members(runId, 'completed');
    const records = await rt.queues.records.getMany(ids);
    const article = records.find((r) => r.id === own.unitId);
    expect(article?.source.kind).toBe('submitted');
    expect(records.filter((r) => r.parentId === own.unitId).map((r) => r.title).sort()).toEqual(['First reference', 'Second reference']);
    expect(server.requests('/deeper')).toBe(0);
  });

  it('keeps the conservation law over 500 URLs with mixed faults', async () => {
    await start({ queue: { attempts: 2, concurrency: 16 }, fetch: { concurrency: 32 } });
    const page = html(articleHtml('Bulk page'));
    const urls: string[] = [];
    for (let i = 0; i < 500; i++) {
      const path = `/bulk/${i}`;
      const kind = i % 5;
      if (kind === 0 || kind === 1) server.route(path, page); // ok
      else if (kind === 2) server.route(path, failTimes(1, page)); // recovers on retry
      else if (kind === 3) server.route(path, respond({ status: 404 })); // permanent
      else server.route(path, respond({ status: 500 })); // exhausts retries
      urls.push(server.url(path));
    }
    const runId = newRunId();
    await rt.queues.submitUrls(urls, { runId });
    const progress = await waitFor(async () => {
      const p = await rt.queues.units.progress(runId);
      return p.done ? p : null;
    }, 120_000, '500 URLs');
    expect(progress).toMatchObject({ submitted: 500, completed: 300, dead: 200 });
    expect(await rt.queues.deadLetters.count()).toBe(200);
    const codes = (await rt.queues.deadLetters.list({ limit: 500 })).reduce<Record<string, number>>((acc, l) => ({ ...acc, [l.code]: (acc[l.code] ?? 0) + 1 }), {});
    expect(codes).toEqual({ SITREP_ERR_HTTP_CLIENT: 100, SITREP_ERR_HTTP_SERVER: 100 });
  }, 150_000);
});
