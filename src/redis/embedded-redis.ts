import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from './load-ioredis.js';
import { SitrepError } from '../errors/sitrep-error.js';

export interface EmbeddedRedis {
  url: string;
  /** The redis-server's process id. */
  pid: number;
  stop(): Promise<void>;
}

export const REDIS_HOW_TO =
  'start one with `docker compose up -d redis`, install your distribution\'s redis-server package (e.g. `apt-get install redis-server`), or set REDIS_URL';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, disconnectTimeout: 0 });
    probe.on('error', () => {}); // refusals are expected until the server listens
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch {
      // redis-server listens ~25 ms after its spawn: short naps, so `sitrep run` does not wait a whole long one.
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      probe.disconnect();
    }
  }
  throw new SitrepError('SITREP_ERR_REDIS_UNAVAILABLE', 'the private redis-server did not start');
}

/** A throw-away redis-server for this process only: loopback, no persistence, removed on stop. Default port: a free one. */
export async function startEmbeddedRedis(binary = 'redis-server', port?: number): Promise<EmbeddedRedis> {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-redis-'));
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  const spawned = await new Promise<boolean>((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  if (!spawned) {
    rmSync(dir, { recursive: true, force: true });
    throw new SitrepError('SITREP_ERR_REDIS_UNAVAILABLE', `no Redis is configured or answering on 127.0.0.1:6379, and there is no ${binary} on PATH: ${REDIS_HOW_TO}`);
  }
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPing(url, child, 5000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid as number, stop };
}
