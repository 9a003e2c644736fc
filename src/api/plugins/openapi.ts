import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { errorResponseSchema } from '../api-error.js';
import { errorResponses, recordComponent } from '../schemas.js';

/**
 * The OpenAPI document is generated from the route schemas Fastify validates with, so it cannot
 * drift from the code; a test also checks that every route is in it and nothing else.
 * Registered on the root instance, before any route.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.addSchema(errorResponseSchema);
  app.addSchema(recordComponent);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'sitrep API',
        version,
        description: 'Submit news links and pasted articles, follow their jobs, read the records (also as Server-Sent Events), and manage dead letters and webhook subscribers.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A token from api.tokens. Roles: metrics < client < admin.' },
          basic: { type: 'http', scheme: 'basic', description: 'For browsers: any user name, the token as password.' },
        },
      },
      security: [{ bearer: [] }, { basic: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  app.get('/openapi.json', {
    config: { access: 'client', redis: false },
    schema: { tags: ['operations'], summary: 'This document.', response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses(401, 403) } },
  }, async () => app.swagger());
}
