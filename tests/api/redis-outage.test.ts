import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.js';
import { createSitrepMetrics } from '../../src/metrics/sitrep-metrics.js';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../src/redis/embedded-redis.js';
import { createRedis } from '../../src/redis/redis-connection.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
import { SitrepQueues } from '../../src/queues/sitrep-queues.js';
import { waitFor } from '../helpers/test-runtime.js';
import { bearer, TOKENS } from './api-test-app.js';

describe('the API while Redis is down', () => {
  let redis: EmbeddedRedis;
  beforeAll(async () => {
    redis = await startEmbeddedRedis('redis-server', 7405);
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('answers 503 SITREP_ERR_REDIS_UNAVAILABLE at once (with Retry-After) instead of hanging, and recovers', async () => {
    const config = loadConfig({ env: {}, overrides: { redis: { url: redis.url }, api: { tokens: [{ token: TOKENS.admin, role: 'admin' }, { token: TOKENS.client, role: 'client' }] } } });
    const connection = createRedis(redis.url);
    connection.on('error', () => {});
    await connection.connect();
    const logger = createLogger('silent');
    const queues = new SitrepQueues(config, connection, logger);
    const app = await buildApp({ config, queues, connection, logger, metrics: createSitrepMetrics({ defaultMetrics: false }) });
    await app.ready();
    try {
      await redis.stop();
      await waitFor(async () => connection.status !== 'ready', 5000, 'the connection to notice');
      const requests = [
        app.inject({ method: 'POST', url: '/v1/urls', headers: bearer('client'), payload: { urls: ['https://example.org/a'] } }),
        app.inject({ method: 'GET', url: '/v1/records', headers: bearer('client') }),
        app.inject({ method: 'GET', url: '/v1/dead-letters', headers: bearer('admin') }),
        app.inject({ method: 'GET', url: '/v1/status', headers: bearer('client') }),
      ];
      for (const response of await Promise.all(requests)) {
        expect(response.statusCode, response.body).toBe(503);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.json().error.code).toBe('SITREP_ERR_REDIS_UNAVAILABLE');
      }
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/v1/records' })).statusCode).toBe(401); // auth first: no hint to strangers
      redis = await startEmbeddedRedis('redis-server', 7405);
      await waitFor(async () => connection.status === 'ready', 10_000, 'the reconnect');
      expect((await app.inject({ method: 'GET', url: '/v1/records', headers: bearer('client') })).statusCode).toBe(200);
    } finally {
      await app.close();
      await queues.close();
      connection.disconnect();
    }
  });
});
