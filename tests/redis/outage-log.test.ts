import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
import { startEmbeddedRedis } from '../../src/redis/embedded-redis.js';
import { outageLog } from '../../src/redis/outage-log.js';
import { connectRedis } from '../../src/redis/redis-connection.js';
import { waitFor } from '../helpers/test-runtime.js';

function jsonLogger() {
  const out = new PassThrough();
  const lines: Array<{ level: number; msg: string }> = [];
  let buffer = '';
  out.on('data', (d) => {
    buffer += d;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts.map((l) => JSON.parse(l)));
  });
  return { logger: createLogger('info', { format: 'json', destination: out }), lines };
}

describe('a Redis blip does not flood the logs', () => {
  it('one line when errors start, a count at most once per interval, one line when it is back', () => {
    const { logger, lines } = jsonLogger();
    const log = outageLog(logger, 'redis', { intervalMs: 60_000 });
    for (let i = 0; i < 500; i++) log.error(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    log.restored();
    log.restored();
    expect(lines.map((l) => l.msg)).toEqual([expect.stringMatching(/^redis: connect ECONNREFUSED .*repeats are counted/), expect.stringMatching(/^redis: back after \d+\.\d s$/)]);
  });

  it('a real connection that loses its Redis and gets it back logs two lines', async () => {
    const { logger, lines } = jsonLogger();
    let redis = await startEmbeddedRedis('redis-server', 7403);
    const handle = await connectRedis(loadConfig({ env: { SITREP_REDIS_URL: redis.url } }), logger);
    try {
      await redis.stop();
      await sleep(1500); // ioredis reconnects every 50–2000 ms, each attempt an 'error'
      redis = await startEmbeddedRedis('redis-server', 7403);
      await waitFor(async () => handle.connection.status === 'ready', 10_000, 'the reconnect');
      expect(await handle.connection.ping()).toBe('PONG');
      expect(lines.map((l) => l.msg)).toEqual([expect.stringMatching(/^redis: .*ECONNREFUSED.*repeats are counted/), expect.stringMatching(/^redis: back after/)]);
    } finally {
      await handle.close();
      await redis.stop();
    }
  });
});
