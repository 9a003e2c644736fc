// End-to-end throughput of real `sitrep worker` processes on the benchmark's 181 real pages, served over
// loopback by a process of its own, against a private redis-server; optionally against Crawlee's
// CheerioCrawler (fetch+parse only) on the same URLs in the same run, interleaved.
// Usage: npm run bench:pipeline -- [--urls N] [--workers 1,2] [--peer crawlee] [--pairs 3] [--no-build]
//   --urls     URLs per run (default 905: the 181 pages ×5 under distinct URLs)
//   --workers  worker process counts to measure (default 1,2)
//   --peer     crawlee: also run CheerioCrawler, `--pairs` interleaved sitrep/peer pairs per worker count
// BENCH_WORKER_NODE_ARGS: node options for the worker processes only, space-separated (NODE_OPTIONS refuses
//   --cpu-prof), e.g. BENCH_WORKER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles each worker and its threads.
// Per run: pages/s (from the workers' start to the last record), CPU ms per page (workers + Redis), Redis
// commands and bytes per URL (INFO deltas), peak RSS per worker, Redis used_memory before/peak/after and
// the key families it is made of after.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/logger.js';
import { streamEntryRecord } from '../src/queues/record-store.js';
import { SitrepQueues } from '../src/queues/sitrep-queues.js';
import { createRedis } from '../src/redis/redis-connection.js';
import { redisMemory } from '../src/redis/redis-memory.js';
import { freePort, killPrivateRedisSync, privateRedisUnavailable, startPrivateRedis } from '../tests/helpers/private-redis.js';
import { buildDist, cliCommand, cliEnv, killSitrepProcessesSync, processUsage, ROOT, runSitrep, tracked } from './chaos/sitrep-processes.js';

const DIR = new URL('../../shared/datasets/article-extraction-benchmark/html/', import.meta.url);
if (!existsSync(DIR)) {
  console.log(`bench:pipeline skipped: ${DIR.pathname} is absent (../shared not beside the repo)`);
  process.exit(0);
}
const unavailable = privateRedisUnavailable();
if (unavailable) {
  console.log(`bench:pipeline skipped: ${unavailable}`);
  process.exit(0);
}
const { values } = parseArgs({
  options: {
    urls: { type: 'string', default: '905' },
    workers: { type: 'string', default: '1,2' },
    peer: { type: 'string' },
    pairs: { type: 'string', default: '3' },
    'no-build': { type: 'boolean', default: false },
  },
});
if (values.peer !== undefined && values.peer !== 'crawlee') throw new Error(`--peer: only crawlee is known, got ${values.peer}`);
const total = Number(values.urls);
const workerCounts = values.workers.split(',').map(Number);
const pairs = values.peer ? Number(values.pairs) : 1;
const FETCH_CONCURRENCY = 16;

