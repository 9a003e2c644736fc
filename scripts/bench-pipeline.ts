// End-to-end throughput of the whole pipeline on this machine: the benchmark's 181 real pages served
// from a local HTTP server, submitted as URLs, fetched, parsed, extracted and emitted by in-process workers.
// Usage: npm run bench:pipeline -- [--pages N] (default 1000; pages repeat under distinct URLs)
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/logger.js';
import { newRunId, SitrepQueues } from '../src/queues/sitrep-queues.js';
import { createRedis } from '../src/redis/redis-connection.js';
import { startWorkers } from '../src/workers/start-workers.js';

const DIR = new URL('../../shared/datasets/article-extraction-benchmark/html/', import.meta.url);
if (!existsSync(DIR)) {
  console.log(`bench:pipeline skipped: ${DIR.pathname} is absent (../shared not beside the repo)`);
  process.exit(0);
}
const argPages = process.argv.indexOf('--pages');
const total = argPages > 0 ? Number(process.argv[argPages + 1]) : 1000;
// The page server runs in its own process, so its work is not counted as the pipeline's.
const SERVER = `
const { readdirSync, readFileSync } = require('node:fs');
const { gunzipSync } = require('node:zlib');
const dir = process.argv[1];
const pages = readdirSync(dir).map((f) => gunzipSync(readFileSync(dir + f)));
const server = require('node:http').createServer((req, res) => {
  const i = Number(req.url.split('/')[2] || 0) % pages.length;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[i]);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;
const child = spawn(process.execPath, ['-e', SERVER, DIR.pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
const [port] = (await once(child.stdout, 'data')) as [Buffer];
const base = `http://127.0.0.1:${port.toString().trim()}`;

const prefix = `{sitrep-bench-${randomBytes(3).toString('hex')}}`;
const config = loadConfig({ overrides: { queue: { prefix, concurrency: 8 }, fetch: { allow: ['127.0.0.1'], concurrency: 16 }, pipeline: { maxDepth: 0 } } });
const connection = createRedis(config.redis.url ?? 'redis://127.0.0.1:6379');
await connection.connect();
const logger = createLogger('silent');
const queues = new SitrepQueues(config, connection, logger);
const workers = startWorkers({ config, connection, logger, queues });

const runId = newRunId();
const started = performance.now();
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
await queues.submitUrls(Array.from({ length: total }, (_, i) => `${base}/p/${i}`), { runId });
for (;;) {
  const p = await queues.units.progress(runId);
  if (p.done) {
    const seconds = (performance.now() - started) / 1000;
    console.log(`pages        ${total} (181 distinct real pages)`);
    console.log(`records      ${p.completed}, dead letters ${p.dead}`);
    console.log(`throughput   ${(total / seconds).toFixed(1)} pages/s end to end (${seconds.toFixed(1)} s, one process, all stages)`);
    console.log(`peak RSS     ${Math.round(peakRss / 2 ** 20)} MB`);
    break;
  }
  await new Promise((r) => setTimeout(r, 100));
}
clearInterval(sampler);
await workers.close();
await queues.close();
for (let cursor = '0'; ; ) {
  const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
  if (keys.length) await connection.del(...keys);
  if ((cursor = next) === '0') break;
}
await connection.quit();
child.kill();
