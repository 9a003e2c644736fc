import { z } from 'zod';
import { sitrepRecordSchema } from '../record/record.js';

/** JSON Schemas shared by several routes; they are validated by Fastify and published in /openapi.json. */

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 300 } },
  additionalProperties: false,
} as const;

export const submitResultSchema = {
  type: 'object',
  required: ['jobId', 'unitId', 'url', 'duplicate'],
  properties: {
    jobId: { type: 'string', description: 'Follow it with GET /v1/jobs/{id}; it is also the id of the record.' },
    unitId: { type: 'string' },
    url: { type: ['string', 'null'], description: 'Canonical URL.' },
    duplicate: { type: 'boolean', description: 'The URL, or the same article (same content), was already submitted within queue.dedupeTtlSeconds: nothing new was queued.' },
  },
} as const;

/**
 * The full record (entities, casualties, summary, versions), generated from the zod schema the
 * TypeScript types come from; a named component (`SitrepRecord`) so generated clients get its types.
 */
const { $schema: _draft, ...recordJsonSchema } = z.toJSONSchema(sitrepRecordSchema, { io: 'output' });
export const recordComponent = { $id: 'SitrepRecord', ...recordJsonSchema };
export const recordSchema = { $ref: 'SitrepRecord#' } as const;

export const deadLetterSchema = {
  type: 'object',
  required: ['id', 'queue', 'stage', 'jobId', 'code', 'message', 'retryable', 'attemptsMade', 'failedAt'],
  properties: {
    id: { type: 'string' },
    queue: { type: 'string' },
    stage: { type: 'string' },
    jobId: { type: 'string' },
    jobName: { type: 'string' },
    unitId: { type: 'string' },
    runId: { type: 'string' },
    code: { type: 'string' },
    message: { type: 'string' },
    retryable: { type: 'boolean' },
    attemptsMade: { type: 'integer' },
    firstAttemptAt: { type: ['string', 'null'] },
    failedAt: { type: 'string' },
    data: { description: 'The original job data (only on GET /v1/dead-letters/{id}).' },
  },
} as const;

export const errorRef = { $ref: 'ApiError#' } as const;

/** The standard error answers of a route with the given access level. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorRef> {
  return Object.fromEntries(statuses.map((s) => [s, errorRef]));
}
