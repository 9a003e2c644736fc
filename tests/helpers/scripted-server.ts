import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';

/**
 * A real HTTP server on 127.0.0.1 (port 0, or another local address) whose answers a test scripts
 * per path. Routes can be replaced while it runs (`server.route(path, handler)`: "fix" a failing
 * server, then replay), and requests are counted per path (the count survives a replacement).
 * Unknown paths go to the fallback handler: 404 unless given.
 *
 *   const server = await startScriptedServer({ '/ok': html('<p>hi</p>'), '/flaky': failTimes(2, html('ok')) });
 *   await fetchPage(server.url('/ok'), …); server.requests('/flaky'); await server.close();
 */

export interface RouteContext {
  /** 1 for the first request to this path, 2 for the second, … */
  count: number;
  /** Base URL of the server, for absolute redirects. */
  baseUrl: string;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, context: RouteContext) => void | Promise<void>;

export interface ScriptedServer {
  /** "http://127.0.0.1:<port>" */
  baseUrl: string;
  port: number;
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  /** Sets or replaces the handler of a path (matched on the pathname, query ignored). */
  route(path: string, handler: RouteHandler): void;
  /** Requests received for a path so far. */
  requests(path: string): number;
  /** Requests received for all paths. */
  totalRequests(): number;
  /** TCP connections accepted so far (a refused-before-connect test expects 0). */
  connections(): number;
  close(): Promise<void>;
}

export interface ScriptedServerOptions {
  /** Address to listen on; default '127.0.0.1' ('::1' for an IPv6 loopback server). */
  host?: string;
  /** Answers paths without a route (many generated URLs: branch on req.url); default 404. */
  fallback?: RouteHandler;
}

export async function startScriptedServer(
  routes: Record<string, RouteHandler> = {},
  { host = '127.0.0.1', fallback = respond({ status: 404, body: 'not found' }) }: ScriptedServerOptions = {},
): Promise<ScriptedServer> {
  const handlers = new Map(Object.entries(routes));
  const counts = new Map<string, number>();
  let connections = 0;
  let baseUrl = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', baseUrl).pathname;
    const count = (counts.get(path) ?? 0) + 1;
    counts.set(path, count);
    const handler = handlers.get(path) ?? fallback;
    // A handler that throws drops the connection, as a crashing server would.
    Promise.resolve()
      .then(() => handler(req, res, { count, baseUrl }))
      .catch(() => res.destroy());
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    baseUrl,
    port,
    url: (path) => new URL(path, baseUrl).href,
    route: (path, handler) => void handlers.set(path, handler),
    requests: (path) => counts.get(path) ?? 0,
    totalRequests: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export interface ResponseSpec {
  /** Default 200. */
  status?: number;
  headers?: OutgoingHttpHeaders;
  /** Default empty. */
  body?: string | Uint8Array;
}

/** A fixed answer. Content-Length is set from the body unless given. */
export function respond({ status = 200, headers = {}, body = '' }: ResponseSpec): RouteHandler {
  return (_req, res) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, { 'content-length': bytes.length, ...headers });
    res.end(bytes);
  };
}

/** A UTF-8 HTML page (pass a fragment or a whole document). */
export function html(body: string, spec: Omit<ResponseSpec, 'body'> = {}): RouteHandler {
  return respond({ ...spec, headers: { 'content-type': 'text/html; charset=utf-8', ...spec.headers }, body });
}

/** A redirect to `location` (relative or absolute; a function gets the server's base URL). */
export function redirect(location: string | ((baseUrl: string) => string), status = 302): RouteHandler {
  return (req, res, context) => {
    const target = typeof location === 'function' ? location(context.baseUrl) : location;
    return respond({ status, headers: { location: target } })(req, res, context);
  };
}

/** `failures` answers from `failure` (default 503), then `success` for every later request. */
export function failTimes(failures: number, success: RouteHandler, failure: RouteHandler = respond({ status: 503, body: 'unavailable' })): RouteHandler {
  return (req, res, context) => (context.count <= failures ? failure : success)(req, res, context);
}

/** 429 with a Retry-After of seconds or an HTTP-date. */
export function rateLimited(retryAfter: number | Date): RouteHandler {
  const value = typeof retryAfter === 'number' ? String(retryAfter) : retryAfter.toUTCString();
  return respond({ status: 429, headers: { 'retry-after': value }, body: 'slow down' });
}

export interface TrickleSpec {
  /** Chunks sent one after another. */
  chunks: string[];
  /** Pause before each chunk after the first. */
  intervalMs: number;
  /** Default 'text/html; charset=utf-8'. */
  contentType?: string;
}

/** A body that arrives slowly: headers at once, then a chunk every `intervalMs`. */
export function trickle({ chunks, intervalMs, contentType = 'text/html; charset=utf-8' }: TrickleSpec): RouteHandler {
  return async (_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0) await sleep(intervalMs);
      if (res.destroyed) return;
      res.write(chunk);
    }
    res.end();
  };
}

/** No answer at all, until the client gives up or the server closes (headers timeout). */
export function hang(): RouteHandler {
  return () => undefined;
}

/** A body of `bytes` bytes of HTML, with or without Content-Length (chunked). */
export function oversize(bytes: number, { declareLength }: { declareLength: boolean }): RouteHandler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', ...(declareLength ? { 'content-length': bytes } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let left = bytes;
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        const part = chunk.subarray(0, Math.min(chunk.length, left));
        left -= part.length;
        if (!res.write(part)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}

export interface EncodedSpec {
  /** Charset named in Content-Type; default the real one; null for none (a lying header: name another). */
  headerCharset?: string | null;
  /** Default 'text/html'. */
  mediaType?: string;
}

/** `text` encoded in `charset` with iconv-lite (windows-1251, koi8-r, shift_jis, …). */
export function encoded(text: string, charset: string, { headerCharset = charset, mediaType = 'text/html' }: EncodedSpec = {}): RouteHandler {
  const contentType = headerCharset === null ? mediaType : `${mediaType}; charset=${headerCharset}`;
  return respond({ headers: { 'content-type': contentType }, body: iconv.encode(text, charset) });
}

/** A gzip-compressed UTF-8 HTML page. */
export function gzipped(body: string): RouteHandler {
  return respond({ headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }, body: gzipSync(body) });
}
