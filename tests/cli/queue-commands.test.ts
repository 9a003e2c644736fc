import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';
import { TEST_REDIS_URL } from '../helpers/test-runtime.js';

const prefix = `{sitrep-test-${randomBytes(4).toString('hex')}}`;
const env = { SITREP_REDIS_URL: TEST_REDIS_URL, SITREP_QUEUE_PREFIX: prefix };

afterAll(async () => {
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

// Spawned CLIs start slowly on a loaded machine: room, not a timing assertion.
describe('queue-facing commands', { timeout: 120_000 }, () => {
  it('enqueue prints job ids, marks a repeat as duplicate, and status counts it', async () => {
    const first = await runMain(['enqueue', 'https://Example.org/a?utm_medium=x'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^[0-9a-f]{32}\thttps:\/\/example\.org\/a\n$/);
    const again = await runMain(['enqueue', 'https://example.org/a'], env);
    expect(again.stdout).toContain('(duplicate: already submitted)');
    const status = await runMain(['status', '--json'], env);
    expect(JSON.parse(status.stdout)).toMatchObject({ queues: { fetch: { waiting: 1 } }, deadLetters: 0 });
    const table = (await runMain(['status'], env)).stdout.split('\n');
    expect(table[0]).toMatch(/^queue\s+workers\s+waiting\s+prioritized\s+active/);
    expect(table.find((l) => l.startsWith('fetch'))).toMatch(/^fetch\s+0\s+1\s/);
    expect(table).toContain('dead letters: 0');
  });

  it('refuses a URL that is not http(s), naming it, and enqueues nothing', async () => {
    const result = await runMain(['enqueue', 'https://ok.example/', 'ftp://files.example/x'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sitrep: SITREP_ERR_INVALID_URL: .*ftp:\/\/files\.example\/x/);
    const status = await runMain(['status', '--json'], env);
    expect(JSON.parse(status.stdout).queues.fetch.waiting).toBe(1);
  });

  it('enqueue --refresh fetches a URL again within the dedupe window', { timeout: 60_000 }, async () => {
    const first = await runCli(['enqueue', 'https://example.org/refreshed'], env);
    const again = await runCli(['enqueue', '--refresh', 'https://example.org/refreshed'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stdout).not.toContain('duplicate');
  });

  it('dlq purge --all asks first: refused without a terminal unless --yes', async () => {
    const refused = await runMain(['dlq', 'purge', '--all'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/purge --all forgets every dead letter: confirm on a terminal, or add --yes/);
    const done = await runMain(['dlq', 'purge', '--all', '--yes'], env);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^purged \d+/);
  });

  it('dlq: lists as JSON, and reports unknown ids and actions clearly', async () => {
    expect(JSON.parse((await runMain(['dlq', 'list', '--json'], env)).stdout)).toEqual([]);
    const missing = await runMain(['dlq', 'show', 'fetch.nope'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('sitrep: SITREP_ERR_NOT_FOUND: no dead letter fetch.nope\n');
    const bad = await runMain(['dlq', 'explode'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown dlq action/);
  });

  it('tail follows the record stream as a consumer group and stops on SIGINT', async () => {
    const run = await runCli(['run', '-'], env, 'Four soldiers were wounded near Avdiivka on Tuesday, the army said.\n');
    expect(run.code, run.stderr).toBe(0);
    const id = JSON.parse(run.stdout).id;
    const entry = fileURLToPath(new URL('../helpers/cli-entry.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'tail', '--from', '0', '--group', 'test-tail'], { env: { ...process.env, ...env } });
    let out = '';
    const firstLine = new Promise<string>((resolve) =>
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      }),
    );
    expect(JSON.parse(await firstLine).id).toBe(id);
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
  });

  it('tail takes over what a crashed consumer left unacknowledged, and outlives a Redis that lost its data (NOGROUP)', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    const key = `${prefix}:records:stream`;
    await redis.xgroup('CREATE', key, 'crash-tail', '$', 'MKSTREAM');
    await redis.xadd(key, '*', 'id', 'left', 'record', '{"id":"left-pending"}');
    // A consumer named hostname-pid read it and died before acking: that name never comes back.
    await redis.xreadgroup('GROUP', 'crash-tail', 'host-4242', 'COUNT', 10, 'STREAMS', key, '>');
    const entry = fileURLToPath(new URL('../helpers/cli-entry.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'tail', '--group', 'crash-tail', '--claim-after', '0.05'], { env: { ...process.env, ...env } });
    // A failed expectation must not leave the tail running.
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let out = '';
    const lines = (n: number) =>
      new Promise<string[]>((resolve) => {
        const check = () => out.split('\n').length > n && resolve(out.split('\n').slice(0, n));
        child.stdout.on('data', (d) => {
          out += d;
          check();
        });
        check();
      });
    expect((await lines(1)).map((l) => JSON.parse(l).id)).toEqual(['left-pending']);
    // tail writes a record out before it acknowledges it (at-least-once): the ack follows the line.
    await vi.waitFor(async () => expect(await redis.xpending(key, 'crash-tail')).toEqual([0, null, null, null]), { timeout: 10_000, interval: 50 });
    // Redis comes back empty: the stream and its group are gone.
    await redis.del(key);
    for (let i = 0; i < 40 && !out.includes('after-reset'); i++) {
      await redis.xadd(key, '*', 'id', 'after', 'record', '{"id":"after-reset"}');
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(out).toContain('{"id":"after-reset"}');
    child.kill('SIGINT');
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
    redis.disconnect();
  });

  it('enqueue --idempotency-key: repeating a submission is the same run, adding only what is missing', async () => {
    const first = await runMain(['enqueue', '--idempotency-key', 'batch-1', 'https://example.org/k1'], env);
    expect(first.code, first.stderr).toBe(0);
    const again = await runMain(['enqueue', '--idempotency-key', 'batch-1', 'https://example.org/k1', 'https://example.org/k2'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.split('\n')).toEqual([`${first.stdout.trim()}\t(duplicate: already submitted)`, expect.stringMatching(/\thttps:\/\/example\.org\/k2$/), '']);
    const fetch = new Redis(TEST_REDIS_URL);
    try {
      const runs = await fetch.keys(`${prefix}*:run:*:submitted`);
      const sizes = await Promise.all(runs.map((key) => fetch.scard(key)));
      expect(sizes).toContain(2); // one run holds both URLs
    } finally {
      fetch.disconnect();
    }
  });
});
