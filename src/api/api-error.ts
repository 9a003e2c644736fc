import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../errors/error-codes.js';
import { SitrepError, toSitrepError } from '../errors/sitrep-error.js';

/** The one error body of the API: `{ error: { code, message, field? } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export const errorResponseSchema = {
  $id: 'ApiError',
  type: 'object',
  description: 'Every 4xx/5xx answer has this body.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'A SITREP_ERR_* code (see the README error table).', examples: ['SITREP_ERR_INVALID_INPUT'] },
        message: { type: 'string' },
        field: { type: 'string', description: 'The offending input, e.g. body.urls.0.' },
      },
    },
  },
} as const;

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  SITREP_ERR_INVALID_INPUT: 400,
  SITREP_ERR_INVALID_URL: 400,
  SITREP_ERR_AUTH: 401,
  SITREP_ERR_NOT_FOUND: 404,
  SITREP_ERR_CROSS_SITE: 403,
  SITREP_ERR_API_RATE_LIMITED: 429,
  SITREP_ERR_REDIS_UNAVAILABLE: 503,
};

/** A coded API error with its HTTP status and, for input errors, the field at fault. */
export function apiError(code: ErrorCode, message: string, status: number, field?: string): SitrepError {
  return new SitrepError(code, message, { details: { status, ...(field ? { field } : {}) } });
}

function validationField(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const path = first.instancePath.split('/').filter(Boolean);
  const missing = (first.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ?? (first.params as { additionalProperty?: string }).additionalProperty;
  return [error.validationContext, ...path, ...(missing ? [missing] : [])].filter(Boolean).join('.');
}

function toBody(error: unknown): { status: number; body: ApiErrorBody } {
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const field = validationField(fastifyError);
    return { status: 400, body: { error: { code: 'SITREP_ERR_INVALID_INPUT', message: fastifyError.message, ...(field ? { field } : {}) } } };
  }
  // Fastify's own 4xx (body too large, bad JSON, unsupported media type) keep their status.
  if (!(error instanceof SitrepError) && typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, body: { error: { code: 'SITREP_ERR_INVALID_INPUT', message: fastifyError.message } } };
  }
  const coded = toSitrepError(error);
  const details = coded.details as { status?: number; field?: string } | undefined;
  const status = details?.status ?? STATUS_BY_CODE[coded.code] ?? 500;
  const message = status >= 500 && coded.code === 'SITREP_ERR_INTERNAL' ? 'internal error' : coded.message;
  return { status, body: { error: { code: coded.code, message, ...(details?.field ? { field: details.field } : {}) } } };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = toBody(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.status(status).send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.status(404).send({ error: { code: 'SITREP_ERR_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } } satisfies ApiErrorBody);
}
