import { isIP, type LookupFunction } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';
import { SitrepError } from '../../errors/sitrep-error.js';
import { classifyFetchError, classifyStatus } from './classify-fetch-error.js';
import { decodeBody } from './decode-body.js';
import type { FetchPageOptions } from './fetch-options.js';
import { cachedLookup } from './cached-lookup.js';
import { createSsrfGuard, type SsrfGuard } from './ssrf-guard.js';

export interface FetchedPage {
  /** The URL asked for. */
  url: string;
  /** The URL that finally answered, after redirects. */
  finalUrl: string;
  status: number;
  /** Media type without parameters, lower-case ("text/html"). */
  contentType: string;
  /** The charset the body was decoded with (WHATWG name: "utf-8", "windows-1251", …). Decoded on first read. */
  readonly charset: string;
  /** The decoded text. Decoded on first read: the fetch worker sends `raw` to a CPU thread instead. */
  readonly body: string;
  /** The body's bytes (decompressed) and the Content-Type header they are decoded against. */
  raw: RawBody;
  /** ISO 8601 time the body was received. */
  fetchedAt: string;
  /** Every redirect target followed, in order; the last one is `finalUrl`. Empty without redirects. */
  redirects: string[];
  /** Validators for a later conditional request (RFC 9110 §8.8): the ETag and Last-Modified headers, or null. */
  etag: string | null;
  lastModified: string | null;
}

/** Undecoded body: bytes copy to a thread at a third of the cost of the UTF-16 string decoding makes of most pages. */
export interface RawBody {
  bytes: Uint8Array;
  contentTypeHeader: string | undefined;
}

/** A page whose body and charset are decoded from `raw` when first read, once. */
function withRawBody(page: Omit<FetchedPage, 'body' | 'charset' | 'raw'>, raw: RawBody): FetchedPage {
  let decoded: { text: string; charset: string } | undefined;
  const decode = () => (decoded ??= decodeBody(raw.bytes, raw.contentTypeHeader));
  return {
    ...page,
    raw,
    get body() {
      return decode().text;
    },
    get charset() {
      return decode().charset;
    },
  };
}

/**
 * Validators of an earlier fetch: sent as If-None-Match / If-Modified-Since. A server that answers
 * 304 Not Modified yields a page with `status: 304` and an empty body (only when these were sent).
 */
export interface ConditionalRequest {
  etag?: string | null;
  lastModified?: string | null;
}

/** Per-fetch callbacks. */
export interface FetchHooks {
  /**
   * Called as each request (each hop of a redirect chain) is written to its socket, in the same
   * tick: the moment the site's clock starts, give or take the wire (politeness counts from it).
   */
  onRequestSent?(target: URL): void;
  /** Awaited before each redirect hop is requested (after the SSRF guard passed it): politeness waits for its host here. */
  beforeRedirect?(target: URL): Promise<void>;
  /**
   * Awaited once a 2xx response's headers passed every check, before its body is read (the body
   * waits in the socket meanwhile): the caller's backpressure on bodies held in memory.
   */
  beforeBody?(): Promise<void>;
}

export interface FetchPageDeps {
  /** Name resolution (default dns.lookup, through cachedLookup); the SSRF guard checks whatever it answers. */
  lookup?: LookupFunction;
}

const SUPPORTED_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain', 'text/markdown', 'text/x-markdown']);
const REQUEST_HEADERS = {
  accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,text/markdown;q=0.8,*/*;q=0.1',
  'accept-language': 'en;q=1.0,*;q=0.5',
  'accept-encoding': 'gzip, deflate, br',
};
const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};
/** A redirect or error body is read up to this much so the connection can be reused, else dropped. */
const DISCARD_LIMIT = 64 * 1024;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseHttpUrl(text: string): URL | undefined {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : undefined;
}

function requestUrl(text: string): URL {
  const url = parseHttpUrl(text);
  if (!url) throw new SitrepError('SITREP_ERR_INVALID_URL', `not an absolute http(s) URL: ${text.slice(0, 200)}`);
  return url;
}

function redirectTarget(location: string | undefined, from: URL): URL {
  if (!location) throw new SitrepError('SITREP_ERR_BAD_REDIRECT', `redirect without Location from ${from.href}`, { details: { host: from.hostname } });
  const target = URL.canParse(location, from.href) ? new URL(location, from) : undefined;
  if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
    throw new SitrepError('SITREP_ERR_BAD_REDIRECT', `unusable redirect Location from ${from.href}: ${location.slice(0, 200)}`, { details: { host: from.hostname } });
  }
  // A Location may carry credentials (`http://user:pass@…`): never sent, never kept in finalUrl.
  target.hash = '';
  target.username = '';
  target.password = '';
  return target;
}

/** Content codings in the order to undo them (they are listed in the order applied). */
function contentCodings(contentEncoding: string | undefined): string[] {
  return (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding && coding !== 'identity')
    .reverse();
}

