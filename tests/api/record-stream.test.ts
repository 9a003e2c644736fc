import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../src/api/serve.js';
import { createSitrepMetrics } from '../../src/metrics/sitrep-metrics.js';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.js';
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

  it('ends open streams when the server closes, so shutdown does not hang', async () => {
    const other = await serve({ ...rt, host: '127.0.0.1', port: 0, metrics: createSitrepMetrics({ defaultMetrics: false }) });
    const mine = await openEventStream(`${other.url}/v1/records/stream`, auth);
    const mineEnded = new Promise((r) => mine.response.on('end', r));
    await other.close();
    await mineEnded;
  });
});
