import type { FastifyPluginAsync } from 'fastify';
import type { ApiContext } from '../api-context.js';
import { errorResponses } from '../schemas.js';

/** Prometheus exposition; any role may read it (give the scraper a `metrics` token). */
export const metricsPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  app.get('/metrics', {
    config: { access: 'metrics' },
    schema: {
      tags: ['operations'],
      summary: 'Prometheus metrics: queue depth and dead letters by queue, plus this process\'s counters.',
      response: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } }, ...errorResponses(401) },
    },
  }, async (_request, reply) => {
    const text = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(text);
  });
};
