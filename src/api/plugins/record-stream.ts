import type { FastifyPluginAsync } from 'fastify';
import type { ApiContext } from '../api-context.js';
import { apiError } from '../api-error.js';
import { compareStreamIds, RecordStreamHub, toEntries, type HubListener, type StreamEntry, type StreamRows } from '../record-stream-hub.js';
import { errorResponses } from '../schemas.js';

const BATCH = 100;
const STREAM_ID = /^\d+-\d+$/;
/** A client this far behind (unsent bytes) is cut off rather than buffered without bound; it resumes with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * GET /v1/records/stream: Server-Sent Events over the record stream. Each event's id is the Redis
 * Stream entry id, so a client that reconnects with Last-Event-ID resumes exactly where it stopped
 * (within the stream's MAXLEN). One reader per process (RecordStreamHub) feeds every client; a
 * resuming client reads its gap with XRANGE first. Each token may hold api.maxStreamsPerToken.
 */
export const recordStreamPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  const key = ctx.queues.streamKey;
  const hub = new RecordStreamHub(ctx.connection, key);
  const held = new Map<string, number>();
  app.addHook('preClose', async () => hub.close());

  app.get<{ Querystring: { lastEventId?: string } }>('/v1/records/stream', {
    config: { access: 'client' },
    schema: {
      tags: ['records'],
      summary: 'Server-Sent Events: one `record` event per new record; resumable with Last-Event-ID.',
      description: 'Event id = Redis Stream entry id; data = the record JSON. Send Last-Event-ID (header, or ?lastEventId= for clients that cannot set headers) to resume. Needs the redis-stream sink (default).',
      headers: { type: 'object', properties: { 'last-event-id': { type: 'string', pattern: STREAM_ID.source } } },
      querystring: { type: 'object', additionalProperties: false, properties: { lastEventId: { type: 'string', pattern: STREAM_ID.source } } },
      response: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errorResponses(400, 401, 403, 429) },
    },
  }, async (request, reply) => {
    // Both forms were checked against STREAM_ID by the route schema.
    const resumeFrom = (request.headers['last-event-id'] as string | undefined) ?? request.query.lastEventId;
    const token = request.tokenId ?? request.ip;
    const open = held.get(token) ?? 0;
    if (open >= ctx.config.api.maxStreamsPerToken) {
      reply.header('retry-after', '10');
      throw apiError('SITREP_ERR_API_RATE_LIMITED', `this token already holds ${open} event streams (api.maxStreamsPerToken); close one first`, 429);
    }
    held.set(token, open + 1);

    let closed = false;
    /** Id of the last event written; nothing at or before it is written again. */
    let sent: string | null = resumeFrom ?? null;
    /** Live entries held back while a resuming client's gap is read. */
    let pending: StreamEntry[] | null = resumeFrom ? [] : null;
    const write = (entries: readonly StreamEntry[]) => {
      for (const { id, record } of entries) {
        if (sent !== null && compareStreamIds(id, sent) <= 0) continue;
        reply.raw.write(`id: ${id}\nevent: record\ndata: ${record}\n\n`);
        sent = id;
      }
      if (reply.raw.writableLength > MAX_BUFFERED_BYTES) stop();
    };
    const listener: HubListener = {
      deliver: (entries) => (pending ? pending.push(...entries) : write(entries)),
      keepAlive: () => reply.raw.write(': keep-alive\n\n'),
      end: () => stop(),
    };
    const stop = () => {
      if (closed) return;
      closed = true;
      const left = (held.get(token) ?? 1) - 1;
      if (left > 0) held.set(token, left);
      else held.delete(token);
      hub.unsubscribe(listener);
      reply.raw.end();
    };
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
      const live = await hub.subscribe(listener);
      if (closed) return hub.unsubscribe(listener);
      sent ??= live;
      // The gap between the client's last event and where the hub is live: read in pages, then the held entries.
      for (let from = resumeFrom; from !== undefined && !closed; ) {
        const rows = (await ctx.connection.xrangeBuffer(key, `(${from}`, live, 'COUNT', BATCH)) as StreamRows;
        if (!closed) write(toEntries(rows));
        from = rows.length === BATCH ? rows[rows.length - 1][0].toString() : undefined;
      }
      const waiting = pending ?? [];
      pending = null;
      if (!closed) write(waiting);
    } catch (error) {
      request.log.warn({ err: (error as Error).message }, 'record stream ended');
      stop();
    }
  });
};
