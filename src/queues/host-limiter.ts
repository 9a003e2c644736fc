import { randomBytes } from 'node:crypto';
import type { SitrepConfig } from '../config/config-schema.js';
import { SitrepError } from '../errors/sitrep-error.js';
import { activeHostsKey, hostKeys } from './host-keys.js';
import { runScript, type RedisClient } from './lua-scripts.js';

export type PolitenessConfig = SitrepConfig['politeness'];

export interface HostLimits {
  /** Fetches in flight at once, across all workers. */
  maxInFlight: number;
  /** Requests started per second. */
  requestsPerSecond: number;
}

/** The limits of a host: the longest `politeness.hosts` entry that is the host or a parent domain of it, over the defaults. */
export function limitsFor(host: string, config: PolitenessConfig): HostLimits {
  const name = host.toLowerCase().replace(/\.$/, '');
  let best: { length: number; limits: Partial<HostLimits> } | undefined;
  for (const [pattern, limits] of Object.entries(config.hosts)) {
    const p = pattern.toLowerCase().replace(/^\*?\./, '');
    if ((name === p || name.endsWith(`.${p}`)) && p.length > (best?.length ?? -1)) best = { length: p.length, limits };
  }
  return {
    maxInFlight: best?.limits.maxInFlight ?? config.maxInFlight,
    requestsPerSecond: best?.limits.requestsPerSecond ?? config.requestsPerSecond,
  };
}

/** How a fetch went, as far as the host's pace is concerned. */
export type HostOutcome = { kind: 'ok'; durationMs: number } | { kind: 'throttled'; retryAfterMs?: number } | { kind: 'error' };

const THROTTLING_STATUS = new Set([429, 503]);
const SERVER_TROUBLE = new Set(['SITREP_ERR_HTTP_SERVER', 'SITREP_ERR_TIMEOUT', 'SITREP_ERR_CONNECT', 'SITREP_ERR_HTTP_REQUEST_TIMEOUT']);

/** A failed fetch as a pace signal: 429/503 throttle, other server trouble slows, anything else (a 404) is an answer like any. */
export function outcomeOfError(error: unknown, durationMs: number): HostOutcome {
  if (!(error instanceof SitrepError)) return { kind: 'ok', durationMs };
  const status = error.details?.status;
  if (typeof status === 'number' && THROTTLING_STATUS.has(status)) return { kind: 'throttled', retryAfterMs: error.retryAfterMs };
  return SERVER_TROUBLE.has(error.code) ? { kind: 'error' } : { kind: 'ok', durationMs };
}

export interface HostLease {
  host: string;
  /**
   * Call as the request is written to the socket (each hop of a redirect chain): the host's next
   * start counts from then, not from the grant, so a busy event loop in between cannot bunch
   * requests at the site. Never throws (the grant already counted as a start).
   */
  started(): Promise<void>;
  /**
   * Another start under this lease (a redirect hop to the same host): resolves with 0 when it may
   * be sent (one interval after the last start), else with a wait longer than holdMs.
   */
  startAgain(): Promise<number>;
  /** Frees the slot and tells the host's pace how the fetch went. Safe to call more than once. */
  release(outcome: HostOutcome): Promise<void>;
}

export type HostGate = { granted: true; lease: HostLease } | { granted: false; waitMs: number };

export interface HostLimiterOptions {
  /** Per-host limits and adaptive back-off (config `politeness`). */
  politeness: PolitenessConfig;
  /** A lease not released within this long is void (its worker died). Default: 120000 ms; use more than fetch.totalTimeoutMs. */
  leaseMs?: number;
  /**
   * A wait up to this long is slept in the worker (the job keeps its slot) rather than spent in
   * BullMQ's delayed set; longer waits come back this much / 2 before their turn and sleep the
   * rest, so the delayed set's promotion lag never idles a host. Default: 1000 ms.
   */
  holdMs?: number;
}

/**
 * Starts are spaced this much wider than 1 / requestsPerSecond: the site stamps a request's
 * arrival with its own clock, a little after it left the worker (the wire, the site's own
 * scheduling). Writes themselves are never closer than the interval (counted from each write).
 */
const START_MARGIN = 0.03;

/** How soon a start waiting for another worker's pending start (claimed, not yet written) looks again. */
const PENDING_POLL_MS = 10;

/** Idle hosts' state (pace factor, turns) is forgotten after this long. */
const STATE_TTL_MS = 3_600_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Per-host politeness across every worker process, enforced in Redis: at most `maxInFlight`
 * fetches in flight and one start per `1000 / requestsPerSecond` ms (or the robots.txt
 * Crawl-delay, whichever is slower, times the adaptive factor). Starts are reserved on a token
 * schedule and the caller sleeps until its own; a host that cannot take the caller within
 * `holdMs` answers with how long to wait, and the caller delays its job rather than failing it.
 */
