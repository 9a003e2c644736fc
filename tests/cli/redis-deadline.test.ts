import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../src/redis/embedded-redis.js';
import { runMain } from '../helpers/run-main.js';

// Spawned CLIs start slowly on a loaded machine: room, not a timing assertion.
describe('every CLI command has a deadline on connect and ready', { timeout: 120_000 }, () => {
  let frozen: EmbeddedRedis;
  beforeAll(async () => {
    frozen = await startEmbeddedRedis('redis-server', 7402);
    process.kill(frozen.pid, 'SIGSTOP'); // accepts connections (the kernel does), never answers
  });
  afterAll(async () => {
    process.kill(frozen.pid, 'SIGCONT');
    await frozen.stop();
  });

  it('exits 1 with SITREP_ERR_REDIS_UNAVAILABLE on a frozen Redis', async () => {
    const env = { SITREP_REDIS_URL: frozen.url, SITREP_REDIS_READY_TIMEOUT_MS: '500' };
    const commands = [['run', 'README.md'], ['enqueue', 'https://example.org/a'], ['submit', 'README.md'], ['status'], ['dlq', 'list'], ['tail']];
    // worker and serve wait for Redis instead (tests/cli/worker-command.test.ts); each of their attempts has this deadline.
    for (const [i, args] of commands.entries()) {
      const result = await runMain(args, env);
      expect(result.code, `${commands[i].join(' ')}: ${result.stderr}`).toBe(1);
      expect(result.stderr).toMatch(/^sitrep: SITREP_ERR_REDIS_UNAVAILABLE: Redis at redis:\/\/127\.0\.0\.1:7402\/? accepts connections but did not answer within 0\.5 s/m);
    }
  });
});
