import type { BackoffStrategy } from 'bullmq';
import { SitrepError } from '../errors/sitrep-error.js';

export interface BackoffOptions {
  /** First delay in ms; doubles per attempt. */
  baseMs: number;
  /** Cap on any delay, Retry-After included. */
  maxMs: number;
  /** Source of randomness in [0, 1); injected for tests. Default Math.random. */
  random?: () => number;
}

/** Exponential backoff with ±50% jitter; a server's Retry-After wins when it asks for longer. */
export function retryDelay(attemptsMade: number, error: unknown, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const exponential = options.baseMs * 2 ** Math.max(0, attemptsMade - 1);
  const jittered = exponential * (0.5 + random());
  const requested = error instanceof SitrepError && error.retryAfterMs !== undefined ? error.retryAfterMs : 0;
  return Math.round(Math.min(options.maxMs, Math.max(jittered, requested)));
}

export function backoffStrategy(options: BackoffOptions): BackoffStrategy {
  return (attemptsMade, _type, error) => retryDelay(attemptsMade, error, options);
}
