import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/**
 * Private redis-server processes for chaos, benchmark and cluster runs: started from PATH on a
 * loopback port of their own, with AOF, and stopped by PID (never by name). A node can be shut
 * down or killed and started again on the same directory, so it comes back from its AOF.
 */

/** Why private Redis runs cannot happen here, or null when `redis-server` and `redis-cli` are on PATH. */
export function privateRedisUnavailable(): string | null {
  for (const tool of ['redis-server', 'redis-cli']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) return `${tool} is not on PATH`;
  }
  return null;
}

/** The first port in [from, to] nothing listens on (127.0.0.1). */
export async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) {
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) {
      await new Promise((resolve) => server.close(resolve));
      return port;
    }
  }
  throw new Error(`no free port in ${from}–${to}`);
}

const running = new Set<ChildProcess>();

/** SIGKILLs every redis-server this process started and has not stopped: for an exit handler (Ctrl-C). */
export function killPrivateRedisSync(): void {
  for (const child of running) child.kill('SIGKILL');
}

export interface PrivateRedisOptions {
  port: number;
  /** Data directory (AOF, logs); default a new temporary directory, removed by stop(). */
  dir?: string;
  /** Cluster mode (cluster-enabled, a nodes file in dir). Default false. */
  cluster?: boolean;
  /** More `--name value` arguments. */
  args?: string[];
}

export interface PrivateRedis {
  port: number;
  url: string;
  dir: string;
  /** PID of the running server, undefined while it is down. */
  pid(): number | undefined;
  /** Starts it (again) on the same directory and waits until it answers PING (AOF loaded). */
  start(): Promise<void>;
  /** SHUTDOWN through a client, as an operator would; waits until the process is gone. */
  shutdown(): Promise<void>;
  /** SIGKILL; waits until the process is gone. */
  kill(): Promise<void>;
  /** Stops the server (SIGTERM, SIGKILL after 5 s) and removes a temporary directory. */
  stop(): Promise<void>;
}

async function waitForPong(port: number, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server on port ${port} exited (${child.exitCode ?? child.signalCode}) while starting`);
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      // not yet (connection refused, or LOADING the AOF)
    } finally {
      probe.disconnect();
    }
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function exited(child: ChildProcess | undefined, killAfterMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await once(child, 'exit');
  clearTimeout(timer);
}

export async function startPrivateRedis(options: PrivateRedisOptions): Promise<PrivateRedis> {
  const temporary = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), `sitrep-redis-${options.port}-`));
  mkdirSync(dir, { recursive: true });
  const { port } = options;
  // AOF as production runs it (docker-compose.yml): every write logged and fsynced before it is
  // answered (README: Running it in production), no eviction.
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--logfile', 'redis.log',
    '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction',
    ...(options.cluster ? ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000'] : []),
    ...(options.args ?? []),
  ];
  let child: ChildProcess | undefined;
  const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const node: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    pid: () => (alive() ? child?.pid : undefined),
    async start() {
      if (alive()) return;
      const started = spawn('redis-server', args, { stdio: 'ignore' });
      child = started;
      running.add(started);
      started.on('exit', () => running.delete(started));
      await waitForPong(port, 60_000, child);
    },
    async shutdown() {
      if (!alive()) return;
      const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      await client.connect().catch(() => undefined);
      // SHUTDOWN closes the connection instead of answering.
      await client.call('SHUTDOWN').catch(() => undefined);
      client.disconnect();
      await exited(child, 10_000);
    },
    async kill() {
      if (!alive()) return;
      child?.kill('SIGKILL');
      await exited(child, 0);
    },
    async stop() {
      if (alive()) {
        child?.kill('SIGTERM');
        await exited(child, 5_000);
      }
      if (temporary) rmSync(dir, { recursive: true, force: true });
    },
  };
  await node.start();
  return node;
}

export interface PrivateRedisCluster {
  nodes: PrivateRedis[];
  /** Seed nodes as `{host, port}` (what ioredis Cluster and the `redis.cluster` setting take). */
  seeds: Array<{ host: string; port: number }>;
  /** Waits until every node reports cluster_state:ok. */
  waitUntilOk(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function clusterState(port: number): Promise<string | undefined> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const info = (await client.call('CLUSTER', 'INFO')) as string;
    return /cluster_state:(\w+)/.exec(info)?.[1];
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

/**
 * A local Redis Cluster of one master per port (no replicas): every node started in cluster mode,
 * `redis-cli --cluster create` assigns the 16,384 slots, then we wait for cluster_state:ok.
 */
export async function startPrivateRedisCluster(ports: number[]): Promise<PrivateRedisCluster> {
  const root = mkdtempSync(join(tmpdir(), 'sitrep-cluster-'));
  const nodes: PrivateRedis[] = [];
  const cluster: PrivateRedisCluster = {
    nodes,
    seeds: ports.map((port) => ({ host: '127.0.0.1', port })),
    async waitUntilOk(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await Promise.all(ports.map(clusterState))).every((state) => state === 'ok')) {
        if (Date.now() > deadline) throw new Error(`cluster ${ports.join(',')} not ok within ${timeoutMs} ms`);
        await sleep(200);
      }
    },
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    for (const port of ports) nodes.push(await startPrivateRedis({ port, dir: join(root, String(port)), cluster: true }));
    const create = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    await cluster.waitUntilOk();
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
