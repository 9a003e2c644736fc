import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { waitForRedis } from '../../src/redis/wait-for-redis.js';

function capture() {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

describe('waitForRedis', () => {
  it('waits out a Redis that is down at start: one line when the wait starts, one when it ends, no stack traces', async () => {
    const { lines, logger } = capture();
    let tries = 0;
    const handle = await waitForRedis(async () => {
      if (++tries < 4) throw new SitrepError('SITREP_ERR_REDIS_UNAVAILABLE', 'Redis at redis://127.0.0.1:7149 does not answer');
      return 'connected';
    }, logger, { retryMs: 10 });
    expect(handle).toBe('connected');
    expect(tries).toBe(4);
    expect(lines.map((l) => l.msg)).toEqual([
      expect.stringMatching(/does not answer — waiting for Redis/),
      expect.stringMatching(/^Redis answers after [\d.]+ s: starting$/),
    ]);
    expect(JSON.stringify(lines)).not.toContain('    at ');
  });

  it('does not wait for anything but an unavailable Redis', async () => {
    const { logger } = capture();
    await expect(waitForRedis(async () => Promise.reject(new SitrepError('SITREP_ERR_CONFIG', 'bad')), logger, { retryMs: 10 })).rejects.toThrow('bad');
  });
});
