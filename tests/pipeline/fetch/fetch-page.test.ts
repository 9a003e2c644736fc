import type { LookupFunction } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SitrepError } from '../../../src/errors/sitrep-error.js';
import { decodeBody } from '../../../src/pipeline/fetch/decode-body.js';
import { createPageFetcher, fetchPage } from '../../../src/pipeline/fetch/fetch-page.js';
import type { FetchPageOptions } from '../../../src/pipeline/fetch/fetch-options.js';
import {
  encoded,
  failTimes,
  gzipped,
  hang,
  html,
  oversize,
  rateLimited,
  redirect,
  respond,
  startScriptedServer,
  trickle,
  type ScriptedServer,
} from '../../helpers/scripted-server.js';

const options: FetchPageOptions = {
  connectTimeoutMs: 2000,
  headersTimeoutMs: 2000,
  bodyTimeoutMs: 2000,
  totalTimeoutMs: 10_000,
  maxBodyBytes: 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'sitrep-test/1.0',
  allow: ['127.0.0.1'],
};
const guarded: FetchPageOptions = { ...options, allow: [] };

const RUSSIAN = 'Губернатор области сообщил, что в результате обстрела пострадали три человека.';

/** The SitrepError a promise rejects with (fails the test when it resolves or throws something else). */
async function failure(promise: Promise<unknown>): Promise<SitrepError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SitrepError);
  return error as SitrepError;
}

/** A resolver that answers from a table (DNS injection, not HTTP mocking); unknown names are ENOTFOUND. */
function fakeDns(table: Record<string, string[]>): LookupFunction {
  return ((hostname, lookupOptions, callback) => {
    const addresses = table[hostname];
    if (!addresses) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
      return process.nextTick(() => callback(error, '', 0));
    }
    const entries = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    process.nextTick(() => (lookupOptions.all ? callback(null, entries) : callback(null, entries[0].address, entries[0].family)));
  }) as LookupFunction;
}

let server: ScriptedServer;
let seenHeaders: Record<string, string | string[] | undefined> = {};

