import type { FastifyPluginAsync } from 'fastify';
import type { RecordPosition } from '../../queues/record-store.js';
import type { ApiContext } from '../api-context.js';
import { apiError } from '../api-error.js';
import { errorResponses, idParams, recordSchema } from '../schemas.js';

interface ListQuery {
  since?: string;
  cursor?: string;
  limit?: number;
}

/** Opaque to clients: the index position of the last record a page listed. */
function encodeCursor(position: RecordPosition): string {
  return Buffer.from(`${position.at}:${position.id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): RecordPosition | undefined {
  if (cursor === undefined) return undefined;
  const match = /^(\d+):(.+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw apiError('SITREP_ERR_INVALID_INPUT', 'cursor is not one this API gave (use nextCursor from a previous page)', 400, 'querystring.cursor');
  return { at: Number(match[1]), id: match[2] };
}

/** Records are stored JSON written by sitrep itself: sent as they are, not re-serialized through the schema. */
const asJson = () => (data: unknown) => JSON.stringify(data);

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
    serializerCompiler: asJson,
    schema: {
      tags: ['records'],
      summary: 'Stored records, oldest first (by processedAt, then id), a page at a time.',
      description: 'Page through with cursor = the nextCursor of the previous page: no record is listed twice or skipped, even among records of the same millisecond. Poll with the last nextCursor for newer ones. Records are kept emit.recordTtlSeconds (default 7 days).',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          since: { type: 'string', description: 'Start at records processed at or after this ISO 8601 date-time or epoch ms. Default: the start of the retention window.' },
          cursor: { type: 'string', maxLength: 500, description: 'Continue after the page that returned it (nextCursor); wins over since.' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
        },
      },
      response: {
        200: {
          type: 'object',
          required: ['records', 'nextCursor', 'more'],
          properties: {
            records: { type: 'array', items: recordSchema },
            nextCursor: { type: ['string', 'null'], description: 'Where the next page starts; null only when nothing was listed and no cursor given.' },
            more: { type: 'boolean', description: 'Records beyond this page exist now.' },
          },
        },
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (request) => {
    const page = await ctx.queues.records.page({ since: parseSince(request.query.since), after: decodeCursor(request.query.cursor), limit: request.query.limit });
    return { records: page.records, nextCursor: page.next ? encodeCursor(page.next) : null, more: page.more };
  });

  app.get<{ Params: { id: string } }>('/v1/records/:id', {
    config: { access: 'client' },
    serializerCompiler: asJson,
    schema: { tags: ['records'], summary: 'One stored record.', params: idParams, response: { 200: recordSchema, ...errorResponses(401, 403, 404) } },
  }, async (request) => {
    const record = await ctx.queues.records.get(request.params.id);
    if (!record) throw apiError('SITREP_ERR_NOT_FOUND', `no record ${request.params.id} (records are kept ${ctx.config.emit.recordTtlSeconds} s)`, 404, 'params.id');
    return record;
  });
};