process.on('exit', () => {
  killSitrepProcessesSync();
  killPrivateRedisSync();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
if (!values['no-build']) buildDist();

// The page server runs in its own process, so its work is not counted as the pipeline's.
const SERVER = `
const { readdirSync, readFileSync } = require('node:fs');
const { gunzipSync } = require('node:zlib');
const dir = process.argv[1];
const pages = readdirSync(dir).sort().map((f) => gunzipSync(readFileSync(dir + f)));
const server = require('node:http').createServer((req, res) => {
  const i = (parseInt(req.url.split('/')[2], 10) || 0) % pages.length;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[i]);
});
// Idle keep-alive sockets stay open longer than any client waits between pages (Node's 5 s default
// races clients that reuse a socket just as the server closes it: "socket hang up" under load).
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('end', () => process.exit(0)).resume();
`;

interface SitrepRun {
  workers: number;
  pagesPerSecond: number;
  records: number;
  deadLetters: number;
  seconds: number;
  workerCpuMsPerPage: number;
  redisCpuMsPerPage: number;
  /** Commands clients sent (not those scripts ran), from MONITOR; only in the accounting pass. */
  commandsSentPerUrl: number | null;
  /** Every command Redis executed (INFO total_commands_processed: those scripts and transactions ran too). */
  commandsExecutedPerUrl: number;
  bytesInPerUrl: number;
  bytesOutPerUrl: number;
  peakRssMb: number[];
  redisMb: { before: number; peak: number; after: number };
  recordBytes: number;
}

interface PeerRun {
  pagesPerSecond: number;
  pages: number;
  failed: number;
  cpuMsPerPage: number;
  peakRssMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function infoNumbers(info: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of info.split('\r\n')) {
    const [key, value] = line.split(':');
    if (value !== undefined && /^[\d.]+$/.test(value)) out[key] = Number(value);
  }
  return out;
}

async function redisInfo(connection: Redis): Promise<Record<string, number>> {
  return infoNumbers((await connection.info()) as string);
}

const work = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
const pageServer = spawn(process.execPath, ['-e', SERVER, DIR.pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
const redis = await startPrivateRedis({ port: await freePort(7170, 7189), dir: join(work, 'redis') });
try {
  const [portLine] = (await once(pageServer.stdout!, 'data')) as [Buffer];
  const base = `http://127.0.0.1:${portLine.toString().trim()}`;
  const urlFile = join(work, 'urls.txt');
  const configFile = join(work, 'sitrep.json');
  const connection = createRedis(redis.url);
  connection.on('error', () => undefined);
  await connection.connect();
  console.log(`bench:pipeline: ${total} URLs (181 distinct real pages) from ${base}; redis-server ${redis.port}; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  const results: Array<{ workers: number; sitrep: SitrepRun[]; peer: PeerRun[] }> = [];
  for (const workers of workerCounts) {
    const row = { workers, sitrep: [] as SitrepRun[], peer: [] as PeerRun[] };
    results.push(row);
    for (let pair = 0; pair < pairs; pair++) {
      // Fresh URLs per run, so neither side is answered from a cache or a dedupe window.
      const urls = Array.from({ length: total }, (_, i) => `${base}/p/${i}?run=${workers}-${pair}`);
      row.sitrep.push(await runSitrepWorkers(connection, configFile, urls, workers));
      printSitrep(row.sitrep[row.sitrep.length - 1]);
      if (values.peer) {
        writeFileSync(urlFile, urls.map((u) => u.replace('?run=', '?peer=')).join('\n'));
        row.peer.push(await runCrawlee(urlFile));
        printPeer(row.peer[row.peer.length - 1]);
      }
    }
  }
  // Untimed: MONITOR slows Redis. Commands sent per URL do not depend on the number of workers.
  const accountingUrls = Array.from({ length: Math.min(total, 181) }, (_, i) => `${base}/p/${i}?run=accounting`);
  const accounting = await runSitrepWorkers(connection, configFile, accountingUrls, 1, { monitor: true });
  console.log(`  accounting pass (MONITOR, untimed): ${accounting.commandsSentPerUrl?.toFixed(1)} commands sent per URL, ${accounting.commandsExecutedPerUrl.toFixed(1)} executed`);
  console.log('');
  console.log(`| workers | sitrep pages/s (median of ${pairs}) | CPU ms/page worker + Redis | Redis commands/URL sent (executed) | Redis bytes in/out per URL | peak RSS per worker | Redis MB before/peak/after |${values.peer ? ' Crawlee pages/s | CPU ms/page | ratio |' : ''}`);
  console.log(`|---|---|---|---|---|---|---|${values.peer ? '---|---|---|' : ''}`);
  for (const { workers, sitrep, peer } of results) {
    const s = sitrep.find((r) => r.pagesPerSecond === median(sitrep.map((x) => x.pagesPerSecond)))!;
    const cells = [
      workers,
      `${s.pagesPerSecond.toFixed(1)} (${sitrep.map((r) => r.pagesPerSecond.toFixed(1)).join(', ')})`,
      `${s.workerCpuMsPerPage.toFixed(1)} + ${s.redisCpuMsPerPage.toFixed(1)}`,
      `${accounting.commandsSentPerUrl?.toFixed(1)} (${s.commandsExecutedPerUrl.toFixed(1)})`,
      `${Math.round(s.bytesInPerUrl / 1024)} KB / ${Math.round(s.bytesOutPerUrl / 1024)} KB (record ${Math.round(s.recordBytes / 1024)} KB)`,
      s.peakRssMb.map((m) => `${m} MB`).join(', '),
      `${s.redisMb.before} / ${s.redisMb.peak} / ${s.redisMb.after}`,
    ];
    if (values.peer) {
      const p = median(peer.map((r) => r.pagesPerSecond));
      const pr = peer.find((r) => r.pagesPerSecond === p)!;
      cells.push(`${p.toFixed(1)} (${peer.map((r) => r.pagesPerSecond.toFixed(1)).join(', ')})`, pr.cpuMsPerPage.toFixed(1), `**${(median(sitrep.map((r) => r.pagesPerSecond)) / p).toFixed(2)}×**`);
    }
    console.log(`| ${cells.join(' | ')} |`);
  }
  await connection.quit();
} finally {
  pageServer.stdin?.end();
  pageServer.kill();
  await redis.stop();
  rmSync(work, { recursive: true, force: true });
}

function printSitrep(r: SitrepRun): void {
  console.log(
    `  sitrep, ${r.workers} worker(s): ${r.records} records + ${r.deadLetters} dead letters in ${r.seconds.toFixed(1)} s = ${r.pagesPerSecond.toFixed(1)} pages/s; ` +
      `CPU ${r.workerCpuMsPerPage.toFixed(1)} ms/page worker + ${r.redisCpuMsPerPage.toFixed(1)} Redis; ${r.commandsSentPerUrl === null ? '' : `${r.commandsSentPerUrl.toFixed(1)} commands sent/URL, `}${r.commandsExecutedPerUrl.toFixed(1)} executed/URL; ` +
      `${Math.round(r.bytesInPerUrl / 1024)} KB in, ${Math.round(r.bytesOutPerUrl / 1024)} KB out per URL; peak RSS ${r.peakRssMb.join(', ')} MB; Redis ${r.redisMb.before}/${r.redisMb.peak}/${r.redisMb.after} MB`,
  );
}

function printPeer(r: PeerRun): void {
  console.log(`  crawlee CheerioCrawler: ${r.pages} pages (${r.failed} failed) = ${r.pagesPerSecond.toFixed(1)} pages/s; CPU ${r.cpuMsPerPage.toFixed(1)} ms/page; peak RSS ${r.peakRssMb} MB`);
}

async function runCrawlee(urlFile: string): Promise<PeerRun> {
  const run = await runProcess([process.execPath, '--import', 'tsx', join(ROOT, 'scripts/bench-pipeline-crawlee.ts'), urlFile, String(FETCH_CONCURRENCY)]);
  const out = JSON.parse(run.trim().split('\n').pop() ?? '{}') as { pages: number; failed: number; seconds: number; cpuMs: number; peakRssBytes: number };
  return { pagesPerSecond: out.pages / out.seconds, pages: out.pages, failed: out.failed, cpuMsPerPage: out.cpuMs / out.pages, peakRssMb: mb(out.peakRssBytes) };
}

async function runProcess([command, ...args]: string[]): Promise<string> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}`);
  return stdout;
}

/**
 * One run: FLUSHALL, every URL enqueued with one `sitrep enqueue` (before any worker runs), then
 * `workers` `sitrep worker` processes; the clock runs from the moment all of them are started
 * until every URL is a record or a dead letter.
 */
async function runSitrepWorkers(connection: Redis, configFile: string, urls: string[], workers: number, options: { monitor?: boolean } = {}): Promise<SitrepRun> {
  await connection.flushall();
  const memoryBefore = Number(/used_memory:(\d+)/.exec((await connection.info('memory')) as string)?.[1]);
  writeFileSync(
    configFile,
    JSON.stringify({
      redis: { url: redis.url, embedded: false },
      queue: { concurrency: 8 },
      fetch: { allow: ['127.0.0.1'], concurrency: FETCH_CONCURRENCY },
      pipeline: { maxDepth: 0 },
      // One loopback host serves every page: per-host politeness would cap the run at 1 page/s.
      politeness: { maxInFlight: 1000, requestsPerSecond: 100000, maxBackoffFactor: 1 },
      api: { workerMetricsPort: 0 },
      log: { level: 'info' },
    }),
  );
  const env = cliEnv({ SITREP_CONFIG: configFile });
  const config = loadConfig({ file: configFile, env: {} });
  const queues = new SitrepQueues(config, connection, createLogger('silent'));
  const enqueue = await runSitrep('dist', ['enqueue', ...urls], env);
  if (enqueue.code !== 0) throw new Error(`sitrep enqueue failed: ${enqueue.stderr}`);

  // Cost of the probes this script sends while it waits (subtracted from the figures below).
  // Records ever streamed (XINFO entries-added): the stream is trimmed to emit.streamMaxLen, so its length stops at ~2,000.
  const streamed = async () => {
    const info = (await connection.call('XINFO', 'STREAM', queues.streamKey).catch(() => [])) as unknown[];
    return Number(info[info.indexOf('entries-added') + 1] ?? 0);
  };
  const probe = async () => ({ streamed: await streamed(), deadLetters: await queues.deadLetters.count() });
  const i0 = await redisInfo(connection);
  await probe();
  const i1 = await redisInfo(connection);
  const i2 = await redisInfo(connection);
  // Each INFO reply leaves out its own command; i1 − i0 holds i0's INFO and the probe.
  const probeCost = {
    commands: i1.total_commands_processed - i0.total_commands_processed - 1,
    in: i1.total_net_input_bytes - i0.total_net_input_bytes - (i2.total_net_input_bytes - i1.total_net_input_bytes),
    out: i1.total_net_output_bytes - i0.total_net_output_bytes - (i2.total_net_output_bytes - i1.total_net_output_bytes),
  };
  const infoCost = { in: i2.total_net_input_bytes - i1.total_net_input_bytes, out: i2.total_net_output_bytes - i1.total_net_output_bytes };

  const children = Array.from({ length: workers }, () => tracked(spawn(process.execPath, [...(process.env.BENCH_WORKER_NODE_ARGS?.split(' ') ?? []), ...cliCommand('dist'), 'worker'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] })));
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve, reject) => {
          let buffered = '';
          child.stderr!.on('data', (d) => {
            buffered += d;
            if (buffered.includes('workers started')) resolve();
          });
          child.once('exit', (code) => reject(new Error(`sitrep worker exited ${code}: ${buffered.slice(-500)}`)));
        }),
    ),
  );
  // MONITOR shows each command a client sent, and each a script ran (source "lua"): the former are
  // what crosses the network. It slows Redis, so it runs only in the untimed accounting pass.
  let sent = 0;
  const own = /addr=(\S+)/.exec((await connection.client('INFO')) as string)?.[1];
  const monitor = options.monitor ? spawn('redis-cli', ['-p', String(redis.port), 'monitor'], { stdio: ['ignore', 'pipe', 'ignore'] }) : undefined;
  let partial = '';
  monitor?.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('latin1')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const source = /^\S+ \[\d+ ([^\]]+)\]/.exec(line)?.[1];
      if (source && source !== 'lua' && source !== own) sent++;
    }
  });
  if (monitor) await once(monitor.stdout!, 'data'); // "OK": monitoring from here on
  const start = await redisInfo(connection);
  const started = performance.now();
  const cpuStart = children.map((c) => processUsage(c.pid!)?.cpuMs ?? 0);
  let peak = start.used_memory;
  let probes = 0;
  let infos = 0;
  let done = { streamed: 0, deadLetters: 0 };
  for (;;) {
    done = await probe();
    probes++;
    peak = Math.max(peak, (await redisInfo(connection)).used_memory);
    infos++;
    if (done.streamed + done.deadLetters >= urls.length) break;
    await sleep(100);
  }
  const seconds = (performance.now() - started) / 1000;
  monitor?.kill();
  const usage = children.map((c) => processUsage(c.pid!));
  const end = await redisInfo(connection);
  infos++;
  const lastEntry = ((await connection.xrevrangeBuffer(queues.streamKey, '+', '-', 'COUNT', 1)) as Array<[Buffer, Buffer[]]>)[0]?.[1];
  const recordBytes = Buffer.byteLength((lastEntry && streamEntryRecord(lastEntry)) ?? '');
  await Promise.all(children.map(async (c) => {
    const exit = once(c, 'exit');
    c.kill('SIGTERM');
    await exit;
  }));
  const after = await redisInfo(connection);
  // What the memory after is made of (every key sized: MEMORY USAGE, untimed).
  const memory = await redisMemory(connection, config.queue.prefix, { sampleLimit: Number.MAX_SAFE_INTEGER, top: 6 });
  console.log(`  Redis after, by key family: ${memory.families.map((f) => `${f.family} ${mb(f.bytes)} MB (${f.keys})`).join(', ')}`);
  const codes = new Map<string, number>();
  for (const letter of await queues.deadLetters.list({ limit: 100_000 })) codes.set(`${letter.code} (${letter.message.slice(0, 80)})`, (codes.get(`${letter.code} (${letter.message.slice(0, 80)})`) ?? 0) + 1);
  for (const [code, count] of codes) console.log(`  dead letters: ${count} × ${code}`);
  await queues.close();
  const n = urls.length;
  return {
    workers,
    pagesPerSecond: n / seconds,
    records: done.streamed,
    deadLetters: done.deadLetters,
    seconds,
    workerCpuMsPerPage: usage.reduce((sum, u, i) => sum + (u?.cpuMs ?? 0) - cpuStart[i], 0) / n,
    redisCpuMsPerPage: ((end.used_cpu_user + end.used_cpu_sys - start.used_cpu_user - start.used_cpu_sys) * 1000) / n,
    commandsSentPerUrl: options.monitor ? sent / n : null,
    commandsExecutedPerUrl: (end.total_commands_processed - start.total_commands_processed - probes * probeCost.commands - infos) / n,
    bytesInPerUrl: (end.total_net_input_bytes - start.total_net_input_bytes - probes * probeCost.in - infos * infoCost.in) / n,
    bytesOutPerUrl: (end.total_net_output_bytes - start.total_net_output_bytes - probes * probeCost.out - infos * infoCost.out) / n,
    peakRssMb: usage.map((u) => mb(u?.peakRssBytes ?? 0)),
    redisMb: { before: mb(memoryBefore), peak: mb(peak), after: mb(after.used_memory) },
    recordBytes,
  };
}
