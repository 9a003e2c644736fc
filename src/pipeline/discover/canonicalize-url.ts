import { createHash } from 'node:crypto';
import { SitrepError } from '../../errors/sitrep-error.js';
import { isTrackingParam } from './tracking-params.js';

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const PERCENT_ESCAPE = /%([0-9A-Fa-f]{2})/g;
const MAX_MESSAGE_INPUT = 200;

/**
 * The one spelling of a URL that sitrep uses for ids, de-duplication and fetching.
 *
 * WHATWG URL parsing already lower-cases scheme and host, converts IDN hosts to punycode, drops
 * default ports and resolves dot segments. On top of that: the fragment and tracking parameters
 * (see tracking-params.ts) are dropped, an empty query and a trailing dot on the host are removed,
 * and percent-escapes are normalized (RFC 3986 §6.2.2: upper-case hex, unreserved characters
 * decoded). Path case and the order of the remaining query parameters are kept: both are meaningful.
 *
 * Throws SITREP_ERR_INVALID_URL when the result would not be an absolute http(s) URL, or when the
 * URL carries credentials (`user:pass@`), which sitrep never sends and never stores.
 */
export function canonicalizeUrl(input: string, base?: string): string {
  const result = canonicalize(input, base);
  if (typeof result === 'string') return result;
  const shown = input.length > MAX_MESSAGE_INPUT ? `${input.slice(0, MAX_MESSAGE_INPUT)}…` : input;
  throw new SitrepError('SITREP_ERR_INVALID_URL', `Invalid URL ${JSON.stringify(shown)}: ${result.rejected}`);
}

/**
 * canonicalizeUrl for scanning many links: undefined instead of an exception for what it rejects
 * (a thrown error costs 5–10 µs, several times the canonicalization itself).
 */
export function tryCanonicalizeUrl(input: string, base?: string): string | undefined {
  const result = canonicalize(input, base);
  return typeof result === 'string' ? result : undefined;
}

function canonicalize(input: string, base: string | undefined): string | { rejected: string } {
  // canParse first: letting the URL constructor throw is the slow path.
  if (!URL.canParse(input, base)) return { rejected: 'cannot be parsed as an absolute URL' };
  const url = new URL(input, base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { rejected: `scheme ${url.protocol} is not http or https` };
  if (url.username !== '' || url.password !== '') return { rejected: 'URLs with credentials are refused' };
  const hostname = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  if (hostname === '') return { rejected: 'the host is empty' };

  const host = url.port === '' ? hostname : `${hostname}:${url.port}`;
  const query = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(decodeParamName(pair)))
    .join('&');
  const search = query === '' ? '' : `?${normalizePercentEscapes(query)}`;
  return `${url.protocol}//${host}${normalizePercentEscapes(url.pathname)}${search}`;
}

/** Stable short key of a canonical URL (first 32 hex chars of its sha256): the basis of job and record ids. */
export function urlKey(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 32);
}

function decodeParamName(pair: string): string {
  const separator = pair.indexOf('=');
  const name = (separator === -1 ? pair : pair.slice(0, separator)).replaceAll('+', ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name; // a stray '%' is not a tracking parameter's name either
  }
}

function normalizePercentEscapes(component: string): string {
  return component.replace(PERCENT_ESCAPE, (escape, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : escape.toUpperCase();
  });
}
