import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../src/api/serve.js';
import { createSitrepMetrics } from '../../src/metrics/sitrep-metrics.js';
import { createTestRuntime, waitFor, type TestRuntime } from '../helpers/test-runtime.js';
import { TOKENS } from './api-test-app.js';
import { openEventStream } from './sse-client.js';
import { emitTestRecord, testRecord } from './test-record.js';

describe('GET /v1/records/stream (Server-Sent Events, real socket)', () => {
  let rt: TestRuntime;
  let server: RunningServer;
  const auth = { authorization: `Bearer ${TOKENS.client}` };

  beforeAll(async () => {
    rt = await createTestRuntime({ api: { tokens: [{ token: TOKENS.client, role: 'client' }] } });
    server = await serve({ ...rt, host: '127.0.0.1', port: 0, metrics: createSitrepMetrics({ defaultMetrics: false }) });
  });
  afterAll(async () => {
    await server.close();
    await rt.cleanup();
  });

  it('streams new records as they are emitted, and resumes after Last-Event-ID', async () => {
    await emitTestRecord(rt.queues, testRecord('before', new Date().toISOString())); // older than the connection: not sent
    const stream = await openEventStream(`${server.url}/v1/records/stream`, auth);
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');

    await emitTestRecord(rt.queues, testRecord('r1', new Date().toISOString()));
    await emitTestRecord(rt.queues, testRecord('r2', new Date().toISOString()));
    const first = await stream.next();
    const second = await stream.next();
    expect(first).toMatchObject({ event: 'record', id: expect.stringMatching(/^\d+-\d+$/) });
    expect(JSON.parse(first.data).id).toBe('r1');
    expect(JSON.parse(second.data).id).toBe('r2');
    stream.close();

    // Missed while disconnected: r3 and r4; resuming after r1 replays r2 first.
    await emitTestRecord(rt.queues, testRecord('r3', new Date().toISOString()));
    await emitTestRecord(rt.queues, testRecord('r4', new Date().toISOString()));
    const resumed = await openEventStream(`${server.url}/v1/records/stream`, { ...auth, 'last-event-id': first.id! });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(JSON.parse((await resumed.next()).data).id);
    expect(ids).toEqual(['r2', 'r3', 'r4']);
    resumed.close();
  });

  it('accepts ?lastEventId= and refuses a malformed one or a missing token', async () => {
    const bad = await fetch(`${server.url}/v1/records/stream?lastEventId=yesterday`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('SITREP_ERR_INVALID_INPUT');
    const anonymous = await fetch(`${server.url}/v1/records/stream`);
    expect(anonymous.status).toBe(401);
    const query = await openEventStream(`${server.url}/v1/records/stream?lastEventId=0-0`, auth);
    expect(JSON.parse((await query.next()).data).id).toBe('before');
    query.close();
  });

  it('feeds every client from one Redis reader, and caps the streams one token may hold', async () => {
    const hubReaders = async () => ((await rt.connection.client('LIST')) as string).split('\n').filter((line) => line.includes(`name=sitrep-sse-hub:${rt.queues.streamKey}`)).length;
    const max = rt.config.api.maxStreamsPerToken;
    const streams = await Promise.all(Array.from({ length: max }, () => openEventStream(`${server.url}/v1/records/stream`, auth)));
    expect(streams.map((s) => s.response.statusCode)).toEqual(Array(max).fill(200));
    await emitTestRecord(rt.queues, testRecord('fan-out', new Date().toISOString()));
    for (const stream of streams) expect(JSON.parse((await stream.next()).data).id).toBe('fan-out');
    expect(await hubReaders()).toBe(1);

    const refused = await fetch(`${server.url}/v1/records/stream`, { headers: auth });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('SITREP_ERR_API_RATE_LIMITED');

    for (const stream of streams) stream.close();
    await waitFor(async () => (await hubReaders()) === 0, 5000, 'the hub to close its reader with the last client');
    const again = await openEventStream(`${server.url}/v1/records/stream`, auth); // a closed stream frees its slot
    expect(again.response.statusCode).toBe(200);
    again.close();
  });

  it('ends open streams when the server closes, so shutdown does not hang', async () => {
    const other = await serve({ ...rt, host: '127.0.0.1', port: 0, metrics: createSitrepMetrics({ defaultMetrics: false }) });
    const mine = await openEventStream(`${other.url}/v1/records/stream`, auth);
    const mineEnded = new Promise((r) => mine.response.on('end', r));
    await other.close();
    await mineEnded;
  });
});
