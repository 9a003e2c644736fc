// Throughput of the HTTP API and of webhook delivery against local Redis and a local receiver.
// Usage: npm run bench:api
import { Pool } from 'undici';
import { serve } from '../src/api/serve.js';
import { createSitrepMetrics } from '../src/metrics/sitrep-metrics.js';
import { StageStats } from '../src/metrics/stage-stats.js';
import { SubscriberRegistry } from '../src/webhooks/subscriber-registry.js';
import { webhookSink } from '../src/webhooks/webhook-sink.js';
import { startWebhookWorkers } from '../src/webhooks/webhook-workers.js';
import { createTestRuntime, waitFor } from '../tests/helpers/test-runtime.js';
import { receiver } from '../tests/webhooks/webhook-receiver.js';
import { testRecord } from '../tests/api/test-record.js';

const token = 'bench-client-token-0001';
const pct = (a: number[], p: number) => a.sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))].toFixed(2);

async function httpBench(label: string, n: number, concurrency: number, body: (i: number) => unknown, url: string, pool: Pool) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const i = next++;
      const s = performance.now();
      const r = await pool.request({ method: 'POST', path: url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body(i)) });
      await r.body.dump();
      if (r.statusCode !== 202) throw new Error(`status ${r.statusCode}`);
      lat.push(performance.now() - s);
    }
  }));
  const secs = (performance.now() - t0) / 1000;
  console.log(`${label}: ${n} requests in ${secs.toFixed(2)} s = ${(n / secs).toFixed(0)} req/s, p50 ${pct(lat, 0.5)} ms, p99 ${pct(lat, 0.99)} ms`);
}

const rt = await createTestRuntime({ api: { tokens: [{ token, role: 'client' }] } });
const server = await serve({ ...rt, host: '127.0.0.1', port: 0, metrics: createSitrepMetrics({ defaultMetrics: false }) });
const pool = new Pool(server.url, { connections: 32 });
await httpBench('POST /v1/urls, 1 URL each, 32 concurrent', 3000, 32, (i) => ({ urls: [`https://bench.example/a/${i}`] }), '/v1/urls', pool);
await httpBench('POST /v1/urls, 100 URLs each, 8 concurrent', 100, 8, (i) => ({ urls: Array.from({ length: 100 }, (_, j) => `https://bench.example/b/${i}/${j}`) }), '/v1/urls', pool);
await httpBench('POST /v1/articles (2 KB text), 32 concurrent', 2000, 32, (i) => ({ content: `Article ${i}. ` + 'Three people were killed. '.repeat(80) }), '/v1/articles', pool);
await pool.close();
await server.close();

const stats = new StageStats(rt.connection, { prefix: rt.prefix });
{
  const n = 20000;
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => { while (next++ < n) await stats.record('fetch', 'completed'); }));
  const ms = performance.now() - t0;
  console.log(`StageStats.record: ${n} in ${ms.toFixed(0)} ms = ${(n / (ms / 1000)).toFixed(0)}/s (16 concurrent)`);
}

for (const concurrency of [4, 16]) {
  const hook = await receiver([(res) => res.writeHead(204).end()]);
  const config = { ...rt.config, webhooks: { ...rt.config.webhooks, concurrency, subscribers: [{ id: `b${concurrency}`, url: hook.url, secret: 'whsec_c2l0cmVwLXRlc3Qta2V5LTEyMzQ1Ng==' }] } };
  const registry = new SubscriberRegistry(rt.connection, rt.prefix, config.webhooks.subscribers);
  const sink = webhookSink(rt.queues, registry);
  const n = 2000;
  for (let i = 0; i < n; i++) await sink.write(testRecord(`w${concurrency}-${i}`, new Date().toISOString(), { contentHash: String(i).padStart(64, '0') }));
  const t0 = performance.now();
  const workers = await startWebhookWorkers({ ...rt, config }, registry, { refreshMs: 0 });
  await waitFor(async () => hook.received.length >= n, 120_000, 'deliveries');
  const secs = (performance.now() - t0) / 1000;
  console.log(`webhook deliveries (concurrency ${concurrency}, 1 subscriber, local 204): ${n} in ${secs.toFixed(2)} s = ${(n / secs).toFixed(0)}/s`);
  await workers.close();
  await hook.close();
}
await rt.cleanup();
