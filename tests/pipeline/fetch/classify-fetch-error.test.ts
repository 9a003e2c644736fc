import { describe, expect, it } from 'vitest';
import { SitrepError } from '../../../src/errors/sitrep-error.js';
import { classifyFetchError, classifyStatus } from '../../../src/pipeline/fetch/classify-fetch-error.js';

const url = new URL('https://news.example/a');
const errno = (code: string, message = code): Error => Object.assign(new Error(message), { code });

describe('classifyFetchError', () => {
  it.each([
    ['ENOTFOUND', 'SITREP_ERR_HOST_NOT_FOUND', 'host not found: news.example (DNS ENOTFOUND)'],
    ['EAI_AGAIN', 'SITREP_ERR_HOST_NOT_FOUND', 'no DNS resolver answered for news.example (EAI_AGAIN: offline?)'],
    ['ESERVFAIL', 'SITREP_ERR_DNS_TEMPORARY', 'DNS lookup failed temporarily: news.example (ESERVFAIL)'],
    ['UND_ERR_CONNECT_TIMEOUT', 'SITREP_ERR_TIMEOUT', 'connect timeout: https://news.example/a'],
    ['UND_ERR_HEADERS_TIMEOUT', 'SITREP_ERR_TIMEOUT', 'headers timeout: https://news.example/a'],
    ['UND_ERR_BODY_TIMEOUT', 'SITREP_ERR_TIMEOUT', 'body timeout: https://news.example/a'],
    ['ECONNREFUSED', 'SITREP_ERR_CONNECT', 'connection failed: news.example (ECONNREFUSED: ECONNREFUSED)'],
    ['ECONNRESET', 'SITREP_ERR_CONNECT', 'connection failed: news.example (ECONNRESET: ECONNRESET)'],
    ['UND_ERR_SOCKET', 'SITREP_ERR_CONNECT', 'connection failed: news.example (UND_ERR_SOCKET: UND_ERR_SOCKET)'],
    ['CERT_HAS_EXPIRED', 'SITREP_ERR_CONNECT', 'connection failed: news.example (CERT_HAS_EXPIRED: CERT_HAS_EXPIRED)'],
    ['Z_DATA_ERROR', 'SITREP_ERR_CONNECT', 'corrupt compressed body: https://news.example/a (Z_DATA_ERROR: Z_DATA_ERROR)'],
  ])('%s → %s', (code, expected, message) => {
    const error = classifyFetchError(errno(code), url);
    expect(error).toMatchObject({ code: expected, message, details: { host: 'news.example' } });
  });

  it('passes coded errors through, also when undici wraps them as the cause', () => {
    const blocked = new SitrepError('SITREP_ERR_BLOCKED_ADDRESS', 'blocked');
    expect(classifyFetchError(blocked, url)).toBe(blocked);
    expect(classifyFetchError(Object.assign(new Error('wrapped'), { cause: blocked }), url)).toBe(blocked);
  });
});

describe('classifyStatus', () => {
  it.each([
    [404, 'SITREP_ERR_HTTP_CLIENT', false],
    [403, 'SITREP_ERR_HTTP_CLIENT', false],
    [408, 'SITREP_ERR_HTTP_REQUEST_TIMEOUT', true],
    [429, 'SITREP_ERR_HTTP_RATE_LIMITED', true],
    [500, 'SITREP_ERR_HTTP_SERVER', true],
    [503, 'SITREP_ERR_HTTP_SERVER', true],
  ])('%i → %s', (status, code, retryable) => {
    expect(classifyStatus(status, url, undefined)).toMatchObject({ code, retryable, details: { host: 'news.example', status } });
  });

  it('429 and 503 carry Retry-After; a 429 message says how long', () => {
    const limited = classifyStatus(429, url, '30');
    expect(limited.retryAfterMs).toBe(30_000);
    expect(limited.message).toBe('rate limited: HTTP 429 from https://news.example/a (Retry-After 30 s)');
    expect(classifyStatus(503, url, '7').retryAfterMs).toBe(7_000);
    expect(classifyStatus(500, url, '7').retryAfterMs).toBeUndefined();
  });
});
