import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { SETTINGS, type SitrepConfig } from '../../src/config/config-schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import { retryDelay } from '../../src/queues/backoff.js';
import type { DeadLetter } from '../../src/queues/dead-letter-queue.js';
import { createLogger } from '../../src/logger.js';
import { streamEntryRecord } from '../../src/queues/record-store.js';
import { SitrepQueues } from '../../src/queues/sitrep-queues.js';
import { connectRedis, type RedisHandle } from '../../src/redis/redis-connection.js';
import type { SitrepRecord } from '../../src/record/record.js';
import { freePort, startPrivateRedis, startPrivateRedisCluster, type PrivateRedis, type PrivateRedisCluster } from '../../tests/helpers/private-redis.js';
import { BEHAVIOURS, CHAOS_FETCH, planUrls, random } from './behaviours.js';
import { cliEnv, runSitrep, ROOT, WorkerPool, type CliMode } from './sitrep-processes.js';
import { unitIdOf, verifyOutcomes, type OutcomeCounts, type Problem, type Verdict } from './verify-outcomes.js';

export interface ChaosOptions {
  /** Unique URLs enqueued. Default 2000. */
  urls?: number;
  /** `sitrep worker` processes. Default 3. */
  workers?: number;
  /** Replays the same URLs and fault times. Default: random. */
  seed?: number;
  /** URLs per `sitrep enqueue` call. Default 100. */
  batch?: number;
  /** Faults go on at least this long (and until the last enqueue, see faultsPastEnqueueSeconds). Default 60. */
  chaosSeconds?: number;
  /**
   * Faults go on this long past the last enqueue, so that what follows the last fault is recovery from
   * faults, not the fault-free life of the units submitted last (a URL that times out every attempt lives
   * attempts × the fetch deadline + its backoffs: ~38 s with the harness's settings, whatever the faults).
   * Default: that longest fault-free life (longestFaultFreeLifeMs).
   */
  faultsPastEnqueueSeconds?: number;
  /** Seconds between worker kills, drawn uniformly. Default [4, 8]. */
  killEverySeconds?: [number, number];
  /** No faults at all: the baseline. Default false. */
  noFaults?: boolean;
  /** Redis faults, each restarted from its AOF after 2 s down. Default both: SHUTDOWN, then kill -9. */
  redisFaults?: Array<'shutdown' | 'kill'>;
  /** kill -9 one `sitrep enqueue` mid-batch, then repeat the same batch. Default true. */
  enqueueKill?: boolean;
  /** Give up waiting for quiescence this long after the last fault. Default 240. */
  settleSeconds?: number;
  /** Private redis-server port range. Default [7150, 7199] ([7211, 7219] with cluster). */
  ports?: [number, number];
  /** A local three-master Redis Cluster configured through `redis.cluster` instead of one server. Default false. */
  cluster?: boolean;
  /** How the CLI is started. Default 'dist' (bin/sitrep.js). */
  cli?: CliMode;
  /** Progress lines (stderr). Default: none. */
  log?: (line: string) => void;
}

export interface ChaosFaults {
  workerKills: number;
  workerSigterms: number;
  redisShutdowns: number;
  redisKills: number;
  enqueueKills: number;
  /** `sitrep enqueue` calls repeated (after a kill, or because Redis was down). */
  enqueueRepeats: number;
  /** Worker processes started, replacements included. */
  workersStarted: number;
  /** Workers that exited without being asked to (replaced after a second). */
  unexpectedWorkerExits: number;
}

export interface ChaosReport {
  seed: number;
  /** 'single' (one redis-server with AOF) or 'cluster' (three masters, each with AOF). */
  redisMode: 'single' | 'cluster';
  urls: number;
  workers: number;
  behaviours: number;
  faults: ChaosFaults;
  outcomes: OutcomeCounts;
  byBehaviour: Verdict['byBehaviour'];
  problems: Problem[];
  timing: {
    enqueueSeconds: number;
    /** From the last fault (for Redis: back up) until no job is waiting, active or delayed and outcomes stopped changing. */
    quiescentAfterLastFaultSeconds: number | null;
    quiescentAfterLastEnqueueSeconds: number | null;
    totalSeconds: number;
  };
  redis: {
    usedMemoryBytes: number;
    keys: number;
    keysWithoutTtl: number;
    /** Keys without a TTL by family (ids as `*`), over every server: each family must have a cap (README: Redis). */
    withoutTtlByFamily: Record<string, number>;
    /** Keys per server (one entry per cluster master). */
    keysPerNode: number[];
    /** Jobs left in stage queues by state (`sitrep status --json`); failed ones are kept by design (queue.keepCompleted*). */
    leftoverJobs: Record<string, number>;
  };
  /** The units that ended last (what quiescence waited for): behaviour, outcome, seconds after the last fault. */
  lastOutcomes: Array<{ behaviour: string; outcome: string; attempts: number | null; afterLastFaultSeconds: number }>;
  checks: Array<{ name: string; pass: boolean; value: number | null; limit: string }>;
  /** Where worker logs and the Redis data were (removed unless the run failed). */
  workDir: string;
}

