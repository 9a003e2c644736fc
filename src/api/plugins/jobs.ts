import type { FastifyPluginAsync } from 'fastify';
import type { ApiContext } from '../api-context.js';
import { apiError } from '../api-error.js';
import { errorResponses, idParams } from '../schemas.js';
import { STAGES } from '../../queues/job-data.js';

const unitSchema = {
  type: 'object',
  required: ['id', 'stage', 'state', 'attempts', 'url', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    stage: { type: 'string', enum: [...STAGES] },
    state: { type: 'string', enum: ['waiting', 'retrying', 'completed', 'dead'] },
    attempts: { type: 'integer' },
    error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
    recordId: { type: 'string', description: 'Set once the record is emitted: GET /v1/records/{id}.' },
    url: { type: ['string', 'null'] },
    updatedAt: { type: 'string' },
  },
} as const;

export const jobsPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  app.get<{ Params: { id: string } }>('/v1/jobs/:id', {
    config: { access: 'client' },
    schema: {
      tags: ['jobs'],
      summary: 'Where a submitted job stands: stage, state, attempts, error, and the record id once done.',
      params: idParams,
      response: { 200: unitSchema, ...errorResponses(401, 403, 404) },
    },
  }, async (request) => {
    const unit = await ctx.queues.getUnit(request.params.id);
    if (!unit) throw apiError('SITREP_ERR_NOT_FOUND', `no job ${request.params.id}`, 404, 'params.id');
    return unit;
  });
};