export class HostLimiter {
  private readonly leaseMs: number;
  private readonly holdMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly options: HostLimiterOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.holdMs = options.holdMs ?? 1000;
  }

  limits(host: string): HostLimits {
    return limitsFor(host, this.options.politeness);
  }

  private intervalMs(host: string, crawlDelayMs = 0): number {
    return Math.round(Math.max(1000 / this.limits(host).requestsPerSecond, crawlDelayMs) * (1 + START_MARGIN));
  }

  /**
   * A slot whose start is now, or how long to wait (then more than `holdMs`). Resolves when the
   * request may be sent: shorter waits, for a reserved start or a slot, are slept here.
   * `callerId` (the job id) keeps the caller's place in the host's line across its waits;
   * `crawlDelayMs` can only slow the host down.
   */
  async acquire(host: string, options: { crawlDelayMs?: number; callerId?: string } = {}): Promise<HostGate> {
    const keys = hostKeys(this.prefix, host);
    const intervalMs = this.intervalMs(host, options.crawlDelayMs);
    const callerId = options.callerId ?? randomBytes(8).toString('hex');
    await this.redis.zadd(activeHostsKey(this.prefix), Date.now(), host.toLowerCase());
    // In all, at most holdMs is slept here: a fetch that overstays its slot sends waiters to the delayed set.
    for (let held = 0; ; ) {
      const leaseId = randomBytes(8).toString('hex');
      const [granted, ms] = (await runScript(this.redis, 'acquireHostSlot', [keys.leases, keys.state, keys.turns], [leaseId, this.leaseMs, this.limits(host).maxInFlight, intervalMs, STATE_TTL_MS, callerId, this.holdMs])) as [number, number, number];
      const waitMs = Number(ms);
      if (granted === 1) {
        const lease = this.lease(host, leaseId, intervalMs);
        const delayMs = waitMs > 0 ? await this.confirm(host, leaseId, intervalMs, waitMs).catch(async (error: unknown) => {
          await lease.release({ kind: 'unused' }).catch(() => undefined);
          throw error;
        }) : 0;
        if (delayMs === 0) return { granted: true, lease };
        // Paused since the reservation (a 429): the start is given back, the job waits.
        await lease.release({ kind: 'unused' });
        return { granted: false, waitMs: delayMs };
      }
      if (waitMs > this.holdMs) return { granted: false, waitMs: waitMs - this.holdMs / 2 };
      if (held + waitMs > this.holdMs) return { granted: false, waitMs };
      held += waitMs;
      await sleep(waitMs);
    }
  }

  /**
   * Sleeps to a start and confirms it: 0 once it is the host's start, else a wait longer than
   * holdMs (or holdMs, when another worker's pending start kept it waiting that long in all).
   */
  private async confirm(host: string, leaseId: string, intervalMs: number, firstWaitMs: number): Promise<number> {
    const { leases, state } = hostKeys(this.prefix, host);
    for (let waitMs = firstWaitMs, slept = 0; ; ) {
      if (waitMs > this.holdMs) return waitMs;
      if (slept > this.holdMs) return Math.max(waitMs, this.holdMs);
      if (waitMs > 0) await sleep(waitMs);
      slept += waitMs;
      waitMs = Number(await runScript(this.redis, 'confirmHostStart', [leases, state], [intervalMs, STATE_TTL_MS, leaseId, PENDING_POLL_MS]));
      if (waitMs === 0) return 0;
    }
  }

  private lease(host: string, leaseId: string, intervalMs: number): HostLease & { release(outcome: HostOutcome | { kind: 'unused' }): Promise<void> } {
    const keys = hostKeys(this.prefix, host);
    let released = false;
    const release = async (outcome: HostOutcome | { kind: 'unused' }) => {
      if (released) return;
      released = true;
      const retryAfterMs = outcome.kind === 'throttled' ? (outcome.retryAfterMs ?? 0) : 0;
      const durationMs = outcome.kind === 'ok' ? Math.round(outcome.durationMs) : 0;
      const ttl = Math.max(STATE_TTL_MS, retryAfterMs + intervalMs * this.options.politeness.maxBackoffFactor);
      await runScript(this.redis, 'releaseHostSlot', [keys.leases, keys.state, keys.turns], [leaseId, outcome.kind, retryAfterMs, durationMs, this.options.politeness.maxBackoffFactor, intervalMs, ttl]);
    };
    const started = async () => {
      await runScript(this.redis, 'markHostStart', [keys.state], [intervalMs, STATE_TTL_MS, leaseId]).catch(() => undefined);
    };
    return { host, started, startAgain: () => this.confirm(host, leaseId, intervalMs, 0), release };
  }

  /** The host's current pace factor (1: its configured pace; 2: half as fast, …). */
  async factor(host: string): Promise<number> {
    return Number((await this.redis.hget(hostKeys(this.prefix, host).state, 'factor')) ?? 1);
  }
}

/** One host's politeness right now, as /metrics reports it. */
export interface HostActivity {
  host: string;
  /** Leases held (fetches in flight, or starts reserved and about to be). */
  inFlight: number;
  /** Callers (jobs) in the host's line. */
  waiting: number;
  /** Adaptive pace factor: 1 is the configured pace, 2 half as fast, … */
  factor: number;
}

/** Hosts asked for within `sinceMs` (default 10 min), the most recent `limit` (default 100) of them. */
export async function hostActivity(redis: RedisClient, prefix: string, options: { sinceMs?: number; limit?: number } = {}): Promise<HostActivity[]> {
  const key = activeHostsKey(prefix);
  const now = Date.now();
  await redis.zremrangebyscore(key, '-inf', now - (options.sinceMs ?? 600_000));
  const hosts = await redis.zrevrange(key, 0, (options.limit ?? 100) - 1);
  return Promise.all(
    hosts.map(async (host) => {
      const keys = hostKeys(prefix, host);
      const [inFlight, waiting, factor] = await Promise.all([redis.zcount(keys.leases, now, '+inf'), redis.zcard(keys.turns), redis.hget(keys.state, 'factor')]);
      return { host, inFlight, waiting, factor: Number(factor ?? 1) };
    }),
  );
}