/** The longest a unit lives without faults: every attempt runs into the fetch deadline, every backoff is the longest its jitter allows. */
export function longestFaultFreeLifeMs(config: SitrepConfig): number {
  const { attempts, backoffBaseMs, backoffMaxMs } = config.queue;
  let ms = attempts * config.fetch.totalTimeoutMs;
  for (let made = 1; made < attempts; made++) ms += retryDelay(made, undefined, { baseMs: backoffBaseMs, maxMs: backoffMaxMs, random: () => 1 });
  return ms;
}

const ACTIVE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'];

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, sleep(ms).then(() => undefined)]);
}

type NodeFigures = { usedMemoryBytes: number; keys: number; keysWithoutTtl: number; withoutTtlByFamily: Record<string, number> };

async function redisFigures(port: number): Promise<NodeFigures> {
  const connection = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0 });
  connection.on('error', () => undefined);
  await connection.connect();
  try {
    return await nodeFigures(connection);
  } finally {
    connection.disconnect();
  }
}

/** A key's family: its id-like parts (anything with a digit, longer than a short word) as `*`. */
export function keyFamily(key: string): string {
  return key.replace(/[^:{}]*\d[^:{}]*/g, (part) => (part.length > 4 ? '*' : part));
}

async function nodeFigures(connection: Redis): Promise<NodeFigures> {
  const info = (await connection.info('memory')) as string;
  const usedMemoryBytes = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
  let keys = 0;
  let keysWithoutTtl = 0;
  const withoutTtlByFamily: Record<string, number> = {};
  let cursor = '0';
  do {
    const [next, batch] = await connection.scan(cursor, 'COUNT', 1000);
    cursor = next;
    keys += batch.length;
    if (batch.length) {
      const ttls = (await batch.reduce((p, key) => p.ttl(key), connection.pipeline()).exec()) ?? [];
      ttls.forEach(([, ttl], i) => {
        if (ttl !== -1) return;
        keysWithoutTtl++;
        const family = keyFamily(batch[i]);
        withoutTtlByFamily[family] = (withoutTtlByFamily[family] ?? 0) + 1;
      });
    }
  } while (cursor !== '0');
  return { usedMemoryBytes, keys, keysWithoutTtl, withoutTtlByFamily };
}

async function readStream(connection: RedisHandle['connection'], key: string): Promise<{ ids: string[]; records: Map<string, SitrepRecord> }> {
  const ids: string[] = [];
  const records = new Map<string, SitrepRecord>();
  let start = '-';
  for (;;) {
    const entries = (await connection.xrangeBuffer(key, start, '+', 'COUNT', 500)) as Array<[Buffer, Buffer[]]>;
    for (const [, fields] of entries) {
      const at = fields.findIndex((f) => f.toString() === 'id');
      const id = at >= 0 ? fields[at + 1].toString() : '';
      ids.push(id);
      const json = streamEntryRecord(fields);
      if (!records.has(id) && json) records.set(id, JSON.parse(json) as SitrepRecord);
    }
    if (entries.length < 500) return { ids, records };
    start = `(${entries[entries.length - 1][0].toString()}`;
  }
}

/** The `redis` section that points sitrep at a cluster, in whichever shape the `redis.cluster` setting takes. */
export function clusterRedisSettings(seeds: Array<{ host: string; port: number }>): Record<string, unknown> | null {
  const setting = (SETTINGS.redis as Record<string, { schema: { safeParse(v: unknown): { success: boolean } } } | undefined>).cluster;
  if (!setting) return null;
  const shapes = [seeds, seeds.map((s) => `redis://${s.host}:${s.port}`), seeds.map((s) => `${s.host}:${s.port}`), { nodes: seeds }, seeds.map((s) => `${s.host}:${s.port}`).join(',')];
  const shape = shapes.find((candidate) => setting.schema.safeParse(candidate).success);
  return shape === undefined ? null : { url: null, embedded: false, cluster: shape };
}

