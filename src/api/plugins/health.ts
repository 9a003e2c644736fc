import type { FastifyPluginAsync } from 'fastify';
import type { ApiContext } from '../api-context.js';

const READY_TIMEOUT_MS = 2000;

/** Liveness and readiness for orchestrators: open, tiny, and never touching the queues. */
export const healthPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  const statusSchema = { type: 'object', required: ['status'], properties: { status: { type: 'string' }, redis: { type: 'string' } } } as const;

  app.get('/healthz', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'Liveness: the process answers.', security: [], response: { 200: statusSchema } },
  }, async () => ({ status: 'ok' }));

  app.get('/readyz', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'Readiness: Redis answers PING.', security: [], response: { 200: statusSchema, 503: statusSchema } },
  }, async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS)));
    try {
      await Promise.race([ctx.connection.ping(), timeout]);
      return { status: 'ok', redis: 'ok' };
    } catch (error) {
      return reply.status(503).send({ status: 'unavailable', redis: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  });
};
