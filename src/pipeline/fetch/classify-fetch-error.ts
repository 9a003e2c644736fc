import { SitrepError } from '../../errors/sitrep-error.js';
import { parseRetryAfter } from './retry-after.js';

/**
 * Maps what can go wrong while fetching to a registry code with a one-line operator message.
 * `details` carries host, status or address — never page content.
 */

// zlib reports gzip/deflate damage as Z_*, brotli damage as ERR_BROTLI_* or ERR__ERROR_*.
const DECOMPRESSION_CODE = /^(?:Z_|ERR_BROTLI|ERR__ERROR_)/;

const TIMEOUT_CODES: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
  UND_ERR_HEADERS_TIMEOUT: 'headers timeout',
  UND_ERR_BODY_TIMEOUT: 'body timeout',
  ETIMEDOUT: 'connect timeout',
};

function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A thrown network, DNS, TLS or undici error as a SitrepError (coded errors pass through). */
export function classifyFetchError(error: unknown, url: URL): SitrepError {
  if (error instanceof SitrepError) return error;
  // undici sometimes wraps the socket's error (our lookup's SSRF refusal among them).
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof SitrepError) return cause;
  const host = url.hostname;
  const code = errnoCode(error) ?? errnoCode(cause) ?? 'unknown';
  const reason = error instanceof Error ? error.message : String(error);
  const details = { host, errno: code };
  if (code === 'ENOTFOUND' || code === 'ENODATA') {
    return new SitrepError('SITREP_ERR_HOST_NOT_FOUND', `host not found: ${host} (DNS ${code})`, { cause: error, details });
  }
  // getaddrinfo's EAI_AGAIN is what a machine without a reachable resolver gets, at once, for every
  // host: retrying it only delays the dead letter (replay once the network is back).
  if (code === 'EAI_AGAIN') {
    return new SitrepError('SITREP_ERR_HOST_NOT_FOUND', `no DNS resolver answered for ${host} (EAI_AGAIN: offline?)`, { cause: error, details });
  }
  // A resolver that answers with a failure (c-ares codes) may well answer next time.
  if (code === 'ESERVFAIL' || code === 'ETIMEOUT') {
    return new SitrepError('SITREP_ERR_DNS_TEMPORARY', `DNS lookup failed temporarily: ${host} (${code})`, { cause: error, details });
  }
  if (TIMEOUT_CODES[code]) {
    return new SitrepError('SITREP_ERR_TIMEOUT', `${TIMEOUT_CODES[code]}: ${url.href}`, { cause: error, details });
  }
  // Refused, reset, unreachable, closed mid-body, TLS failure, malformed response, corrupt gzip:
  // all "the connection did not deliver"; retried, then dead-lettered with this message.
  if (DECOMPRESSION_CODE.test(code)) {
    return new SitrepError('SITREP_ERR_CONNECT', `corrupt compressed body: ${url.href} (${code}: ${reason})`, { cause: error, details });
  }
  return new SitrepError('SITREP_ERR_CONNECT', `connection failed: ${host} (${code}: ${reason})`, { cause: error, details });
}

/**
 * A non-2xx, non-redirect status as a SitrepError. `retryAfter` is the raw Retry-After header;
 * it sets `retryAfterMs` on 429 and 503.
 */
export function classifyStatus(status: number, url: URL, retryAfter: string | undefined): SitrepError {
  const host = url.hostname;
  const details = { host, status };
  const retryAfterMs = parseRetryAfter(retryAfter);
  if (status === 429) {
    const wait = retryAfterMs === undefined ? '' : ` (Retry-After ${Math.ceil(retryAfterMs / 1000)} s)`;
    return new SitrepError('SITREP_ERR_HTTP_RATE_LIMITED', `rate limited: HTTP 429 from ${url.href}${wait}`, { retryAfterMs, details });
  }
  if (status === 408) return new SitrepError('SITREP_ERR_HTTP_REQUEST_TIMEOUT', `HTTP 408 request timeout from ${url.href}`, { details });
  if (status >= 500) {
    return new SitrepError('SITREP_ERR_HTTP_SERVER', `server error: HTTP ${status} from ${url.href}`, {
      retryAfterMs: status === 503 ? retryAfterMs : undefined,
      details,
    });
  }
  return new SitrepError('SITREP_ERR_HTTP_CLIENT', `HTTP ${status} from ${url.href}`, { details });
}