/** The Redis a run uses: one server or a cluster; faults hit one server (a random master). */
interface RedisUnderTest {
  ports: number[];
  settings: Record<string, unknown>;
  shutdown(rand: () => number): Promise<void>;
  kill(rand: () => number): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function startRedisUnderTest(cluster: boolean, [low, high]: [number, number], dir: string): Promise<RedisUnderTest> {
  if (!cluster) {
    const node: PrivateRedis = await startPrivateRedis({ port: await freePort(low, high), dir });
    return {
      ports: [node.port],
      settings: { url: node.url, embedded: false },
      shutdown: () => node.shutdown(),
      kill: () => node.kill(),
      start: () => node.start(),
      stop: () => node.stop(),
    };
  }
  const ports: number[] = [];
  for (let p = low; ports.length < 3; p = ports[ports.length - 1] + 1) ports.push(await freePort(p, high));
  const nodes: PrivateRedisCluster = await startPrivateRedisCluster(ports);
  const settings = clusterRedisSettings(nodes.seeds);
  if (!settings) {
    await nodes.stop();
    throw new Error('this tree has no usable `redis.cluster` setting');
  }
  let victim: PrivateRedis | undefined;
  return {
    ports,
    settings,
    shutdown: async (rand) => {
      victim = nodes.nodes[Math.floor(rand() * nodes.nodes.length)];
      await victim.shutdown();
    },
    kill: async (rand) => {
      victim = nodes.nodes[Math.floor(rand() * nodes.nodes.length)];
      await victim.kill();
    },
    start: async () => {
      await victim?.start();
      await nodes.waitUntilOk(60_000);
    },
    stop: () => nodes.stop(),
  };
}

/**
 * One chaos run: a private Redis with AOF, the fault-injecting origin, `workers` `sitrep worker`
 * processes, the URLs enqueued with `sitrep enqueue` in batches, faults while it runs, then the
 * conservation law checked per URL from Redis and the CLI. Everything started is stopped by PID.
 */
export async function runChaos(options: ChaosOptions = {}): Promise<ChaosReport> {
  const urlCount = options.urls ?? 2000;
  const workerCount = options.workers ?? 3;
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const batchSize = options.batch ?? 100;
  const chaosSeconds = options.chaosSeconds ?? 60;
  const [killMin, killMax] = options.killEverySeconds ?? [4, 8];
  const faultsOn = !options.noFaults;
  const redisFaults = faultsOn ? (options.redisFaults ?? ['shutdown', 'kill']) : [];
  const enqueueKill = faultsOn && (options.enqueueKill ?? true);
  const cli = options.cli ?? 'dist';
  const log = options.log ?? (() => undefined);
  const rand = random(seed ^ 0x5eed);
  const started = Date.now();
  const secondsSince = (t: number) => (Date.now() - t) / 1000;

  const workDir = mkdtempSync(join(tmpdir(), 'sitrep-chaos-'));
  let redis: RedisUnderTest | undefined;
  let origin: ReturnType<typeof spawn> | undefined;
  let pool: WorkerPool | undefined;
  let queues: SitrepQueues | undefined;
  let reader: RedisHandle | undefined;
  let passed = false;
  try {
    redis = await startRedisUnderTest(options.cluster ?? false, options.ports ?? (options.cluster ? [7211, 7219] : [7150, 7199]), join(workDir, 'redis'));
    log(`redis-server (AOF) on ${redis.ports.join(', ')}${options.cluster ? ' (cluster)' : ''}`);

    origin = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/chaos/fault-origin.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    const [baseUrlLine] = (await once(createInterface({ input: origin.stdout! }), 'line')) as [string];
    const baseUrls = JSON.parse(baseUrlLine) as Record<string, string>;
    const plan = planUrls(baseUrls, urlCount, seed);
    log(`origin: ${BEHAVIOURS.length} behaviours on ${Object.keys(baseUrls).length} loopback hosts (${baseUrls[BEHAVIOURS[0].name]} …): ${plan.submitted.length} URLs, ${plan.units.length} units, seed ${seed}`);

    const configFile = join(workDir, 'sitrep.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        redis: redis.settings,
        fetch: { allow: ['127.0.0.0/8'], ...CHAOS_FETCH },
        // Each behaviour is one loopback host with ~70 URLs: per-host politeness (1 request/s, slowed down by 503s)
        // would measure only itself. A 429's Retry-After still pauses its host (behaviours.ts).
        politeness: { maxInFlight: 1000, requestsPerSecond: 100000, maxBackoffFactor: 1 },
        api: { workerMetricsPort: 0 },
        log: { level: 'warn' },
      }),
    );
    const env = cliEnv({ SITREP_CONFIG: configFile });
    const config = loadConfig({ file: configFile, env: {} });
    reader = await connectRedis(config, createLogger('silent'));
    const connection = reader.connection;
    queues = new SitrepQueues(config, connection, createLogger('silent'));
    // The harness's own reads wait out the Redis outages it causes; their errors are expected.
    for (const queue of queues.queues()) queue.on('error', () => undefined);

