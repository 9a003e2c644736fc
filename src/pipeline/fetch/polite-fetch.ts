import { SitrepError } from '../../errors/sitrep-error.js';
import type { HostLease, HostLimiter, HostOutcome } from '../../queues/host-limiter.js';
import { outcomeOfError } from '../../queues/host-limiter.js';
import type { CachedRobots, RobotsCache } from '../../queues/robots-cache.js';
import type { ConditionalRequest, FetchedPage, FetchHooks, PageFetcher } from './fetch-page.js';
import { checkRobots, robotsEntryFromError, robotsEntryFromPage, robotsOrigin, robotsUrlFor } from './robots-txt.js';

export interface PoliteFetchDeps {
  fetcher: PageFetcher;
  limiter: HostLimiter;
  /** Null: robots.txt is not consulted (robots.enabled off). */
  robots: RobotsCache | null;
  /** Product token matched against User-agent lines (config robots.userAgentToken). */
  userAgentToken: string;
  /** Who asks (the job id): keeps its place in the host's line while it waits. Default: a new one per call. */
  callerId?: string;
  /** Awaited before the page's body is read (not robots.txt's): the caller's backpressure on bodies in memory. */
  beforeBody?: () => Promise<void>;
}

/** A page, or how long to wait before asking again (the host is at its limit; nothing was spent). */
export type PoliteFetchResult = { kind: 'page'; page: FetchedPage } | { kind: 'wait'; waitMs: number; reason: string };

/** Another worker is fetching the origin's robots.txt: look again after this long. */
const ROBOTS_BUSY_WAIT_MS = 500;

/** Robots or a host's limits say "not yet" in the middle of a fetch (a redirect hop): the whole fetch waits (the job is delayed). */
class MustWait extends Error {
  constructor(
    readonly waitMs: number,
    reason: string,
  ) {
    super(reason);
  }
}

type Wait = Extract<PoliteFetchResult, { kind: 'wait' }>;

/** What robots.txt lets through: a URL it allows (with the host's Crawl-delay, if any), or how long to wait for robots.txt itself. */
type Admission = { kind: 'allowed'; crawlDelayMs?: number } | Wait;

/**
 * One fetch under the host's lease; each lease learns how it went (adaptive pace). A redirect hop
 * is a request like any: `admitHop` (robots.txt) passes it first, then to the same host it waits
 * for the host's next start, to another host it takes a lease there.
 */
async function fetchUnderLimit(host: string, deps: PoliteFetchDeps, crawlDelayMs: number | undefined, fetch: (hooks: FetchHooks) => Promise<FetchedPage>, admitHop?: (target: URL) => Promise<Admission>): Promise<PoliteFetchResult> {
  const gate = await deps.limiter.acquire(host, { crawlDelayMs, callerId: deps.callerId });
  if (!gate.granted) return { kind: 'wait', waitMs: gate.waitMs, reason: `host ${host} at its limit` };
  const leases = new Map<string, HostLease>([[host, gate.lease]]);
  const hooks: FetchHooks = {
    // As each request is written: its host's next start counts from there.
    onRequestSent: (target) => void leases.get(target.hostname)?.started(),
    beforeRedirect: async (target) => {
      const admission = admitHop ? await admitHop(target) : { kind: 'allowed' as const };
      if (admission.kind === 'wait') throw new MustWait(admission.waitMs, admission.reason);
      const hopHost = target.hostname;
      const lease = leases.get(hopHost);
      if (lease) {
        const waitMs = await lease.startAgain();
        if (waitMs > 0) throw new MustWait(waitMs, `host ${hopHost} at its limit`);
        return;
      }
      const hop = await deps.limiter.acquire(hopHost, { crawlDelayMs: admission.crawlDelayMs, callerId: deps.callerId });
      if (!hop.granted) throw new MustWait(hop.waitMs, `host ${hopHost} at its limit`);
      leases.set(hopHost, hop.lease);
    },
  };
  const started = performance.now();
  const releaseAll = (outcomeOf: (leaseHost: string) => HostOutcome) => Promise.all([...leases].map(([leaseHost, lease]) => lease.release(outcomeOf(leaseHost))));
  try {
    const page = await fetch(hooks);
    const ok: HostOutcome = { kind: 'ok', durationMs: performance.now() - started };
    await releaseAll(() => ok);
    return { kind: 'page', page };
  } catch (error) {
    const durationMs = performance.now() - started;
    const failedHost = error instanceof SitrepError && typeof error.details?.host === 'string' ? error.details.host : host;
    await releaseAll((leaseHost) => (leaseHost === failedHost ? outcomeOfError(error, durationMs) : { kind: 'ok', durationMs }));
    if (error instanceof MustWait) return { kind: 'wait', waitMs: error.waitMs, reason: error.message };
    throw error;
  }
}

