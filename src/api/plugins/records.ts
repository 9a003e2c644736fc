import type { FastifyPluginAsync } from 'fastify';
import type { ApiContext } from '../api-context.js';
import { apiError } from '../api-error.js';
import { errorResponses, idParams, recordSchema } from '../schemas.js';

interface ListQuery {
  since?: string;
  limit?: number;
}

/** ISO 8601 or epoch milliseconds. */
function parseSince(since: string | undefined): number | undefined {
  if (since === undefined) return undefined;
  const ms = /^\d+$/.test(since) ? Number(since) : Date.parse(since);
  if (Number.isNaN(ms)) throw apiError('SITREP_ERR_INVALID_INPUT', 'since must be an ISO 8601 date-time or epoch milliseconds', 400, 'querystring.since');
  return ms;
}

/** Records live in Redis (RecordStore) for emit.recordTtlSeconds (default 7 days), by id and by processedAt. */
export const recordsPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  app.get<{ Querystring: ListQuery }>('/v1/records', {
    config: { access: 'client' },
    schema: {
      tags: ['records'],
      summary: 'Stored records processed at or after `since`, oldest first.',
      description: 'Page through with since = the last processedAt seen. Records are kept emit.recordTtlSeconds (default 7 days).',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          since: { type: 'string', description: 'ISO 8601 date-time or epoch ms. Default: the start of the retention window.' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
        },
      },
      response: { 200: { type: 'object', required: ['records'], properties: { records: { type: 'array', items: recordSchema } } }, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => ({ records: await ctx.queues.records.list({ since: parseSince(request.query.since), limit: request.query.limit }) }));

  app.get<{ Params: { id: string } }>('/v1/records/:id', {
    config: { access: 'client' },
    schema: { tags: ['records'], summary: 'One stored record.', params: idParams, response: { 200: recordSchema, ...errorResponses(401, 403, 404) } },
  }, async (request) => {
    const record = await ctx.queues.records.get(request.params.id);
    if (!record) throw apiError('SITREP_ERR_NOT_FOUND', `no record ${request.params.id} (records are kept ${ctx.config.emit.recordTtlSeconds} s)`, 404, 'params.id');
    return record;
  });
};
