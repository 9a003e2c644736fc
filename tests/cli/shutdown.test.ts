import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startEmbeddedRedis } from '../../src/redis/embedded-redis.js';
import { runCli } from '../helpers/run-cli.js';

const ENTRY = fileURLToPath(new URL('../helpers/cli-entry.ts', import.meta.url));

function start(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { env: { ...process.env, SITREP_LOG_FORMAT: 'json', ...env } });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return { child, output: () => output, exited: new Promise((resolve) => child.on('close', resolve)) };
}

async function until(probe: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !probe(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!probe()) throw new Error(`timed out waiting for ${what}`);
}

// Spawned CLIs start slowly on a loaded machine: room, not a timing assertion.
describe('sitrep serve and worker at the edges', { timeout: 120_000 }, () => {
  it('serve on a busy port: one clear line and exit 1, not an internal error and a process that stays', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const result = await runCli(['serve', '--port', String(port)], { SITREP_REDIS_URL: process.env.SITREP_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^sitrep: SITREP_ERR_LISTEN: cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use .*\\(EADDRINUSE\\)$`, 'm'));
    } finally {
      busy.close();
    }
  });

  it.each([
    ['serve', ['serve', '--port', '0', '--grace', '3'], 'SIGTERM', 7406, /listening/],
    ['worker', ['worker', '--grace', '3'], 'SIGINT', 7407, /workers started/],
  ] as const)('%s: a signal during a Redis outage ends the process', async (_name, args, signal, port, ready) => {
    const redis = await startEmbeddedRedis('redis-server', port);
    const proc = start([...args], { SITREP_REDIS_URL: redis.url, SITREP_WORKER_METRICS_PORT: '0' });
    try {
      await until(() => ready.test(proc.output()), 'start-up');
      await redis.stop();
      await until(() => /"msg":"redis: /.test(proc.output()), 'the outage to be noticed');
      proc.child.kill(signal);
      const code = await proc.exited;
      expect([0, 1], proc.output()).toContain(code);
    } finally {
      proc.child.kill('SIGKILL');
      await redis.stop();
    }
  });
});
