import robotsParserModule from 'robots-parser';
import { SitrepError } from '../../errors/sitrep-error.js';
import type { FetchedPage } from './fetch-page.js';

/**
 * robots.txt per RFC 9309, parsed by `robots-parser` (longest match wins, Allow on a tie, `*` and
 * `$` patterns, groups of the same user-agent merged). What a fetch of /robots.txt means:
 * - 2xx: its rules;
 * - 4xx ("unavailable", §2.3.1.3), too many redirects, or a body we cannot read as text: allow all;
 * - 5xx, 429, or no answer at all ("unreachable", §2.3.1.4): disallow all, for a shorter while.
 * Redirects are followed by the page fetcher (up to fetch.maxRedirects, each hop SSRF-checked).
 */
export type RobotsEntry =
  | { kind: 'rules'; body: string; fetchedAt: string }
  | { kind: 'allow-all'; reason: string; fetchedAt: string }
  | { kind: 'unreachable'; reason: string; fetchedAt: string };

/** The robots.txt that governs a URL: same scheme, host and port (RFC 9309 §2.3). */
export function robotsUrlFor(url: string): string {
  return new URL('/robots.txt', url).href;
}

/** The cache key of a URL's robots.txt: its origin ("https://example.com:8443"). */
export function robotsOrigin(url: string): string {
  return new URL(url).origin;
}

/** RFC 9309 §2.5: crawlers parse at least 500 KiB; what lies beyond is ignored. */
const MAX_ROBOTS_CHARS = 500 * 1024;

/** The keys robots-parser acts on; any other `key:` line still ends a run of User-agent lines. */
const DIRECTIVE = /^\s*(?:user-agent|allow|disallow|crawl-delay|sitemap|host)\s*:/i;
const OTHER_KEY = /^\s*[^:\s][^:]*:/;

/**
 * What robots-parser reads of a robots.txt, and only that: directive lines without comments, `x:` for
 * any other `key:` line, an empty line for the rest, so verdicts and line numbers are the file's own. An
 * HTML page served as robots.txt (a soft 404: up to 500 KiB, cached in Redis per origin) shrinks to about
 * a byte a line.
 */
export function compactRobots(body: string): string {
  return body
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const text = line.split('#', 1)[0];
      return DIRECTIVE.test(text) ? text.trim() : OTHER_KEY.test(text) ? 'x:' : '';
    })
    .join('\n');
}

/** A fetched robots.txt as a cache entry. */
export function robotsEntryFromPage(page: FetchedPage): RobotsEntry {
  return { kind: 'rules', body: compactRobots(page.body.slice(0, MAX_ROBOTS_CHARS)), fetchedAt: page.fetchedAt };
}

// Permanent failures that say the host itself cannot be fetched: the page fetch would fail the same way.
const HOST_FAILURES = new Set(['SITREP_ERR_BLOCKED_ADDRESS', 'SITREP_ERR_HOST_NOT_FOUND', 'SITREP_ERR_INVALID_URL']);

/**
 * A failed fetch of robots.txt as a cache entry; rethrows failures that belong to the host, not
 * to its robots.txt (SSRF refusal, unknown host), so the URL fails with that code.
 */
export function robotsEntryFromError(error: SitrepError, now: Date = new Date()): RobotsEntry {
  const fetchedAt = now.toISOString();
  if (HOST_FAILURES.has(error.code)) throw error;
  const status = typeof error.details?.status === 'number' ? error.details.status : undefined;
  // 429 is a 4xx, but it says "not now" rather than "nothing here": treated as unreachable, as Google does.
  if (status !== undefined && status >= 400 && status < 500 && status !== 429) return { kind: 'allow-all', reason: `robots.txt answered ${status}`, fetchedAt };
  if (error.code === 'SITREP_ERR_TOO_MANY_REDIRECTS' || error.code === 'SITREP_ERR_BAD_REDIRECT' || error.code === 'SITREP_ERR_UNSUPPORTED_CONTENT_TYPE' || error.code === 'SITREP_ERR_BODY_TOO_LARGE') {
    return { kind: 'allow-all', reason: `robots.txt unavailable (${error.code})`, fetchedAt };
  }
  return { kind: 'unreachable', reason: status !== undefined ? `robots.txt answered ${status}` : `robots.txt unreachable (${error.code})`, fetchedAt };
}

export interface RobotsVerdict {
  allowed: boolean;
  /** The entry could not be fetched (5xx, 429, network): retry later rather than give up. */
  unreachable: boolean;
  /** Crawl-delay for our user-agent token (or `*`), in ms; undefined when none is given. */
  crawlDelayMs?: number;
  /** For logs and dead letters: why. */
  reason: string;
}

// A CommonJS module whose typings declare an ES default export: Node hands ESM the function itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robot = ReturnType<typeof robotsParser>;
const parsed = new WeakMap<RobotsEntry, Robot>();

/** Largest Crawl-delay honoured (a typo of "86400" must not stall a host for a day). */
const MAX_CRAWL_DELAY_MS = 60_000;

/**
 * Whether `url` may be fetched by the crawler whose product token is `userAgentToken` ("sitrep"):
 * its own group, else the `*` group, else everything is allowed. Parsed rules are kept per entry.
 */
export function checkRobots(entry: RobotsEntry, url: string, userAgentToken: string): RobotsVerdict {
  if (entry.kind === 'allow-all') return { allowed: true, unreachable: false, reason: entry.reason };
  if (entry.kind === 'unreachable') return { allowed: false, unreachable: true, reason: entry.reason };
  // §2.2.2: "The /robots.txt URI is implicitly allowed."
  if (new URL(url).pathname === '/robots.txt') return { allowed: true, unreachable: false, reason: 'robots.txt is always allowed' };
  let robot = parsed.get(entry);
  if (!robot) {
    robot = robotsParser(robotsUrlFor(url), entry.body);
    parsed.set(entry, robot);
  }
  // Entries are kept per origin, so the URL always belongs to the robots.txt it was parsed for.
  const allowed = robot.isAllowed(url, userAgentToken) ?? true;
  const delay = robot.getCrawlDelay(userAgentToken);
  const crawlDelayMs = typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS) : undefined;
  const line = allowed ? '' : ` (line ${robot.getMatchingLineNumber(url, userAgentToken)})`;
  return { allowed, unreachable: false, ...(crawlDelayMs ? { crawlDelayMs } : {}), reason: allowed ? 'allowed by robots.txt' : `disallowed by robots.txt${line}` };
}
