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
}

/** A page, or how long to wait before asking again (the host is at its limit; nothing was spent). */
export type PoliteFetchResult = { kind: 'page'; page: FetchedPage } | { kind: 'wait'; waitMs: number; reason: string };

/** Another worker is fetching the origin's robots.txt: look again after this long. */
const ROBOTS_BUSY_WAIT_MS = 500;

/** A redirect led to a host that cannot take the hop soon: the whole fetch waits (the job is delayed). */
class HostBusy extends Error {
  constructor(
    readonly host: string,
    readonly waitMs: number,
  ) {
    super(`host ${host} at its limit`);
  }
}

/**
 * One fetch under the host's lease; each lease learns how it went (adaptive pace). A redirect hop
 * is a request like any: to the same host it waits for the host's next start, to another host it
 * takes a lease there first (robots.txt is checked for the URL asked for only).
 */
async function fetchUnderLimit(host: string, deps: PoliteFetchDeps, crawlDelayMs: number | undefined, fetch: (hooks: FetchHooks) => Promise<FetchedPage>): Promise<PoliteFetchResult> {
  const gate = await deps.limiter.acquire(host, { crawlDelayMs, callerId: deps.callerId });
  if (!gate.granted) return { kind: 'wait', waitMs: gate.waitMs, reason: `host ${host} at its limit` };
  const leases = new Map<string, HostLease>([[host, gate.lease]]);
  const hooks: FetchHooks = {
    // As each request is written: its host's next start counts from there.
    onRequestSent: (target) => void leases.get(target.hostname)?.started(),
    beforeRedirect: async (target) => {
      const hopHost = target.hostname;
      if (leases.has(hopHost)) {
        const waitMs = await deps.limiter.startAgain(hopHost, { crawlDelayMs: hopHost === host ? crawlDelayMs : undefined });
        if (waitMs > 0) throw new HostBusy(hopHost, waitMs);
        return;
      }
      const hop = await deps.limiter.acquire(hopHost, { callerId: deps.callerId });
      if (!hop.granted) throw new HostBusy(hopHost, hop.waitMs);
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
    if (error instanceof HostBusy) return { kind: 'wait', waitMs: error.waitMs, reason: error.message };
    throw error;
  }
}

/** The origin's robots.txt, fetched (by one worker, within the host's limits) when not cached. */
async function robotsFor(url: string, host: string, robots: RobotsCache, deps: PoliteFetchDeps): Promise<CachedRobots | PoliteFetchResult> {
  const origin = robotsOrigin(url);
  const cached = await robots.get(origin);
  if (cached) return cached;
  if (!(await robots.lock(origin))) return { kind: 'wait', waitMs: ROBOTS_BUSY_WAIT_MS, reason: `robots.txt of ${origin} being fetched` };
  try {
    // Another worker may have stored it between our look and our lock.
    const stored = await robots.get(origin);
    if (stored) return stored;
    const result = await fetchUnderLimit(host, deps, undefined, (hooks) => deps.fetcher.fetch(robotsUrlFor(url), undefined, hooks)).catch((error: unknown) => {
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
 * The fetch stage's politeness, in order: the host's name is resolved (a name that does not
 * resolve, or resolves to a blocked address, fails at once: the resolver is not the site, so this
 * waits for no robots.txt and no turn of the host); robots.txt (cached per origin; a disallowed URL
 * fails at once with SITREP_ERR_ROBOTS_DISALLOWED and never reaches the origin), then the host's
 * in-flight and rate limits (shared by all workers through Redis), then the fetch itself, with
 * If-None-Match / If-Modified-Since when `conditional` is given.
 */
export async function politeFetch(url: string, conditional: ConditionalRequest | undefined, deps: PoliteFetchDeps): Promise<PoliteFetchResult> {
  const host = new URL(url).hostname;
  await deps.fetcher.resolve(url);
  let crawlDelayMs: number | undefined;
  if (deps.robots) {
    const robots = await robotsFor(url, host, deps.robots, deps);
    if ('kind' in robots) return robots;
    const verdict = checkRobots(robots.entry, url, deps.userAgentToken);
    if (verdict.unreachable) {
      throw new SitrepError('SITREP_ERR_ROBOTS_UNREACHABLE', `${verdict.reason}: ${robotsUrlFor(url)}; disallowed until it answers`, {
        retryAfterMs: Math.max(0, robots.expiresAt - Date.now()),
        details: { host },
      });
    }
    if (!verdict.allowed) throw new SitrepError('SITREP_ERR_ROBOTS_DISALLOWED', `${verdict.reason}: ${url}`, { details: { host } });
    crawlDelayMs = verdict.crawlDelayMs;
  }
  return fetchUnderLimit(host, deps, crawlDelayMs, (hooks) => deps.fetcher.fetch(url, conditional, hooks));
}
