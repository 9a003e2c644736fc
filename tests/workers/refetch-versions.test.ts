import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { newRunId } from '../../src/queues/sitrep-queues.js';
import { streamEntryRecord } from '../../src/queues/record-store.js';
import type { SitrepRecord } from '../../src/record/record.js';
import { webhookPayload } from '../../src/webhooks/webhook-sink.js';
import { startWorkers, type RunningWorkers } from '../../src/workers/start-workers.js';
import { startScriptedServer, type RouteHandler, type ScriptedServer } from '../helpers/scripted-server.js';
import { createTestRuntime, waitFor, type TestRuntime } from '../helpers/test-runtime.js';

const LEAD = 'A missile struck a residential building in the city of Kharkiv on Monday morning, regional governor Oleh Syniehubov said.';
const REST = '<p>Rescue workers searched the rubble through the night, and the city administration said that power and water had been restored to most of the affected district by the morning.</p><p>The attack was the third on the city this month. Officials said air defence systems had intercepted several drones over the region before dawn.</p>';

function storyHtml(casualtySentence: string, extra = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strike on Kharkiv</title><meta property="article:published_time" content="2024-03-04T08:00:00Z"></head>
<body><article><h1>Strike on Kharkiv</h1><p>${LEAD} ${casualtySentence}</p>${REST}${extra}</article></body></html>`;
}

/** A page that supports conditional requests: ETag from the body; 304 when If-None-Match matches. */
function conditionalPage(state: { body: string; lastModified: string; etag?: boolean }): RouteHandler {
  return (req, res) => {
    const etag = `"${createHash('sha256').update(state.body).digest('hex').slice(0, 16)}"`;
    const headers = { 'content-type': 'text/html; charset=utf-8', 'last-modified': state.lastModified, ...(state.etag === false ? {} : { etag }) };
    if (state.etag !== false && req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, headers);
    res.end(state.body);
  };
}

describe('refetch: conditional requests and record versions (all stages, real Redis, real HTTP)', () => {
  let server: ScriptedServer | undefined;
  let rt: TestRuntime;
  let workers: RunningWorkers | undefined;
  const seen: Array<Record<string, string>> = [];
  afterAll(async () => {
    await workers?.close();
    await rt?.cleanup();
    await server?.close();
  });

  async function fetchOnce(url: string, refresh: boolean): Promise<string> {
    const runId = newRunId();
    await rt.queues.submitUrls([url], { runId, refresh });
    await waitFor(async () => (await rt.queues.units.progress(runId)).done, 20_000, `run ${runId}`);
    expect(await rt.queues.units.progress(runId)).toMatchObject({ completed: 1, dead: 0 });
    return runId;
  }
  async function stream(): Promise<Array<{ event: string; version: string; record: SitrepRecord }>> {
    const entries = (await rt.connection.xrangeBuffer(rt.queues.streamKey, '-', '+')) as Array<[Buffer, Buffer[]]>;
    return entries.map(([, f]) => {
      const fields = Object.fromEntries(f.flatMap((v, i) => (i % 2 === 0 ? [[v.toString(), f[i + 1]]] : [])));
      return { event: fields.event.toString(), version: fields.version.toString(), record: JSON.parse(streamEntryRecord(f)!) as SitrepRecord };
    });
  }

  it('a 304 and an unchanged page make no record; each changed text makes the next version with its changes', async () => {
    server = await startScriptedServer();
    rt = await createTestRuntime();
    workers = startWorkers(rt);
    const state: { body: string; lastModified: string; etag?: boolean } = { body: storyHtml('One person was killed and three were injured.'), lastModified: 'Mon, 04 Mar 2024 08:00:00 GMT' };
    server.route('/story', (req, res, context) => {
      seen.push({ inm: String(req.headers['if-none-match'] ?? ''), ims: String(req.headers['if-modified-since'] ?? '') });
      return conditionalPage(state)(req, res, context);
    });
    const url = server.url('/story');

    await fetchOnce(url, false);
    const [first] = await rt.queues.records.list();
    expect(first).toMatchObject({ version: 1, previousContentHash: null, changes: null, summary: { killed: { count: 1 } } });
    expect(seen[0]).toEqual({ inm: '', ims: '' });

    // Within the dedupe window a plain submission is not fetched; a refresh is, conditionally: 304.
    const [dup] = await rt.queues.submitUrls([url]);
    expect(dup.duplicate).toBe(true);
    await fetchOnce(url, true);
    expect(seen[1].inm).toMatch(/^"[0-9a-f]{16}"$/);
    expect(seen[1].ims).toBe(state.lastModified);
    expect(await rt.queues.refetch.counts()).toEqual({ 'not-modified': 1, unchanged: 0, updated: 0 });
    expect(await stream()).toHaveLength(1);

    // The count rises: version 2, killed 1 → 25.
    state.body = storyHtml('The death toll rose to 25 and seven people were injured.');
    state.lastModified = 'Mon, 04 Mar 2024 14:00:00 GMT';
    await fetchOnce(url, true);
    const second = await rt.queues.records.get(first.id);
    expect(second).toMatchObject({ id: first.id, version: 2, previousContentHash: first.contentHash });
    expect(second?.changes?.summary.killed).toEqual({ from: 1, to: 25 });
    expect(second?.changes?.figuresAdded.some((f) => f.kind === 'killed' && f.count === 25)).toBe(true);
    expect(second?.changes?.figuresRemoved.some((f) => f.kind === 'killed' && f.count === 1)).toBe(true);

    // A server without validators that sends the same page again: fetched, parsed, found unchanged.
    state.etag = false;
    await fetchOnce(url, true);
    expect(await rt.queues.refetch.counts()).toEqual({ 'not-modified': 1, unchanged: 1, updated: 1 });

    // And a third text: version 3.
    state.body = storyHtml('The death toll rose to 25 and seven people were injured.', '<p>Two of the injured were children, the governor said on Tuesday.</p>');
    await fetchOnce(url, true);
    const third = await rt.queues.records.get(first.id);
    expect(third).toMatchObject({ version: 3, previousContentHash: second?.contentHash });
    // Its changes: no total moved (two of the seven injured were children), one figure added, the text longer.
    expect(third?.changes).toEqual({
      summary: {},
      figuresAdded: [expect.objectContaining({ kind: 'injured', count: 2, sentence: 'Two of the injured were children, the governor said on Tuesday.' })],
      figuresRemoved: [],
      textLength: { from: second?.text.length, to: third?.text.length },
    });
    expect(third?.changes?.textLength.to).toBeGreaterThan(third?.changes?.textLength.from ?? Number.POSITIVE_INFINITY);

    // The store keeps the latest; the stream carries every version, updates as record.updated.
    const entries = await stream();
    expect(entries.map((e) => [e.event, e.version, e.record.version])).toEqual([
      ['record.emitted', '1', 1],
      ['record.updated', '2', 2],
      ['record.updated', '3', 3],
    ]);
    expect(JSON.parse(webhookPayload(third as SitrepRecord)).type).toBe('record.updated');
    expect(JSON.parse(webhookPayload(first)).type).toBe('record.emitted');
  });
});
