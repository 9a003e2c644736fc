import type { FastifyPluginAsync } from 'fastify';
import { deadLettersByQueue } from '../../metrics/queue-collectors.js';
import type { SitrepRecord } from '../../record/record.js';
import type { ApiContext } from '../api-context.js';
import { errorResponses } from '../schemas.js';
import { STATUS_PAGE_HTML } from '../status-page/status-page-html.js';

const WINDOW_MINUTES = 15;
const LATEST_RECORDS = 10;
/** Dead letters are grouped by code from the newest this many (their codes live in the letters). */
const DEAD_LETTER_SAMPLE = 500;
/** Every open status page polls; viewers within this window share one computation. */
const CACHE_MS = 1000;

function recordSummary(r: SitrepRecord) {
  return {
    id: r.id,
    title: r.title,
    url: r.url,
    processedAt: r.processedAt,
    casualties: r.casualties.map((c) => ({ kind: c.kind, count: c.count, min: c.min, max: c.max, approximate: c.approximate, negated: c.negated })),
  };
}

const countMap = { type: 'object', additionalProperties: { type: 'integer' } } as const;

/** The people-facing status page at / and the JSON it is drawn from. */
export const statusPagePlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  const compute = async () => {
    const { queues: counts, deadLetters: total } = await ctx.queues.counts();
    const [byQueue, sample, throughput, latestIds] = await Promise.all([
      deadLettersByQueue(ctx.queues),
      ctx.queues.deadLetters.list({ limit: DEAD_LETTER_SAMPLE }),
      ctx.stats.window(WINDOW_MINUTES),
      ctx.connection.zrevrange(ctx.queues.keys.recordIndex, 0, LATEST_RECORDS - 1),
    ]);
    const byCode: Record<string, number> = {};
    for (const letter of sample) byCode[letter.code] = (byCode[letter.code] ?? 0) + 1;
    const records = await ctx.queues.records.getMany(latestIds);
    return {
      generatedAt: new Date().toISOString(),
      queues: counts,
      deadLetters: { total, byQueue, byCode, sampled: sample.length },
      throughput,
      records: records.map(recordSummary),
    };
  };
  let cached: { at: number; value: ReturnType<typeof compute> } | null = null;
  const status = () => {
    if (!cached || Date.now() - cached.at > CACHE_MS) {
      const value = compute();
      cached = { at: Date.now(), value };
      value.catch(() => (cached = null)); // a failure is not served from the cache
    }
    return cached.value;
  };

  app.get('/', {
    config: { access: 'client', redis: false },
    schema: {
      tags: ['status'],
      summary: 'Status page for people: throughput, failures, queue depth, dead letters and the latest records, live.',
      response: { 200: { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }, ...errorResponses(401, 403) },
    },
  }, async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(STATUS_PAGE_HTML));

  app.get('/v1/status', {
    config: { access: 'client' },
    schema: {
      tags: ['status'],
      summary: 'Everything the status page shows, as JSON.',
      response: {
        200: {
          type: 'object',
          required: ['generatedAt', 'queues', 'deadLetters', 'throughput', 'records', 'viewer'],
          properties: {
            generatedAt: { type: 'string' },
            queues: { type: 'object', additionalProperties: countMap, description: 'Jobs per queue and state.' },
            deadLetters: {
              type: 'object',
              properties: { total: { type: 'integer' }, byQueue: countMap, byCode: countMap, sampled: { type: 'integer', description: 'How many of the newest letters byCode was counted over.' } },
            },
            throughput: {
              type: 'object',
              description: 'Per stage: per-minute outcomes of the last minutes (completed, failed for good, retried); outcomes of the last 10 s, 60 s and 5 min (recent); p50/p95 of attempt duration, queue wait and submit-to-record latency in ms (timings, bucket upper bounds).',
              properties: {
                minutes: { type: 'array', items: { type: 'integer' } },
                stages: { type: 'object', additionalProperties: true },
                recent: { type: 'object', additionalProperties: true },
                timings: { type: 'object', additionalProperties: true },
              },
            },
            records: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'The latest records with their casualty figures.' },
            viewer: { type: 'object', properties: { admin: { type: 'boolean', description: 'The viewer may open the queues dashboard and replay dead letters.' } } },
          },
        },
        ...errorResponses(401, 403),
      },
    },
  }, async (request) => ({ ...(await status()), viewer: { admin: request.role === 'admin' } }));
};