    pool = new WorkerPool({ mode: cli, env, size: workerCount, logDir: workDir });
    pool.start();

    const faults: ChaosFaults = { workerKills: 0, workerSigterms: 0, redisShutdowns: 0, redisKills: 0, enqueueKills: 0, enqueueRepeats: 0, workersStarted: 0, unexpectedWorkerExits: 0 };

    // Enqueue: batches one after another, as an operator's script would; a failed batch is repeated.
    const batches: string[][] = [];
    for (let i = 0; i < plan.submitted.length; i += batchSize) batches.push(plan.submitted.slice(i, i + batchSize).map((u) => u.url));
    // One `sitrep enqueue` is killed as soon as its first URL is admitted (mid-batch), then the batch is repeated
    // under the same --idempotency-key, as an operator repeats a submission: the repeat adds only what is missing.
    let killPending = enqueueKill;
    let lastEnqueueAt = 0;
    let enqueueDone = false;
    const enqueueStarted = Date.now();
    const enqueueAll = (async () => {
      for (const [i, batch] of batches.entries()) {
        for (let attempt = 0; ; attempt++) {
          const first = unitIdOf(batch[0]);
          const killWhen = killPending && i > 0 ? async () => (await queues!.getUnit(first)) !== null : undefined;
          const run = await runSitrep(cli, ['enqueue', '--idempotency-key', `chaos-${seed}-${i}`, ...batch], env, { killWhen });
          log(`enqueue batch ${i}${attempt ? ` (again, ${attempt})` : ''}: exit ${run.code ?? run.signal} after ${run.ms} ms`);
          if (run.code === 0) break;
          if (run.signal === 'SIGKILL') {
            faults.enqueueKills++;
            killPending = false;
          }
          else log(`enqueue batch ${i} failed (${run.stderr.trim().split('\n').pop()}); repeating it`);
          faults.enqueueRepeats++;
          if (attempt > 120) throw new Error(`enqueue batch ${i} failed ${attempt} times: ${run.stderr}`);
          await sleep(1000);
        }
      }
      lastEnqueueAt = Date.now();
      enqueueDone = true;
      log(`enqueued ${plan.submitted.length} URLs in ${batches.length} batches (${secondsSince(enqueueStarted).toFixed(1)} s)`);
    })();

    // Faults: worker kills every killMin–killMax s, one SIGTERM, Redis SHUTDOWN and kill -9 (restarted from AOF).
    let lastFaultAt = 0;
    const faultsStarted = Date.now();
    if (faultsOn) {
      const oneOffs: Array<{ at: number; name: string; run: () => Promise<void> }> = [
        {
          at: 0.5,
          name: 'SIGTERM a worker',
          run: async () => {
            if (pool!.signalRandom('SIGTERM', rand) !== undefined) faults.workerSigterms++;
          },
        },
      ];
      if (redisFaults.includes('shutdown')) {
        oneOffs.push({ at: 0.35, name: 'Redis SHUTDOWN', run: async () => { await redis!.shutdown(rand); faults.redisShutdowns++; await sleep(2000); await redis!.start(); } });
      }
      if (redisFaults.includes('kill')) {
        oneOffs.push({ at: 0.7, name: 'Redis kill -9', run: async () => { await redis!.kill(rand); faults.redisKills++; await sleep(2000); await redis!.start(); } });
      }
      oneOffs.sort((a, b) => a.at - b.at);
      let nextKill = Date.now() + (killMin + rand() * (killMax - killMin)) * 1000;
      const pastEnqueueMs = (options.faultsPastEnqueueSeconds ?? longestFaultFreeLifeMs(config) / 1000) * 1000;
      while (!(enqueueDone && secondsSince(faultsStarted) >= chaosSeconds && Date.now() - lastEnqueueAt >= pastEnqueueMs)) {
        const due = oneOffs[0] && secondsSince(faultsStarted) >= oneOffs[0].at * chaosSeconds ? oneOffs.shift() : undefined;
        if (due) {
          log(`${secondsSince(started).toFixed(1)} s: ${due.name}`);
          await due.run();
          lastFaultAt = Date.now();
        } else if (Date.now() >= nextKill) {
          const pid = pool.signalRandom('SIGKILL', rand);
          if (pid !== undefined) {
            faults.workerKills++;
            lastFaultAt = Date.now();
          }
          nextKill = Date.now() + (killMin + rand() * (killMax - killMin)) * 1000;
        }
        await sleep(100);
      }
      // Whatever one-off faults the window did not reach still happen (a short run).
      for (const due of oneOffs) {
        log(`${secondsSince(started).toFixed(1)} s: ${due.name}`);
        await due.run();
        lastFaultAt = Date.now();
      }
      log(`faults over at ${secondsSince(started).toFixed(1)} s (${((Date.now() - lastEnqueueAt) / 1000).toFixed(1)} s after the last enqueue): ${faults.workerKills} kills, ${faults.workerSigterms} SIGTERM, Redis ${faults.redisShutdowns} SHUTDOWN + ${faults.redisKills} kill -9`);
    }
    await enqueueAll;
    lastFaultAt = Math.max(lastFaultAt, lastEnqueueAt);