function tooLarge(url: URL, maxBytes: number, seen: string): SitrepError {
  return new SitrepError('SITREP_ERR_BODY_TOO_LARGE', `body too large: ${url.href} ${seen}, limit ${maxBytes} bytes`, { details: { host: url.hostname, maxBodyBytes: maxBytes } });
}

/** Reads the body, decompressed, and stops the transfer as soon as either side passes `maxBytes`. */
async function readBody(body: Readable, codings: string[], url: URL, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let raw = 0;
  let decoded = 0;
  const countRaw = async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      raw += chunk.length;
      if (raw > maxBytes) throw tooLarge(url, maxBytes, `sent more than ${maxBytes} bytes`);
      yield chunk;
    }
  };
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      decoded += chunk.length;
      if (decoded > maxBytes) throw tooLarge(url, maxBytes, `decompresses to more than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  };
  // A variable number of decompressors defeats pipeline's overloads; the stages are typed above.
  const run = pipeline as (...stages: unknown[]) => Promise<void>;
  await run(body, countRaw, ...codings.map((coding) => DECODERS[coding]()), collect);
  return Buffer.concat(chunks, decoded);
}

/** Stops a transfer we do not want; undici reports the abort as an error event nobody needs. */
function abandon(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

function looksLikeHtml(text: string): boolean {
  return /^\s*<(?:!doctype\s+html|html|head|body|meta|title|!--)/i.test(text);
}

/**
 * Fetches one page: undici with connect/headers/body timeouts, redirects followed by hand so each
 * hop passes the SSRF guard, a byte cap on the streamed body, and charset decoding. Throws a
 * SitrepError whose code says whether a retry can help.
 */
function conditionalHeaders(conditional: ConditionalRequest | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (conditional?.etag) headers['if-none-match'] = conditional.etag;
  if (conditional?.lastModified) headers['if-modified-since'] = conditional.lastModified;
  return headers;
}

/**
 * The pool, seen through an interceptor that calls `sent` when undici starts writing a request:
 * undici calls a handler's onRequestStart right before the request's headers go to the socket.
 */
function notifyingSend(agent: Agent, sent: () => void): Dispatcher {
  return agent.compose((dispatch) => (opts, handler) =>
    dispatch(opts, {
      onRequestStart: (controller, context) => {
        sent();
        handler.onRequestStart?.(controller, context);
      },
      onRequestUpgrade: (...args) => handler.onRequestUpgrade?.(...args),
      onResponseStart: (...args) => handler.onResponseStart?.(...args),
      onResponseData: (...args) => handler.onResponseData?.(...args),
      onResponseEnd: (...args) => handler.onResponseEnd?.(...args),
      onResponseError: (...args) => handler.onResponseError?.(...args),
    }),
  );
}

async function fetchWith(url: string, options: FetchPageOptions, guard: SsrfGuard, agent: Agent, conditional?: ConditionalRequest, hooks: FetchHooks = {}): Promise<FetchedPage> {
  let current = requestUrl(url);
  // Neither is sent; dropping them keeps finalUrl, loop detection and error messages free of fragments and secrets.
  current.hash = '';
  current.username = '';
  current.password = '';
  const deadline = AbortSignal.timeout(options.totalTimeoutMs);
  // The deadline aborts whatever is in flight; report it as the timeout it is, not as the abort it causes.
  const failure = (error: unknown, target: URL) =>
    deadline.aborted
      ? new SitrepError('SITREP_ERR_TIMEOUT', `total timeout: no complete answer within ${options.totalTimeoutMs} ms from ${target.href}`, { details: { host: target.hostname } })
      : classifyFetchError(error, target);
  const redirects: string[] = [];
  const visited = new Set([current.href]);
  for (;;) {
    const target: URL = current;
    guard.assertUrlAllowed(target);
    if (redirects.length > 0) await hooks.beforeRedirect?.(target);
    const { onRequestSent } = hooks;
    const response = await request(target, {
      dispatcher: onRequestSent ? notifyingSend(agent, () => onRequestSent(target)) : agent,
      signal: deadline,
      method: 'GET',
      headers: { ...REQUEST_HEADERS, 'user-agent': options.userAgent, ...conditionalHeaders(conditional) },
    }).catch((error: unknown) => {
      throw failure(error, target);
    });
    const { statusCode: status, headers, body } = response;
    const validators = { etag: header(headers, 'etag') ?? null, lastModified: header(headers, 'last-modified') ?? null };

    if (status === 304 && (conditional?.etag || conditional?.lastModified)) {
      await body.dump({ limit: DISCARD_LIMIT }).catch(() => undefined);
      // A 304 may omit validators it did not change (RFC 9110 §15.4.5): keep the ones we sent.
      return {
        url, finalUrl: target.href, status, contentType: '', charset: '', body: '', raw: { bytes: new Uint8Array(0), contentTypeHeader: undefined }, fetchedAt: new Date().toISOString(), redirects,
        etag: validators.etag ?? conditional.etag ?? null,
        lastModified: validators.lastModified ?? conditional.lastModified ?? null,
      };
    }
    if (status >= 300 && status < 400) {
      await body.dump({ limit: DISCARD_LIMIT }).catch(() => undefined);
      const next = redirectTarget(header(headers, 'location'), target);
      if (visited.has(next.href)) {
        throw new SitrepError('SITREP_ERR_TOO_MANY_REDIRECTS', `redirect loop: ${target.href} → ${next.href}`, { details: { host: target.hostname } });
      }
      if (redirects.length >= options.maxRedirects) {
        throw new SitrepError('SITREP_ERR_TOO_MANY_REDIRECTS', `more than ${options.maxRedirects} redirects from ${url}`, { details: { host: target.hostname } });
      }
      redirects.push(next.href);
      visited.add(next.href);
      current = next;
      continue;
    }
    if (status < 200 || status >= 300) {
      await body.dump({ limit: DISCARD_LIMIT }).catch(() => undefined);
      throw classifyStatus(status, target, header(headers, 'retry-after'));
    }

    const contentTypeHeader = header(headers, 'content-type');
    const essence = contentTypeHeader?.split(';')[0].trim().toLowerCase();
    if (essence && !SUPPORTED_TYPES.has(essence)) {
      abandon(body);
      throw new SitrepError('SITREP_ERR_UNSUPPORTED_CONTENT_TYPE', `unsupported content type ${essence} from ${target.href}`, {
        details: { host: target.hostname, status, contentType: essence },
      });
    }
    const declaredLength = Number(header(headers, 'content-length'));
    if (declaredLength > options.maxBodyBytes) {
      abandon(body);
      throw tooLarge(target, options.maxBodyBytes, `declares ${declaredLength} bytes`);
    }

    const codings = contentCodings(header(headers, 'content-encoding'));
    const unknownCoding = codings.find((coding) => !Object.hasOwn(DECODERS, coding));
    if (unknownCoding) {
      abandon(body);
      throw new SitrepError('SITREP_ERR_UNSUPPORTED_CONTENT_TYPE', `unsupported content encoding ${unknownCoding} from ${target.href}`, { details: { host: target.hostname, status } });
    }

    await hooks.beforeBody?.();
    const bytes = await readBody(body, codings, target, options.maxBodyBytes).catch((error: unknown) => {
      throw failure(error, target);
    });
    const page = withRawBody({ url, finalUrl: target.href, status, contentType: essence ?? '', fetchedAt: new Date().toISOString(), redirects, ...validators }, { bytes, contentTypeHeader });
    if (essence) return page;
    // Without a Content-Type, accept what is recognisably HTML or text; binary is refused.
    const text = page.body;
    const contentType = looksLikeHtml(text) ? 'text/html' : text.includes('\0') ? undefined : 'text/plain';
    if (!contentType) {
      throw new SitrepError('SITREP_ERR_UNSUPPORTED_CONTENT_TYPE', `binary body without a content type from ${target.href}`, { details: { host: target.hostname, status } });
    }
    return Object.assign(page, { contentType });
  }
}

/** Many fetches through one SSRF-guarded connection pool: keep-alive across the pages of a host. */
export interface PageFetcher {
  /** `conditional`: validators of an earlier fetch; a 304 then comes back as a page with status 304. */
  fetch(url: string, conditional?: ConditionalRequest, hooks?: FetchHooks): Promise<FetchedPage>;
  /**
   * Resolves the URL's host through the SSRF guard without connecting: throws what the fetch would
   * (SITREP_ERR_HOST_NOT_FOUND, SITREP_ERR_BLOCKED_ADDRESS, …). The answer is kept for the fetch's connect.
   */
  resolve(url: string): Promise<void>;
  close(): Promise<void>;
}

async function resolveWith(url: string, guard: SsrfGuard): Promise<void> {
  const target = requestUrl(url);
  guard.assertUrlAllowed(target);
  // A literal address (IPv6 ones in brackets) has nothing to look up.
  if (isIP(target.hostname) || target.hostname.startsWith('[')) return;
  await new Promise<void>((resolve, reject) => guard.lookup(target.hostname, { all: true }, (error) => (error ? reject(classifyFetchError(error, target)) : resolve())));
}

export function createPageFetcher(options: FetchPageOptions, deps: FetchPageDeps = {}): PageFetcher {
  const guard = createSsrfGuard(options.allow, cachedLookup(deps.lookup));
  // The connect-time lookup is the guard: every socket this pool opens is checked on the address it uses.
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs, lookup: guard.lookup },
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
  });
  return {
    fetch: (url, conditional, hooks) => fetchWith(url, options, guard, agent, conditional, hooks),
    resolve: (url) => resolveWith(url, guard),
    close: () => agent.close(),
  };
}

/** One fetch with a pool of its own, closed afterwards (the library call; workers keep a PageFetcher). */
export async function fetchPage(url: string, options: FetchPageOptions, deps: FetchPageDeps = {}): Promise<FetchedPage> {
  const fetcher = createPageFetcher(options, deps);
  try {
    return await fetcher.fetch(url);
  } finally {
    await fetcher.close();
  }
}
