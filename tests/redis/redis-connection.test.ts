import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
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

  it('starts a private redis-server when none is configured or answering', async () => {
    const handle = await connectRedis(loadConfig({ env: {} }), logger, { defaultUrl: NOBODY });
    expect(handle.embedded).toBe(true);
    expect(await handle.connection.ping()).toBe('PONG');
    await handle.close();
  });

  it('says how to get Redis when embedding is off', async () => {
    await expect(connectRedis(loadConfig({ env: { SITREP_REDIS_EMBEDDED: 'false' } }), logger, { defaultUrl: NOBODY })).rejects.toThrow(/docker compose up -d redis/);
  });
});