beforeAll(async () => {
  server = await startScriptedServer({
    '/ok': (req, res, context) => {
      seenHeaders = req.headers;
      return html('<html><head><title>Ok</title></head><body><p>Hello</p></body></html>')(req, res, context);
    },
    '/r1': redirect('/r2', 302),
    '/to-credentials': redirect((base) => `${base.replace('http://', 'http://user:pass@')}/ok`),
    '/r2': redirect((base) => `${base}/r3?x=1#frag`, 301),
    '/r3': redirect('ok', 307),
    '/loop-a': redirect('/loop-b'),
    '/loop-b': redirect('/loop-a'),
    '/chain-1': redirect('/chain-2'),
    '/chain-2': redirect('/chain-3'),
    '/chain-3': redirect('/ok'),
    '/no-location': respond({ status: 302 }),
    '/to-ftp': redirect('ftp://example.com/file'),
    '/missing': respond({ status: 404, body: 'nope' }),
    '/gone': respond({ status: 410 }),
    '/down': respond({ status: 503, body: 'down' }),
    '/maintenance': respond({ status: 503, headers: { 'retry-after': '5' } }),
    '/corrupt-gzip': respond({ headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: 'this is not gzip' }),
    '/flaky': failTimes(2, html('<p>recovered</p>')),
    '/busy-seconds': rateLimited(120),
    '/busy-date': rateLimited(new Date(Date.now() + 3_600_000)),
    '/request-timeout': respond({ status: 408 }),
    '/slow-body': trickle({ chunks: ['<html><body>', '<p>late</p></body></html>'], intervalMs: 3000 }),
    '/slow-but-steady': trickle({ chunks: ['<p>a</p>', '<p>b</p>', '<p>c</p>'], intervalMs: 100 }),
    '/no-headers': hang(),
    '/big-declared': oversize(2 * 1024 * 1024, { declareLength: true }),
    '/big-chunked': oversize(2 * 1024 * 1024, { declareLength: false }),
    '/gzip-bomb': respond({ headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: gzipSync(Buffer.alloc(4 * 1024 * 1024, 'a')) }),
    '/png': respond({ headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) }),
    '/zstd': respond({ headers: { 'content-type': 'text/html', 'content-encoding': 'zstd' }, body: 'whatever' }),
    '/pdf': respond({ headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7' }),
    '/plain': respond({ headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Just text.' }),
    '/markdown': respond({ headers: { 'content-type': 'text/markdown' }, body: '# Title\n\nBody.' }),
    '/untyped-html': respond({ body: '<!doctype html><title>x</title>' }),
    '/untyped-binary': respond({ body: Buffer.from([0, 1, 2, 3, 0]) }),
    '/cp1251': encoded(`<html><body><p>${RUSSIAN}</p></body></html>`, 'windows-1251'),
    '/koi8': encoded(`<html><head><meta charset="koi8-r"></head><body><p>${RUSSIAN}</p></body></html>`, 'koi8-r', { headerCharset: null }),
    '/gzip': gzipped('<html><body><p>Compressed café</p></body></html>'),
    '/br': respond({ headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' }, body: brotliCompressSync('<p>Brotli</p>') }),
    '/to-v6-loopback': redirect('http://[::1]:9/'),
    '/to-private': redirect('http://10.0.0.1/admin'),
    '/to-metadata': redirect('http://169.254.169.254/latest/meta-data/'),
  });
});

afterAll(async () => {
  await server.close();
});

describe('fetchPage: success', () => {
  it('fetches an HTML page with the configured headers', async () => {
    const page = await fetchPage(server.url('/ok'), options);
    expect(page).toMatchObject({ url: server.url('/ok'), finalUrl: server.url('/ok'), status: 200, contentType: 'text/html', charset: 'utf-8', redirects: [] });
    expect(page.body).toContain('<p>Hello</p>');
    expect(new Date(page.fetchedAt).toISOString()).toBe(page.fetchedAt);
    expect(seenHeaders['user-agent']).toBe('sitrep-test/1.0');
    expect(seenHeaders.accept).toMatch(/^text\/html/);
    expect(seenHeaders['accept-language']).toBeTruthy();
    expect(seenHeaders['accept-encoding']).toContain('gzip');
  });

  it('drops the fragment and credentials, which are never sent', async () => {
    const asked = `http://user:secret@127.0.0.1:${server.port}/ok#section`;
    const page = await fetchPage(asked, options);
    expect(page).toMatchObject({ url: asked, finalUrl: server.url('/ok') });
    expect(seenHeaders.authorization).toBeUndefined();
  });

  it('strips credentials from a redirect target: never sent, never in finalUrl or redirects', async () => {
    const page = await fetchPage(server.url('/to-credentials'), options);
    expect(page.finalUrl).toBe(server.url('/ok'));
    expect(JSON.stringify(page.redirects)).not.toContain('pass');
    expect(seenHeaders.authorization).toBeUndefined();
  });

  it('follows a chain of relative and absolute redirects and reports the final URL', async () => {
    const page = await fetchPage(server.url('/r1'), options);
    expect(page.finalUrl).toBe(server.url('/ok'));
    expect(page.redirects).toEqual([server.url('/r2'), server.url('/r3?x=1'), server.url('/ok')]);
    expect(page.body).toContain('Hello');
  });

  it('accepts text/plain and markdown, and sniffs a page without a content type', async () => {
    expect((await fetchPage(server.url('/plain'), options)).contentType).toBe('text/plain');
    expect((await fetchPage(server.url('/markdown'), options)).body).toBe('# Title\n\nBody.');
    expect((await fetchPage(server.url('/untyped-html'), options)).contentType).toBe('text/html');
    expect((await failure(fetchPage(server.url('/untyped-binary'), options))).code).toBe('SITREP_ERR_UNSUPPORTED_CONTENT_TYPE');
  });

  it('decodes gzip and brotli bodies', async () => {
    expect((await fetchPage(server.url('/gzip'), options)).body).toContain('Compressed café');
    expect((await fetchPage(server.url('/br'), options)).body).toBe('<p>Brotli</p>');
  });

  it('decodes windows-1251 (header) and koi8-r (meta only) pages', async () => {
    const cp1251 = await fetchPage(server.url('/cp1251'), options);
    expect(cp1251).toMatchObject({ charset: 'windows-1251' });
    expect(cp1251.body).toContain(RUSSIAN);
    const koi8 = await fetchPage(server.url('/koi8'), options);
    expect(koi8).toMatchObject({ charset: 'koi8-r' });
    expect(koi8.body).toContain(RUSSIAN);
  });

  it('keeps the undecoded bytes and the Content-Type header they decode against (what a CPU thread is sent)', async () => {
    const page = await fetchPage(server.url('/cp1251'), options);
    expect(page.raw.contentTypeHeader).toMatch(/charset=windows-1251/i);
    expect(Buffer.from(page.raw.bytes).toString('utf8')).not.toContain(RUSSIAN);
    expect(decodeBody(page.raw.bytes, page.raw.contentTypeHeader)).toEqual({ text: page.body, charset: page.charset });
  });

  it('keeps reading a body that is slow but never silent for bodyTimeoutMs', async () => {
    const page = await fetchPage(server.url('/slow-but-steady'), { ...options, bodyTimeoutMs: 1000 });
    expect(page.body).toBe('<p>a</p><p>b</p><p>c</p>');
  });

  it('gives up on a body that trickles past totalTimeoutMs, as a retryable timeout', async () => {
    const error = await failure(fetchPage(server.url('/slow-but-steady'), { ...options, bodyTimeoutMs: 1000, totalTimeoutMs: 150 }));
    expect(error.code).toBe('SITREP_ERR_TIMEOUT');
    expect(error.message).toMatch(/total timeout/);
    expect(error.retryable).toBe(true);
  });
});

describe('fetchPage: redirects that fail', () => {
  it('detects a redirect loop', async () => {
    const error = await failure(fetchPage(server.url('/loop-a'), options));
    expect(error.code).toBe('SITREP_ERR_TOO_MANY_REDIRECTS');
    expect(error.message).toMatch(/redirect loop/);
    expect(error.retryable).toBe(false);
  });

  it('stops after maxRedirects', async () => {
    const error = await failure(fetchPage(server.url('/chain-1'), { ...options, maxRedirects: 2 }));
    expect(error.code).toBe('SITREP_ERR_TOO_MANY_REDIRECTS');
    expect(error.message).toMatch(/more than 2 redirects/);
    expect((await fetchPage(server.url('/chain-1'), { ...options, maxRedirects: 3 })).finalUrl).toBe(server.url('/ok'));
  });

  it('refuses a redirect without Location or to a non-http URL', async () => {
    expect((await failure(fetchPage(server.url('/no-location'), options))).code).toBe('SITREP_ERR_BAD_REDIRECT');
    expect((await failure(fetchPage(server.url('/to-ftp'), options))).code).toBe('SITREP_ERR_BAD_REDIRECT');
  });
});

describe('fetchPage: error classification', () => {
  it('404 and 410 are permanent client errors', async () => {
    for (const path of ['/missing', '/gone']) {
      const error = await failure(fetchPage(server.url(path), options));
      expect(error.code).toBe('SITREP_ERR_HTTP_CLIENT');
      expect(error.retryable).toBe(false);
      expect(error.details).toMatchObject({ host: '127.0.0.1' });
    }
  });

  it('503 is retryable; a flaky server succeeds on the third attempt', async () => {
    const error = await failure(fetchPage(server.url('/down'), options));
    expect(error).toMatchObject({ code: 'SITREP_ERR_HTTP_SERVER', retryable: true, details: { status: 503 } });
    expect((await failure(fetchPage(server.url('/flaky'), options))).code).toBe('SITREP_ERR_HTTP_SERVER');
    expect((await failure(fetchPage(server.url('/flaky'), options))).code).toBe('SITREP_ERR_HTTP_SERVER');
    expect((await fetchPage(server.url('/flaky'), options)).body).toBe('<p>recovered</p>');
    expect(server.requests('/flaky')).toBe(3);
  });

  it('503 with Retry-After carries retryAfterMs', async () => {
    expect(await failure(fetchPage(server.url('/maintenance'), options))).toMatchObject({ code: 'SITREP_ERR_HTTP_SERVER', retryAfterMs: 5000 });
  });

  it('a corrupt gzip body is a connection failure naming the URL', async () => {
    const error = await failure(fetchPage(server.url('/corrupt-gzip'), options));
    expect(error.code).toBe('SITREP_ERR_CONNECT');
    expect(error.message).toMatch(/^corrupt compressed body: http:\/\/127\.0\.0\.1:\d+\/corrupt-gzip \(Z_DATA_ERROR/);
  });

  it('429 carries retryAfterMs from Retry-After seconds or HTTP-date', async () => {
    const seconds = await failure(fetchPage(server.url('/busy-seconds'), options));
    expect(seconds).toMatchObject({ code: 'SITREP_ERR_HTTP_RATE_LIMITED', retryable: true, retryAfterMs: 120_000 });
    const date = await failure(fetchPage(server.url('/busy-date'), options));
    expect(date.code).toBe('SITREP_ERR_HTTP_RATE_LIMITED');
    expect(date.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(date.retryAfterMs).toBeLessThanOrEqual(3_600_000);
  });

  it('408 is a retryable request timeout', async () => {
    expect(await failure(fetchPage(server.url('/request-timeout'), options))).toMatchObject({ code: 'SITREP_ERR_HTTP_REQUEST_TIMEOUT', retryable: true });
  });

  it('a body silent for longer than bodyTimeoutMs times out', async () => {
    const error = await failure(fetchPage(server.url('/slow-body'), { ...options, bodyTimeoutMs: 300 }));
    expect(error).toMatchObject({ code: 'SITREP_ERR_TIMEOUT', retryable: true });
    expect(error.message).toMatch(/body timeout/);
  });

  it('headers that never come time out', async () => {
    const error = await failure(fetchPage(server.url('/no-headers'), { ...options, headersTimeoutMs: 300 }));
    expect(error.code).toBe('SITREP_ERR_TIMEOUT');
    expect(error.message).toMatch(/headers timeout/);
  });

  it('refuses an oversize body by Content-Length, while streaming, and after decompression', async () => {
    for (const path of ['/big-declared', '/big-chunked', '/gzip-bomb']) {
      const error = await failure(fetchPage(server.url(path), options));
      expect(error.code, path).toBe('SITREP_ERR_BODY_TOO_LARGE');
      expect(error.retryable).toBe(false);
    }
  });

  it('refuses image/png and application/pdf', async () => {
    for (const path of ['/png', '/pdf']) {
      const error = await failure(fetchPage(server.url(path), options));
      expect(error.code).toBe('SITREP_ERR_UNSUPPORTED_CONTENT_TYPE');
      expect(error.retryable).toBe(false);
    }
  });

  it('refuses a content encoding it cannot undo', async () => {
    const error = await failure(fetchPage(server.url('/zstd'), options));
    expect(error.code).toBe('SITREP_ERR_UNSUPPORTED_CONTENT_TYPE');
    expect(error.message).toMatch(/unsupported content encoding zstd/);
  });

  it('refuses URLs that are not absolute http(s)', async () => {
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'not a url', '/relative']) {
      expect((await failure(fetchPage(url, options))).code).toBe('SITREP_ERR_INVALID_URL');
    }
  });

  it('an unknown host is a permanent "host not found" naming the host', async () => {
    const error = await failure(fetchPage('https://www.themoscowtimes.com/2024/05/13/x', guarded, { lookup: fakeDns({}) }));
    expect(error).toMatchObject({ code: 'SITREP_ERR_HOST_NOT_FOUND', retryable: false, details: { host: 'www.themoscowtimes.com' } });
    expect(error.message).toBe('host not found: www.themoscowtimes.com (DNS ENOTFOUND)');
  });

  it('no reachable resolver (EAI_AGAIN, as offline) is permanent, not minutes of retries', async () => {
    const lookup = ((hostname, _options, callback) => {
      process.nextTick(() => callback(Object.assign(new Error(`getaddrinfo EAI_AGAIN ${hostname}`), { code: 'EAI_AGAIN' }), '', 0));
    }) as LookupFunction;
    expect(await failure(fetchPage('http://news.example/', guarded, { lookup }))).toMatchObject({ code: 'SITREP_ERR_HOST_NOT_FOUND', retryable: false });
  });

  it('a resolver that answers SERVFAIL is retryable', async () => {
    const lookup = ((hostname, _options, callback) => {
      process.nextTick(() => callback(Object.assign(new Error(`queryA ESERVFAIL ${hostname}`), { code: 'ESERVFAIL' }), '', 0));
    }) as LookupFunction;
    expect(await failure(fetchPage('http://news.example/', guarded, { lookup }))).toMatchObject({ code: 'SITREP_ERR_DNS_TEMPORARY', retryable: true });
  });

  it('a refused connection is retryable', async () => {
    const closed = await startScriptedServer();
    const url = closed.url('/');
    await closed.close();
    expect(await failure(fetchPage(url, options))).toMatchObject({ code: 'SITREP_ERR_CONNECT', retryable: true });
  });
});

describe('fetchPage: SSRF guard (no allow-list)', () => {
  it.each([
    ['loopback', () => server.url('/ok')],
    ['private', () => 'http://10.0.0.1/'],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', () => `http://[::1]:${server.port}/ok`],
    ['IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${server.port}/ok`],
    ['unspecified', () => `http://0.0.0.0:${server.port}/ok`],
    ['localhost', () => `http://localhost:${server.port}/ok`],
  ])('blocks %s', async (_name, url) => {
    const before = server.connections();
    const error = await failure(fetchPage(url(), guarded));
    expect(error).toMatchObject({ code: 'SITREP_ERR_BLOCKED_ADDRESS', retryable: false });
    expect(server.connections()).toBe(before);
  });

  it('blocks a name that resolves to a private address, naming host and address', async () => {
    const error = await failure(fetchPage('http://intranet.example/', guarded, { lookup: fakeDns({ 'intranet.example': ['10.1.2.3'] }) }));
    expect(error.code).toBe('SITREP_ERR_BLOCKED_ADDRESS');
    expect(error.message).toMatch(/intranet\.example \(10\.1\.2\.3\) is private/);
    expect(error.details).toMatchObject({ host: 'intranet.example', address: '10.1.2.3' });
  });

  it('blocks a name when any of its addresses is private', async () => {
    const lookup = fakeDns({ 'mixed.example': ['93.184.216.34', '192.168.0.10'] });
    expect((await failure(fetchPage('http://mixed.example/', guarded, { lookup }))).code).toBe('SITREP_ERR_BLOCKED_ADDRESS');
  });
});

describe('fetchPage: SSRF guard on redirects', () => {
  it.each([
    ['[::1]', '/to-v6-loopback', '::1'],
    ['10.0.0.1', '/to-private', '10.0.0.1'],
    ['169.254.169.254', '/to-metadata', '169.254.169.254'],
  ])('an allowed server redirecting to %s is refused at that hop', async (_name, path, address) => {
    const error = await failure(fetchPage(server.url(path), options));
    expect(error).toMatchObject({ code: 'SITREP_ERR_BLOCKED_ADDRESS', details: { address } });
  });

  it('refuses the redirect target before connecting to it', async (context) => {
    const v6 = await startScriptedServer({ '/secret': html('<p>internal</p>') }, { host: '::1' }).catch(() => undefined);
    if (!v6) return context.skip('no IPv6 loopback on this machine');
    try {
      server.route('/to-v6-server', redirect(v6.url('/secret')));
      expect((await failure(fetchPage(server.url('/to-v6-server'), options))).code).toBe('SITREP_ERR_BLOCKED_ADDRESS');
      expect(v6.connections()).toBe(0);
      // The same hop is reachable once allow-listed, so the 0 above is the guard's doing.
      const page = await fetchPage(server.url('/to-v6-server'), { ...options, allow: ['127.0.0.1', '::1'] });
      expect(page.finalUrl).toBe(v6.url('/secret'));
      expect(v6.connections()).toBe(1);
    } finally {
      await v6.close();
    }
  });

  it('refuses a redirect to a name that resolves to a private address', async () => {
    server.route('/to-rebind', redirect('http://rebind.example/'));
    const lookup = fakeDns({ 'rebind.example': ['10.0.0.5'] });
    const error = await failure(fetchPage(server.url('/to-rebind'), options, { lookup }));
    expect(error).toMatchObject({ code: 'SITREP_ERR_BLOCKED_ADDRESS', details: { host: 'rebind.example', address: '10.0.0.5' } });
  });
});

describe('createPageFetcher', () => {
  it('calls onRequestSent as each request of a redirect chain is written, in order', async () => {
    const fetcher = createPageFetcher(options);
    const sent: string[] = [];
    try {
      await fetcher.fetch(server.url('/r1'), undefined, { onRequestSent: (target) => sent.push(target.href) });
      expect(sent).toEqual([server.url('/r1'), server.url('/r2'), server.url('/r3?x=1'), server.url('/ok')]);
      // A request that never reaches a socket (refused by the guard) is never reported sent.
      sent.length = 0;
      await expect(fetcher.fetch(server.url('/to-private'), undefined, { onRequestSent: (target) => sent.push(target.href) })).rejects.toMatchObject({ code: 'SITREP_ERR_BLOCKED_ADDRESS' });
      expect(sent).toEqual([server.url('/to-private')]);
    } finally {
      await fetcher.close();
    }
  });

  it('reuses connections across fetches to the same host, and still guards every one', async () => {
    const fetcher = createPageFetcher(options);
    const before = server.connections();
    try {
      for (let i = 0; i < 5; i++) await fetcher.fetch(server.url('/ok'));
      // undici may open a second socket while the first is being released; five fetches never need five.
      expect(server.connections() - before).toBeLessThanOrEqual(2);
      const blocked = createPageFetcher(guarded);
      await expect(blocked.fetch(server.url('/ok'))).rejects.toMatchObject({ code: 'SITREP_ERR_BLOCKED_ADDRESS' });
      await blocked.close();
    } finally {
      await fetcher.close();
    }
  });
});
