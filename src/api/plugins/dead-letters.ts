import type { FastifyPluginAsync } from 'fastify';
import type { ApiContext } from '../api-context.js';
import { apiError } from '../api-error.js';
import { deadLetterSchema, errorResponses, idParams } from '../schemas.js';

const admin = { access: 'admin' } as const;
const notFound = (id: string) => apiError('SITREP_ERR_NOT_FOUND', `no dead letter ${id}`, 404, 'params.id');

/** Operator actions on the dead-letter queue; admin only. */
export const deadLettersPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  const dlq = ctx.queues.deadLetters;
  // The list leaves out job data (article bodies can be large): the response schema drops it.
  const { data: _data, ...summaryProperties } = deadLetterSchema.properties;
  const summary = { ...deadLetterSchema, properties: summaryProperties };

  const filterProperties = {
    code: { type: 'string', pattern: '^SITREP_ERR_[A-Z_]+$', description: 'Only letters with this error code.' },
    stage: { type: 'string', maxLength: 200, description: 'Only letters of this stage or queue (e.g. fetch, webhook-<id>).' },
  } as const;

  app.get<{ Querystring: { offset: number; limit: number; code?: string; stage?: string } }>('/v1/dead-letters', {
    config: admin,
    schema: {
      tags: ['dead letters'],
      summary: 'List dead letters, newest first (without their job data).',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { offset: { type: 'integer', minimum: 0, default: 0 }, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 }, ...filterProperties },
      },
      response: {
        200: { type: 'object', required: ['total', 'deadLetters'], properties: { total: { type: 'integer' }, deadLetters: { type: 'array', items: summary } } },
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (request) => {
    const [total, deadLetters] = await Promise.all([dlq.count(), dlq.list(request.query)]);
    return { total, deadLetters };
  });

  app.get<{ Params: { id: string } }>('/v1/dead-letters/:id', {
    config: admin,
    schema: { tags: ['dead letters'], summary: 'One dead letter, with the original job data.', params: idParams, response: { 200: deadLetterSchema, ...errorResponses(401, 403, 404) } },
  }, async (request) => {
    const letter = await dlq.get(request.params.id);
    if (!letter) throw notFound(request.params.id);
    return letter;
  });

  app.post<{ Params: { id: string } }>('/v1/dead-letters/:id/replay', {
    config: admin,
    schema: {
      tags: ['dead letters'],
      summary: 'Send a dead letter back to the queue it failed in.',
      params: idParams,
      response: { 200: { type: 'object', properties: { replayed: { type: 'integer' } } }, ...errorResponses(401, 403, 404) },
    },
  }, async (request) => {
    if (!(await dlq.replay(request.params.id))) throw notFound(request.params.id);
    return { replayed: 1 };
  });

  app.post<{ Querystring: { code?: string; stage?: string } }>('/v1/dead-letters/replay', {
    config: admin,
    schema: {
      tags: ['dead letters'],
      summary: 'Replay every dead letter, or those with the given code and/or stage.',
      querystring: { type: 'object', additionalProperties: false, properties: filterProperties },
      response: { 200: { type: 'object', properties: { replayed: { type: 'integer' } } }, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => ({ replayed: await dlq.replayAll(request.query) }));

  app.delete<{ Params: { id: string } }>('/v1/dead-letters/:id', {
    config: admin,
    schema: { tags: ['dead letters'], summary: 'Purge one dead letter.', params: idParams, response: { 200: { type: 'object', properties: { purged: { type: 'integer' } } }, ...errorResponses(401, 403, 404) } },
  }, async (request) => {
    if (!(await dlq.purge(request.params.id))) throw notFound(request.params.id);
    return { purged: 1 };
  });

  app.delete('/v1/dead-letters', {
    config: admin,
    schema: { tags: ['dead letters'], summary: 'Purge every dead letter.', response: { 200: { type: 'object', properties: { purged: { type: 'integer' } } }, ...errorResponses(401, 403) } },
  }, async () => ({ purged: await dlq.purgeAll() }));
};
