import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { ApiErrorBody } from './api-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route needs Redis. Default true: while Redis is unreachable it answers 503 at once. */
    redis?: boolean;
  }
}

/** Seconds a client is told to wait while Redis is away. */
const RETRY_AFTER_SECONDS = 5;

/**
 * While the connection is not ready, commands wait in ioredis's offline queue until Redis is back:
 * a request would hang for the whole outage. Answer 503 with Retry-After instead. Public routes
 * (health, readiness) and routes marked `redis: false` are left alone. Installed after auth.
 */
export function installRedisGuard(app: FastifyInstance, connection: Redis): void {
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    if (config.redis === false || config.access === 'public' || connection.status === 'ready') return;
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return reply.status(503).send({ error: { code: 'SITREP_ERR_REDIS_UNAVAILABLE', message: `Redis is unreachable (connection ${connection.status}); try again in a few seconds` } } satisfies ApiErrorBody);
  });
}
