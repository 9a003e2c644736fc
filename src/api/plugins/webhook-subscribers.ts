import type { FastifyPluginAsync } from 'fastify';
import type { ApiContext } from '../api-context.js';
import { assertSubscriberAllowed } from '../../webhooks/check-subscriber-url.js';
import { apiError } from '../api-error.js';
import { errorResponses, idParams } from '../schemas.js';
import { webhookQueueName, type WebhookSubscriber } from '../../webhooks/subscriber-registry.js';

const secretPattern = '^whsec_[A-Za-z0-9+/]+={0,2}$';

const subscriberSchema = {
  type: 'object',
  required: ['id', 'url', 'source'],
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    source: { type: 'string', enum: ['config', 'api'] },
    createdAt: { type: ['string', 'null'] },
    secret: { type: 'string', description: 'Only in the answer to the POST that created the subscriber.' },
  },
} as const;

/** Secrets are shown once, at creation; lists never carry them. */
function withoutSecrets({ secret: _s, previousSecrets: _p, ...rest }: WebhookSubscriber) {
  return rest;
}

/** Webhook subscribers registered at run time (besides webhooks.subscribers in the config); admin only. */
export const webhookSubscribersPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  app.get('/v1/webhooks/subscribers', {
    config: { access: 'admin' },
    schema: {
      tags: ['webhooks'],
      summary: 'List webhook subscribers (secrets left out).',
      response: { 200: { type: 'object', required: ['subscribers'], properties: { subscribers: { type: 'array', items: subscriberSchema } } }, ...errorResponses(401, 403) },
    },
  }, async () => ({ subscribers: (await ctx.subscribers.list()).map(withoutSecrets) }));

  app.post<{ Body: { id: string; url: string; secret?: string; previousSecrets?: string[] } }>('/v1/webhooks/subscribers', {
    config: { access: 'admin' },
    schema: {
      tags: ['webhooks'],
      summary: 'Register a subscriber: every new record is POSTed to its URL, signed the Standard Webhooks way.',
      body: {
        type: 'object',
        required: ['id', 'url'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' },
          url: { type: 'string', pattern: '^https?://', maxLength: 2048 },
          secret: { type: 'string', pattern: secretPattern, description: 'Default: a generated whsec_ secret, returned once.' },
          previousSecrets: { type: 'array', maxItems: 5, items: { type: 'string', pattern: secretPattern }, description: 'Also signed with these while subscribers rotate.' },
        },
      },
      response: { 201: subscriberSchema, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    await assertSubscriberAllowed(request.body.url, ctx.config.fetch.allow);
    const subscriber = await ctx.subscribers.add(request.body);
    ctx.onQueueCreated(ctx.queues.queue(webhookQueueName(subscriber.id)));
    return reply.status(201).send({ ...withoutSecrets(subscriber), secret: subscriber.secret });
  });

  app.delete<{ Params: { id: string } }>('/v1/webhooks/subscribers/:id', {
    config: { access: 'admin' },
    schema: {
      tags: ['webhooks'],
      summary: 'Remove a subscriber registered over the API; its pending deliveries and their dead letters are dropped.',
      params: idParams,
      response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    if (!(await ctx.subscribers.remove(request.params.id))) throw apiError('SITREP_ERR_NOT_FOUND', `no webhook subscriber ${request.params.id}`, 404, 'params.id');
    // Its queue goes with it, so re-registering the same id later does not resurrect old deliveries.
    await ctx.queues.queue(webhookQueueName(request.params.id)).obliterate({ force: true });
    // Replayed, its dead letters would wait forever in a queue nobody serves.
    await ctx.queues.deadLetters.purgeAll({ stage: webhookQueueName(request.params.id) });
    return reply.status(204).send();
  });
};
