import { randomBytes } from 'node:crypto';
import type { SitrepConfig } from '../config/config-schema.js';
import { SitrepError } from '../errors/sitrep-error.js';
import { hostKeys } from './host-keys.js';
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
   * Call in the same tick as the request is sent: the host's next start counts from now rather
   * than from the grant, so a busy event loop between the two cannot bunch requests at the site.
   */
  started(): Promise<void>;
  /** Frees the slot and tells the host's pace how the fetch went. Safe to call more than once. */
  release(outcome: HostOutcome): Promise<void>;
}

export type HostGate = { granted: true; lease: HostLease } | { granted: false; waitMs: number };

export interface HostLimiterOptions {
  /** Per-host limits and adaptive back-off (config `politeness`). */
  politeness: PolitenessConfig;
  /** A lease not released within this long is void (its worker died). Default: 120000 ms; use more than fetch.totalTimeoutMs. */
  leaseMs?: number;
}

/**
 * Starts are spaced this much wider than 1 / requestsPerSecond: what the site measures includes
 * the few ms between the start being marked in Redis and the request reaching it (a busy event
 * loop, a new connection). On a loaded 2-core machine 3% kept every gap above the interval
 * (npm run bench:politeness).
 */
const START_MARGIN = 0.03;

/** Idle hosts' state (pace factor, turns) is forgotten after this long. */
const STATE_TTL_MS = 3_600_000;

/**
 * Per-host politeness across every worker process, enforced in Redis: at most `maxInFlight`
 * fetches in flight and one start per `1000 / requestsPerSecond` ms (or the robots.txt
 * Crawl-delay, whichever is slower, times the adaptive factor). A host at its limit answers with
 * how long to wait; the caller delays its job rather than failing it.
 */
export class HostLimiter {
  private readonly leaseMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly options: HostLimiterOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 120_000;
  }

  limits(host: string): HostLimits {
    return limitsFor(host, this.options.politeness);
  }

  private intervalMs(host: string, crawlDelayMs = 0): number {
    return Math.round(Math.max(1000 / this.limits(host).requestsPerSecond, crawlDelayMs) * (1 + START_MARGIN));
  }

  /**
   * A slot for one fetch now, or how long to wait. `callerId` (the job id) keeps the caller's
   * place in the host's line across its waits; `crawlDelayMs` can only slow the host down.
   */
  async acquire(host: string, options: { crawlDelayMs?: number; callerId?: string } = {}): Promise<HostGate> {
    const keys = hostKeys(this.prefix, host);
    const leaseId = randomBytes(8).toString('hex');
    const intervalMs = this.intervalMs(host, options.crawlDelayMs);
    const callerId = options.callerId ?? leaseId;
    const [granted, waitMs] = (await runScript(this.redis, 'acquireHostSlot', [keys.leases, keys.state, keys.turns], [leaseId, this.leaseMs, this.limits(host).maxInFlight, intervalMs, STATE_TTL_MS, callerId])) as [number, number, number];
    if (granted !== 1) return { granted: false, waitMs: Number(waitMs) };
    let released = false;
    const release = async (outcome: HostOutcome) => {
      if (released) return;
      released = true;
      const retryAfterMs = outcome.kind === 'throttled' ? (outcome.retryAfterMs ?? 0) : 0;
      const durationMs = outcome.kind === 'ok' ? Math.round(outcome.durationMs) : 0;
      const ttl = Math.max(STATE_TTL_MS, retryAfterMs + intervalMs * this.options.politeness.maxBackoffFactor);
      await runScript(this.redis, 'releaseHostSlot', [keys.leases, keys.state, keys.turns], [leaseId, outcome.kind, retryAfterMs, durationMs, this.options.politeness.maxBackoffFactor, intervalMs, ttl]);
    };
    const started = async () => {
      await runScript(this.redis, 'markHostStart', [keys.state], [intervalMs, STATE_TTL_MS]);
    };
    return { granted: true, lease: { host, started, release } };
  }

  /** The host's current pace factor (1: its configured pace; 2: half as fast, …). */
  async factor(host: string): Promise<number> {
    return Number((await this.redis.hget(hostKeys(this.prefix, host).state, 'factor')) ?? 1);
  }
}
