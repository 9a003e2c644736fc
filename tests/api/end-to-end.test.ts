import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../src/api/serve.js';
import type { SitrepRecord } from '../../src/record/record.js';
import { generateWebhookSecret, verifyWebhook } from '../../src/webhooks/webhook-signature.js';
import { startService, type RunningService } from '../../src/workers/start-service.js';
import { createTestRuntime, waitFor, type TestRuntime } from '../helpers/test-runtime.js';
import { receiver } from '../webhooks/webhook-receiver.js';
import { TOKENS } from './api-test-app.js';
import { openEventStream } from './sse-client.js';

const ARTICLE = `Drone strike on a market
Original url: https://news.example/2026/01/02/market-strike

Three people were killed and seven were injured when a drone hit the central market on Tuesday, the regional governor said.
`;

describe('end to end over real sockets: HTTP submit → pipeline → SSE and a signed webhook', () => {
  let rt: TestRuntime;
  let server: RunningServer;
  let service: RunningService;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const secret = generateWebhookSecret();
  const auth = { authorization: `Bearer ${TOKENS.client}` };

  beforeAll(async () => {
    hook = await receiver([(res: ServerResponse) => res.writeHead(204).end()]);
    rt = await createTestRuntime({
      api: { tokens: [{ token: TOKENS.client, role: 'client' }] },
      webhooks: { subscribers: [{ id: 'e2e', url: hook.url, secret }] },
    });
    // What `sitrep worker` runs (stages, webhook deliveries, telemetry; 0: no metrics server) and `sitrep serve`.
    service = await startService(rt, { metricsPort: 0 });
    server = await serve({ ...rt, host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await service?.close();
    await hook?.close();
    await rt?.cleanup();
  });

  it('delivers the record of an article submitted over HTTP', async () => {
    const stream = await openEventStream(`${server.url}/v1/records/stream`, auth);
    const submitted = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'e2e-1' },
      body: JSON.stringify({ content: ARTICLE, contentType: 'text/plain' }),
    });
    expect(submitted.status).toBe(202);
    const { jobId, url } = (await submitted.json()) as { jobId: string; url: string };
    expect(url).toBe('https://news.example/2026/01/02/market-strike');

    const event = await stream.next();
    stream.close();
    const streamed = JSON.parse(event.data) as SitrepRecord;
    expect(event.event).toBe('record');
    expect(streamed).toMatchObject({ id: jobId, url, schemaVersion: 1 });
    expect(streamed.text).toContain('Three people were killed');

    await waitFor(async () => hook.received.length > 0, 15_000, 'the webhook delivery');
    const [delivery] = hook.received;
    const body = verifyWebhook<{ type: string; data: SitrepRecord }>(delivery.body, delivery.headers as Record<string, string>, secret);
    expect(body.type).toBe('record.emitted');
    expect(body.data).toEqual(streamed);

    const job = (await (await fetch(`${server.url}/v1/jobs/${jobId}`, { headers: auth })).json()) as { state: string; recordId: string };
    expect(job).toMatchObject({ state: 'completed', recordId: jobId });
    const stored = await fetch(`${server.url}/v1/records/${jobId}`, { headers: auth });
    expect(await stored.json()).toEqual(streamed);

    const workerMetrics = () => service.metrics.registry.metrics();
    await waitFor(async () => /sitrep_jobs_completed_total\{stage="discover"\} 1/.test(await workerMetrics()), 5000, 'discover counter');
    await waitFor(async () => (await workerMetrics()).includes('sitrep_webhook_deliveries_total{subscriber="e2e",outcome="delivered"} 1'), 5000, 'delivery counter');
  });
});
