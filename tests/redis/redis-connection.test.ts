import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
import { startEmbeddedRedis } from '../../src/redis/embedded-redis.js';
import { connectRedis } from '../../src/redis/redis-connection.js';
import { TEST_REDIS_URL } from '../helpers/test-runtime.js';

const logger = createLogger('silent');
// Port 1 on loopback: nothing listens there.
const NOBODY = 'redis://127.0.0.1:1';

describe('connectRedis', () => {
  it('uses the configured Redis when it answers', async () => {
    const handle = await connectRedis(loadConfig({ env: { SITREP_REDIS_URL: TEST_REDIS_URL } }), logger);
    expect(handle.embedded).toBe(false);
    expect(await handle.connection.ping()).toBe('PONG');
    await handle.close();
  });

  it('fails clearly when the configured Redis does not answer (no silent fallback)', async () => {
    await expect(connectRedis(loadConfig({ env: { SITREP_REDIS_URL: 'redis://:secret@127.0.0.1:1' } }), logger)).rejects.toThrow(
      /Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/? does not answer/,
    );
  });

  it('starts a private redis-server when none is configured or answering, only when allowed (sitrep run)', async () => {
    const handle = await connectRedis(loadConfig({ env: {} }), logger, { defaultUrl: NOBODY, allowEmbedded: true });
    expect(handle.embedded).toBe(true);
    expect(await handle.connection.ping()).toBe('PONG');
    await handle.close();
  });

  it('says how to get Redis when embedding is off', async () => {
    await expect(connectRedis(loadConfig({ env: { SITREP_REDIS_EMBEDDED: 'false' } }), logger, { defaultUrl: NOBODY, allowEmbedded: true })).rejects.toThrow(/docker compose up -d redis/);
  });

  it('refuses, rather than starting a throw-away Redis, for every caller but sitrep run', async () => {
    await expect(connectRedis(loadConfig({ env: {} }), logger, { defaultUrl: NOBODY })).rejects.toMatchObject({
      code: 'SITREP_ERR_REDIS_UNAVAILABLE',
      message: expect.stringMatching(/no Redis answers on redis:\/\/127\.0\.0\.1:1.*only `sitrep run` starts a private one/),
    });
  });

  it('gives up on a frozen Redis (accepts, never answers) at the ready deadline', async () => {
    const frozen = await startEmbeddedRedis('redis-server', 7401);
    process.kill(frozen.pid, 'SIGSTOP');
    try {
      for (const env of [{ SITREP_REDIS_URL: frozen.url }, {}]) {
        await expect(connectRedis(loadConfig({ env }), logger, { defaultUrl: frozen.url, readyTimeoutMs: 300 })).rejects.toMatchObject({
          code: 'SITREP_ERR_REDIS_UNAVAILABLE',
          message: expect.stringMatching(/accepts connections but did not answer within 0\.3 s/),
        });
      }
    } finally {
      process.kill(frozen.pid, 'SIGCONT');
      await frozen.stop();
    }
  });
});
