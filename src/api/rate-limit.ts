import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { apiError } from './api-error.js';

/**
 * @fastify/rate-limit, counted per token (a digest, never the token) in Redis, so every API process
 * shares one budget. Off by default: a route opts in with `config.rateLimit: { max, timeWindow }`.
 * Runs after auth (preHandler), so unknown callers are refused before they cost a Redis call.
 */
export async function registerRateLimit(app: FastifyInstance, redis: Redis, prefix: string): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    redis,
    nameSpace: `${prefix}:rate-limit:`,
    // Redis down: the submission itself will fail with its own clear error.
    skipOnError: true,
    keyGenerator: (request) => request.tokenId ?? request.ip,
    errorResponseBuilder: (_request, context) =>
      apiError('SITREP_ERR_API_RATE_LIMITED', `rate limit: at most ${context.max} requests per minute per token to this route; retry in ${context.after}`, context.statusCode),
  });
}