    // Quiescence: no job waiting, active or delayed, and the dead letters and the stream stop changing.
    let quiescedAt: number | null = null;
    let stableSince = 0;
    let previous = '';
    const settleDeadline = Date.now() + (options.settleSeconds ?? 240) * 1000;
    while (Date.now() < settleDeadline) {
      const probe = await withTimeout(
        (async () => {
          const counts = await queues!.counts();
          const busy = Object.values(counts.queues).reduce((sum, c) => sum + ACTIVE_STATES.reduce((s, state) => s + (c[state] ?? 0), 0), 0);
          return { busy, state: `${counts.deadLetters}/${await connection.xlen(queues!.streamKey)}` };
        })(),
        5000,
      );
      const now = Date.now();
      if (probe && probe.busy === 0 && probe.state === previous) {
        stableSince ||= now;
        if (now - stableSince >= 2000) {
          quiescedAt = stableSince;
          break;
        }
      } else stableSince = 0;
      previous = probe?.state ?? '';
      await sleep(500);
    }
    log(quiescedAt ? `quiescent ${((quiescedAt - lastFaultAt) / 1000).toFixed(1)} s after the last fault` : 'never quiescent: giving up');

    faults.workersStarted = pool.events.started;
    faults.unexpectedWorkerExits = pool.events.unexpectedExits.length;
    await pool.stop();

    // Verification, from the CLI (dead letters, job counts) and from Redis (stream, record store).
    const dlq = await runSitrep(cli, ['dlq', 'list', '--json', '--limit', '1000000'], env);
    if (dlq.code !== 0) throw new Error(`sitrep dlq list failed: ${dlq.stderr}`);
    const deadLetters = JSON.parse(dlq.stdout) as DeadLetter[];
    const status = await runSitrep(cli, ['status', '--json'], env);
    if (status.code !== 0) throw new Error(`sitrep status failed: ${status.stderr}`);
    const leftoverJobs: Record<string, number> = {};
    for (const counts of Object.values((JSON.parse(status.stdout) as { queues: Record<string, Record<string, number>> }).queues)) {
      for (const state of [...ACTIVE_STATES, 'failed']) if (counts[state]) leftoverJobs[state] = (leftoverJobs[state] ?? 0) + counts[state];
    }
    const stream = await readStream(connection, queues.streamKey);
    const ids = [...new Set([...plan.units.map((u) => unitIdOf(u.url)), ...stream.records.keys()])];
    const stored = new Map<string, SitrepRecord>();
    for (let i = 0; i < ids.length; i += 500) for (const r of await queues.records.getMany(ids.slice(i, i + 500))) stored.set(r.id, r);
    const verdict = verifyOutcomes(plan.units, { deadLetters, stored, streamIds: stream.ids, streamed: stream.records });
    const perNode = await Promise.all(redis.ports.map(redisFigures));
    const figures = {
      usedMemoryBytes: perNode.reduce((sum, n) => sum + n.usedMemoryBytes, 0),
      keys: perNode.reduce((sum, n) => sum + n.keys, 0),
      keysWithoutTtl: perNode.reduce((sum, n) => sum + n.keysWithoutTtl, 0),
      withoutTtlByFamily: perNode.reduce<Record<string, number>>((all, n) => {
        for (const [family, count] of Object.entries(n.withoutTtlByFamily)) all[family] = (all[family] ?? 0) + count;
        return all;
      }, {}),
      keysPerNode: perNode.map((n) => n.keys),
    };

