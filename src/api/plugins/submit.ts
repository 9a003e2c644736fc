import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { toSitrepError } from '../../errors/sitrep-error.js';
import { canonicalizeUrl } from '../../pipeline/discover/canonicalize-url.js';
import { runIdFor } from '../../queues/sitrep-queues.js';
import type { ApiContext } from '../api-context.js';
import { apiError } from '../api-error.js';
import { IdempotencyStore } from '../idempotency.js';
import { errorResponses, submitResultSchema } from '../schemas.js';

const httpUrl = { type: 'string', minLength: 1, maxLength: 4096 } as const;
const metadataSchema = {
  type: 'object',
  description: 'Operator labels carried with the job (at most 32).',
  maxProperties: 32,
  additionalProperties: { type: 'string', maxLength: 1000 },
} as const;
const priority = { type: 'integer', minimum: 1, maximum: 2097152, description: '1 is the highest; default FIFO.' } as const;
const idempotencyHeaders = {
  type: 'object',
  properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 255, description: 'Repeat the request safely: the first answer is replayed.' } },
} as const;

interface UrlsBody {
  urls: string[];
  priority?: number;
  metadata?: Record<string, string>;
  refresh?: boolean;
}

interface ArticleJson {
  content: string;
  contentType?: string;
  url?: string;
  name?: string;
  priority?: number;
  metadata?: Record<string, string>;
}

interface ArticleQuery {
  url?: string;
  name?: string;
}

const TEXT_TYPES = ['text/plain', 'text/html', 'text/markdown'] as const;

/** Rejects the whole request, naming the first bad URL, before anything is queued. */
function checkUrl(url: string, field: string): void {
  try {
    canonicalizeUrl(url);
  } catch (error) {
    const coded = toSitrepError(error);
    throw apiError(coded.code, coded.message, 400, field);
  }
}

/** POST /v1/urls and /v1/articles: validated, idempotent submissions answering 202 with job ids. */
export const submitPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  const idempotency = new IdempotencyStore(ctx.connection, ctx.config.queue.prefix, ctx.config.api.idempotencyTtlSeconds);
  // Raw article bodies: HTML and Markdown arrive as strings (text/plain is refused: see build-app).
  app.addContentTypeParser(['text/html', 'text/markdown'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const submission = { access: 'client', rateLimit: { max: ctx.config.api.submitRateLimit, timeWindow: 60_000 } } as const;

  /** With an Idempotency-Key the submission is one run whatever happens to a request: a repeat adds only what is missing. */
  async function respond<T>(request: FastifyRequest, reply: FastifyReply, run: (options: { runId?: string }) => Promise<T>): Promise<FastifyReply> {
    const key = request.headers['idempotency-key'];
    const scope = `${request.routeOptions.url}\n${request.headers.authorization ?? ''}`;
    const result = typeof key === 'string'
      ? await idempotency.run(scope, key, { body: request.body, query: request.query }, async () => ({ statusCode: 202, body: await run({ runId: runIdFor(`${scope}\n${key}`) }) }))
      : { statusCode: 202, body: await run({}), replayed: false };
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(result.statusCode).send(result.body);
  }

  app.post<{ Body: UrlsBody }>('/v1/urls', {
    config: submission,
    schema: {
      tags: ['submit'],
      summary: 'Submit one or many URLs.',
      description: 'Each URL becomes a job whose id derives from its canonical URL: submitting it again is idempotent.',
      headers: idempotencyHeaders,
      body: {
        type: 'object',
        required: ['urls'],
        additionalProperties: false,
        properties: {
          urls: { type: 'array', minItems: 1, maxItems: 1000, items: httpUrl, description: 'Absolute http(s) URLs (a single string is accepted too).' },
          priority,
          metadata: metadataSchema,
          refresh: { type: 'boolean', description: 'Fetch again even if submitted recently, with If-None-Match / If-Modified-Since; a changed text makes a new record version (record.updated). Default false.' },
        },
      },
      response: {
        202: { type: 'object', required: ['jobs'], properties: { jobs: { type: 'array', items: submitResultSchema } } },
        ...errorResponses(400, 401, 403, 409, 413, 422, 429),
      },
    },
  }, async (request, reply) => {
    const { urls, priority: p, metadata, refresh } = request.body;
    urls.forEach((url, i) => checkUrl(url, `body.urls.${i}`));
    return respond(request, reply, async (run) => ({ jobs: await ctx.queues.submitUrls(urls, { priority: p, metadata, refresh, ...run }) }));
  });

  const articleJson = {
    type: 'object',
    required: ['content'],
    additionalProperties: false,
    properties: {
      content: { type: 'string', minLength: 1, description: 'Plain text, Markdown or HTML.' },
      contentType: { type: 'string', enum: [...TEXT_TYPES], description: 'Sniffed when absent.' },
      url: { ...httpUrl, description: "The article's own URL, when known." },
      name: { type: 'string', maxLength: 300, description: 'Where it came from, for logs and dead letters.' },
      priority,
      metadata: metadataSchema,
    },
  } as const;
  const rawText = { type: 'string', minLength: 1 } as const;

  app.post<{ Body: ArticleJson | string; Querystring: ArticleQuery }>('/v1/articles', {
    config: submission,
    schema: {
      tags: ['submit'],
      summary: 'Submit a pasted article (text, Markdown or HTML).',
      description: 'JSON, or the raw article as text/markdown or text/html with ?url= and ?name= (text/plain bodies are refused: web forms can send them). The same content again within queue.dedupeTtlSeconds answers duplicate: true and queues nothing; changed text under the same URL is queued (a refetch-style new version).',
      headers: idempotencyHeaders,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { url: { ...httpUrl, description: "Raw bodies only: the article's own URL." }, name: { type: 'string', maxLength: 300 } },
      },
      body: {
        content: {
          'application/json': { schema: articleJson },
          'text/markdown': { schema: rawText },
          'text/html': { schema: rawText },
        },
      },
      response: { 202: submitResultSchema, ...errorResponses(400, 401, 403, 409, 413, 415, 422, 429) },
    },
  }, async (request, reply) => {
    const body = request.body;
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const { priority: p, metadata, ...article } = typeof body === 'string'
      ? { content: body, contentType: mediaType, url: request.query.url, name: request.query.name, priority: undefined, metadata: undefined }
      : body;
    if (article.url) checkUrl(article.url, typeof body === 'string' ? 'querystring.url' : 'body.url');
    return respond(request, reply, (run) => ctx.queues.submitArticle(article, { priority: p, metadata, ...run }));
  });
};
