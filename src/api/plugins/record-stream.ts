import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import type { ApiContext } from '../api-context.js';
import { errorResponses } from '../schemas.js';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
const BLOCK_MS = 15_000;
const BATCH = 100;
const STREAM_ID = /^\d+-\d+$/;

type XReadReply = Array<[string, Array<[string, string[]]>]> | null;

function field(fields: string[], name: string): string | undefined {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

/** The id of the newest entry, so a new reader starts after it with no gap ("$" would race). */
async function lastEntryId(redis: Redis, key: string): Promise<string> {
  const [last] = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
  return last?.[0] ?? '0-0';
}

/**
 * GET /v1/records/stream: Server-Sent Events over the record stream. Each event's id is the Redis
 * Stream entry id, so a client that reconnects with Last-Event-ID resumes exactly where it stopped
 * (within the stream's MAXLEN). One duplicated connection per client does the blocking XREAD.
 */
export const recordStreamPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const stop of open) stop();
  });

  app.get<{ Querystring: { lastEventId?: string } }>('/v1/records/stream', {
    config: { access: 'client' },
    schema: {
      tags: ['records'],
      summary: 'Server-Sent Events: one `record` event per new record; resumable with Last-Event-ID.',
      description: 'Event id = Redis Stream entry id; data = the record JSON. Send Last-Event-ID (header, or ?lastEventId= for clients that cannot set headers) to resume. Needs the redis-stream sink (default).',
      headers: { type: 'object', properties: { 'last-event-id': { type: 'string', pattern: STREAM_ID.source } } },
      querystring: { type: 'object', additionalProperties: false, properties: { lastEventId: { type: 'string', pattern: STREAM_ID.source } } },
      response: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    // Both forms were checked against STREAM_ID by the route schema.
    const resumeFrom = (request.headers['last-event-id'] as string | undefined) ?? request.query.lastEventId;
    const key = ctx.queues.streamKey;
    let cursor = resumeFrom ?? (await lastEntryId(ctx.connection, key));
    const reader = ctx.connection.duplicate();
    reader.on('error', () => {}); // its failures end the loop below
    let closed = false;
    const stop = () => {
      if (closed) return;
      closed = true;
      open.delete(stop);
      reader.disconnect();
      reply.raw.end();
    };
    open.add(stop);
    request.raw.on('close', stop);

    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    reply.raw.write('retry: 2000\n: connected\n\n');

    try {
      while (!closed) {
        const batch = (await reader.xread('COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', key, cursor)) as XReadReply;
        if (closed) break;
        if (!batch) {
          reply.raw.write(': keep-alive\n\n');
          continue;
        }
        for (const [id, fields] of batch[0][1]) {
          cursor = id;
          const record = field(fields, 'record');
          if (record) reply.raw.write(`id: ${id}\nevent: record\ndata: ${record}\n\n`);
        }
      }
    } catch (error) {
      if (!closed) request.log.warn({ err: (error as Error).message }, 'record stream ended');
    } finally {
      stop();
    }
  });
};