    const ended = plan.units.flatMap((unit) => {
      const id = unitIdOf(unit.url);
      const record = stored.get(id) ?? stream.records.get(id);
      const letter = deadLetters.find((l) => l.unitId === id);
      const at = record ? Date.parse(record.processedAt) : letter ? Date.parse(letter.failedAt) : NaN;
      if (Number.isNaN(at)) return [];
      return [{ behaviour: unit.behaviour, outcome: record ? 'record' : letter!.code, attempts: letter?.attemptsMade ?? null, afterLastFaultSeconds: Number(((at - lastFaultAt) / 1000).toFixed(1)) }];
    });
    const lastOutcomes = ended.sort((a, b) => b.afterLastFaultSeconds - a.afterLastFaultSeconds).slice(0, 8);
    const c = verdict.counts;
    const quiet = quiescedAt === null ? null : Math.max(0, (quiescedAt - lastFaultAt) / 1000);
    const checks: ChaosReport['checks'] = [
      { name: 'lost', pass: c.lost === 0, value: c.lost, limit: '0' },
      { name: 'both record and dead letter', pass: c.both === 0, value: c.both, limit: '0' },
      { name: 'more than one dead letter', pass: c.multipleDeadLetters === 0, value: c.multipleDeadLetters, limit: '0' },
      { name: 'wrong outcome', pass: c.wrongOutcome === 0, value: c.wrongOutcome, limit: '0' },
      { name: 'records missing from the stream', pass: c.missingFromStream === 0, value: c.missingFromStream, limit: '0' },
      { name: 'stream duplicates', pass: c.streamDuplicates <= 0.005 * c.records, value: c.streamDuplicates, limit: '≤ 0.5% of records' },
      {
        name: 'jobs left waiting, active or delayed',
        pass: ACTIVE_STATES.every((state) => !leftoverJobs[state]),
        value: ACTIVE_STATES.reduce((sum, state) => sum + (leftoverJobs[state] ?? 0), 0),
        limit: '0',
      },
      { name: 'quiescent after the last fault (s)', pass: quiet !== null && quiet <= 15, value: quiet === null ? null : Number(quiet.toFixed(1)), limit: '≤ 15' },
      { name: 'Redis used_memory after the run (MB)', pass: figures.usedMemoryBytes <= 40 * 2 ** 20, value: Number((figures.usedMemoryBytes / 2 ** 20).toFixed(1)), limit: '≤ 40' },
    ];
    if (options.cluster) checks.push({ name: 'cluster masters holding keys', pass: figures.keysPerNode.every((k) => k > 0), value: figures.keysPerNode.filter((k) => k > 0).length, limit: `${figures.keysPerNode.length}` });
    passed = checks.every((check) => check.pass);
    return {
      seed,
      redisMode: options.cluster ? 'cluster' : 'single',
      urls: plan.submitted.length,
      workers: workerCount,
      behaviours: BEHAVIOURS.length,
      faults,
      outcomes: c,
      byBehaviour: verdict.byBehaviour,
      problems: verdict.problems,
      lastOutcomes,
      timing: {
        enqueueSeconds: Number(((lastEnqueueAt - enqueueStarted) / 1000).toFixed(1)),
        quiescentAfterLastFaultSeconds: quiet === null ? null : Number(quiet.toFixed(1)),
        quiescentAfterLastEnqueueSeconds: quiescedAt === null ? null : Number((Math.max(0, quiescedAt - lastEnqueueAt) / 1000).toFixed(1)),
        totalSeconds: Number(secondsSince(started).toFixed(1)),
      },
      redis: { ...figures, leftoverJobs },
      checks,
      workDir: passed ? '' : workDir,
    };
  } finally {
    await pool?.stop(5000).catch(() => undefined);
    await queues?.close().catch(() => undefined);
    await reader?.close().catch(() => undefined);
    origin?.stdin?.end();
    if (origin && origin.exitCode === null) {
      origin.kill('SIGTERM');
      await once(origin, 'exit').catch(() => undefined);
    }
    await redis?.stop();
    if (passed) rmSync(workDir, { recursive: true, force: true });
  }
}
