import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { SitrepRecord } from '../../src/record/record.js';
import { createSitrepMetrics } from '../../src/metrics/sitrep-metrics.js';
import { SubscriberRegistry, webhookQueueName, type ConfiguredSubscriber } from '../../src/webhooks/subscriber-registry.js';
import { deliveryId, webhookSink } from '../../src/webhooks/webhook-sink.js';
import { generateWebhookSecret, verifyWebhook } from '../../src/webhooks/webhook-signature.js';
import { startWebhookWorkers, type WebhookWorkers } from '../../src/webhooks/webhook-workers.js';
import { testRecord } from '../api/test-record.js';
import { receiver } from './webhook-receiver.js';
import { createTestRuntime, waitFor, type TestRuntime } from '../helpers/test-runtime.js';

const answer = (status: number, headers: Record<string, string> = {}) => (res: ServerResponse) => res.writeHead(status, headers).end('{}');
const never = () => () => {}; // holds the request open: the client's timeout must fire

const record = (id: string) => testRecord(id, '2026-01-02T03:04:05.000Z', { contentHash: `${id}0123456789abcdef`.padEnd(64, '0') });

describe('webhook delivery', () => {
  let rt: TestRuntime | undefined;
  let workers: WebhookWorkers | undefined;
  const servers: Array<{ close(): Promise<void> }> = [];

  afterEach(async () => {
    await workers?.close();
    workers = undefined;
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await rt?.cleanup();
    rt = undefined;
  });

  /** A runtime whose queues carry the webhook settings under test (delivery attempts come from the queue's job options). */
  async function setup(subscribers: ConfiguredSubscriber[], webhooks: { attempts?: number; timeoutMs?: number } = {}) {
    const ctx = (rt = await createTestRuntime({ queue: { backoffMaxMs: 200 }, webhooks: { attempts: 3, timeoutMs: 400, concurrency: 2, ...webhooks, subscribers } }));
    const registry = new SubscriberRegistry(ctx.connection, ctx.prefix, subscribers);
    const metrics = createSitrepMetrics({ defaultMetrics: false });
    workers = await startWebhookWorkers(ctx, registry, { metrics, refreshMs: 0 });
    return { sink: webhookSink(ctx.queues, registry), registry, metrics, rt: ctx };
  }

  async function subscriber(id: string, script: Array<(res: ServerResponse) => void>) {
    const server = await receiver(script);
    servers.push(server);
    return { server, sub: { id, url: server.url, secret: generateWebhookSecret() } };
  }

  it('delivers each record once, signed the Standard Webhooks way, with a stable webhook-id', async () => {
    const { server, sub } = await subscriber('ok', [answer(204)]);
    const { sink, metrics } = await setup([sub]);
    const rec = record('r1');
    await sink.write(rec);
    await sink.write(rec); // a retried emit: same job id, no second delivery
    await waitFor(async () => server.received.length >= 1, 10_000, 'delivery');
    const [got] = server.received;
    const body = verifyWebhook<{ type: string; data: SitrepRecord }>(got.body, got.headers as Record<string, string>, sub.secret);
    expect(body.type).toBe('record.emitted');
    expect(body.data).toEqual(rec);
    expect(got.headers['webhook-id']).toBe(deliveryId(rec));
    expect(got.headers['content-type']).toBe('application/json');
    const job = await rt!.queues.queue(webhookQueueName('ok')).getJob(deliveryId(rec));
    await waitFor(async () => (await job?.getState()) === 'completed');
    expect(server.received).toHaveLength(1);
    expect(await metrics.registry.getSingleMetricAsString('sitrep_webhook_deliveries_total')).toContain('subscriber="ok",outcome="delivered"} 1');
  });

  it('retries 5xx, 408, 429 (honouring Retry-After) and timeouts, keeping the webhook-id', async () => {
    const { server, sub } = await subscriber('flaky', [answer(503), answer(408), answer(429, { 'retry-after': '0' }), never(), answer(200)]);
    const { sink } = await setup([sub], { attempts: 5 });
    await sink.write(record('r2'));
    await waitFor(async () => server.received.length >= 5, 20_000, 'five attempts');
    const job = await rt!.queues.queue(webhookQueueName('flaky')).getJob(deliveryId(record('r2')));
    await waitFor(async () => (await job?.getState()) === 'completed', 10_000, 'completion');
    expect(new Set(server.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([deliveryId(record('r2'))]));
    for (const r of server.received) expect(verifyWebhook(r.body, r.headers as Record<string, string>, sub.secret)).toBeTruthy();
    expect(await rt!.queues.deadLetters.count()).toBe(0);
  });

  it('dead-letters a 4xx at once, without retrying', async () => {
    const { server, sub } = await subscriber('strict', [answer(400)]);
    const { sink } = await setup([sub]);
    await sink.write(record('r3'));
    const id = `${webhookQueueName('strict')}.${deliveryId(record('r3'))}`;
    const letter = await waitFor(() => rt!.queues.deadLetters.get(id), 10_000, 'dead letter');
    expect(letter).toMatchObject({ queue: 'webhook-strict', code: 'SITREP_ERR_WEBHOOK_REJECTED', retryable: false, attemptsMade: 1 });
    expect(server.received).toHaveLength(1);
  });

  it('refuses subscriber URLs on private or loopback addresses (SSRF guard), without retrying', async () => {
    const blocked = [
      { id: 'private', url: 'http://10.0.0.1:9/hook', secret: generateWebhookSecret() },
      { id: 'metadata', url: 'http://169.254.169.254/latest', secret: generateWebhookSecret() },
      { id: 'loopback6', url: 'http://[::1]:9/hook', secret: generateWebhookSecret() },
    ];
    const { sink } = await setup(blocked);
    await sink.write(record('r9'));
    for (const { id } of blocked) {
      const letter = await waitFor(() => rt!.queues.deadLetters.get(`${webhookQueueName(id)}.${deliveryId(record('r9'))}`), 10_000, `dead letter of ${id}`);
      expect(letter).toMatchObject({ code: 'SITREP_ERR_BLOCKED_ADDRESS', retryable: false, attemptsMade: 1 });
    }
  });

  it('dead-letters exhausted deliveries per subscriber, and replays them once the subscriber is fixed', async () => {
    let fixed = false;
    const { server, sub } = await subscriber('down', [(res) => answer(fixed ? 200 : 500)(res)]);
    const { sink } = await setup([sub], { attempts: 3 });
    await sink.write(record('r4'));
    const id = `webhook-down.${deliveryId(record('r4'))}`;
    const letter = await waitFor(() => rt!.queues.deadLetters.get(id), 10_000, 'dead letter');
    expect(letter).toMatchObject({ code: 'SITREP_ERR_HTTP_SERVER', retryable: true, attemptsMade: 3 });
    expect(server.received).toHaveLength(3);
    fixed = true;
    expect(await rt!.queues.deadLetters.replay(id)).toBe(true);
    await waitFor(async () => server.received.length === 4, 10_000, 'replayed delivery');
    expect(await rt!.queues.deadLetters.count()).toBe(0);
  });

  it('keeps delivering to other subscribers while one hangs', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const slow = await subscriber('slow', [(res) => void held.then(() => answer(200)(res))]);
    const fast = await subscriber('fast', [answer(200)]);
    const { sink } = await setup([slow.sub, fast.sub], { timeoutMs: 30_000 });
    for (let i = 0; i < 5; i++) await sink.write(record(`r5-${i}`));
    // Every fast delivery arrives while the slow subscriber still holds all of its requests open.
    await waitFor(async () => fast.server.received.length === 5, 10_000, 'fast deliveries');
    expect(slow.server.received.length).toBeLessThanOrEqual(2); // its concurrency, no more
    release();
    await waitFor(async () => slow.server.received.length === 5, 10_000, 'slow deliveries');
  });

  it('serves subscribers registered at run time and ignores removed ones', async () => {
    const { sink, registry } = await setup([]);
    const { server } = await subscriber('late', [answer(200)]);
    const late = await registry.add({ id: 'late', url: server.url });
    expect(late.secret).toMatch(/^whsec_/);
    await workers!.refresh();
    await sink.write(record('r6'));
    await waitFor(async () => server.received.length === 1, 10_000, 'delivery to a registered subscriber');
    expect(verifyWebhook(server.received[0].body, server.received[0].headers as Record<string, string>, late.secret)).toBeTruthy();
    expect(await registry.remove('late')).toBe(true);
    await expect(registry.add({ id: 'late', url: server.url, secret: late.secret })).resolves.toBeTruthy();
    await expect(registry.add({ id: 'late', url: server.url })).rejects.toThrow(/already exists/);
  });
});