/** The origin's robots.txt, fetched (by one worker, within the host's limits; its own redirects followed) when not cached. */
async function robotsFor(url: string, robots: RobotsCache, deps: PoliteFetchDeps): Promise<CachedRobots | Wait> {
  const origin = robotsOrigin(url);
  const cached = await robots.get(origin);
  if (cached) return cached;
  if (!(await robots.lock(origin))) return { kind: 'wait', waitMs: ROBOTS_BUSY_WAIT_MS, reason: `robots.txt of ${origin} being fetched` };
  try {
    // Another worker may have stored it between our look and our lock.
    const stored = await robots.get(origin);
    if (stored) return stored;
    const result = await fetchUnderLimit(new URL(url).hostname, deps, undefined, (hooks) => deps.fetcher.fetch(robotsUrlFor(url), undefined, hooks)).catch((error: unknown) => {
      if (!(error instanceof SitrepError)) throw error;
      return robotsEntryFromError(error);
    });
    if ('kind' in result && result.kind === 'wait') return result;
    const entry = 'page' in result ? robotsEntryFromPage(result.page) : result;
    return await robots.put(origin, entry);
  } finally {
    await robots.unlock(origin);
  }
}

/**
 * robots.txt's word on a URL (the one asked for, or a redirect's target): allowed, with the
 * host's Crawl-delay; a wait while robots.txt is being fetched; or SITREP_ERR_ROBOTS_DISALLOWED /
 * SITREP_ERR_ROBOTS_UNREACHABLE thrown, before anything is asked of the URL's host.
 */
async function admit(url: string, deps: PoliteFetchDeps, redirectedFrom?: string): Promise<Admission> {
  if (!deps.robots) return { kind: 'allowed' };
  const robots = await robotsFor(url, deps.robots, deps);
  if ('kind' in robots) return robots;
  const verdict = checkRobots(robots.entry, url, deps.userAgentToken);
  const host = new URL(url).hostname;
  const via = redirectedFrom ? ` (redirected from ${redirectedFrom})` : '';
  if (verdict.unreachable) {
    throw new SitrepError('SITREP_ERR_ROBOTS_UNREACHABLE', `${verdict.reason}: ${robotsUrlFor(url)}; disallowed until it answers${via}`, {
      retryAfterMs: Math.max(0, robots.expiresAt - Date.now()),
      details: { host },
    });
  }
  if (!verdict.allowed) throw new SitrepError('SITREP_ERR_ROBOTS_DISALLOWED', `${verdict.reason}: ${url}${via}`, { details: { host } });
  return { kind: 'allowed', crawlDelayMs: verdict.crawlDelayMs };
}

/**
 * The fetch stage's politeness, in order: the host's name is resolved (a name that does not
 * resolve, or resolves to a blocked address, fails at once: the resolver is not the site, so this
 * waits for no robots.txt and no turn of the host); robots.txt (cached per origin; a disallowed URL
 * fails at once with SITREP_ERR_ROBOTS_DISALLOWED and never reaches the origin — nor does a
 * redirect to one), then the host's in-flight and rate limits (shared by all workers through
 * Redis), then the fetch itself, with If-None-Match / If-Modified-Since when `conditional` is given.
 */
export async function politeFetch(url: string, conditional: ConditionalRequest | undefined, deps: PoliteFetchDeps): Promise<PoliteFetchResult> {
  await deps.fetcher.resolve(url);
  const admission = await admit(url, deps);
  if (admission.kind === 'wait') return admission;
  return fetchUnderLimit(new URL(url).hostname, deps, admission.crawlDelayMs, (hooks) => deps.fetcher.fetch(url, conditional, { ...hooks, beforeBody: deps.beforeBody }), (target) => admit(target.href, deps, url));
}
