import { describe, expect, it } from 'vitest';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { retryDelay } from '../../src/queues/backoff.js';

describe('retryDelay', () => {
  const opts = { baseMs: 1000, maxMs: 60_000 };

  it('doubles per attempt with ±50% jitter', () => {
    expect(retryDelay(1, undefined, { ...opts, random: () => 0.5 })).toBe(1000);
    expect(retryDelay(3, undefined, { ...opts, random: () => 0.5 })).toBe(4000);
    expect(retryDelay(3, undefined, { ...opts, random: () => 0 })).toBe(2000);
    expect(retryDelay(3, undefined, { ...opts, random: () => 0.999 })).toBeLessThan(6000);
  });

  it('honours a longer Retry-After, within the cap', () => {
    const rateLimited = new SitrepError('SITREP_ERR_HTTP_RATE_LIMITED', '429', { retryAfterMs: 30_000 });
    expect(retryDelay(1, rateLimited, { ...opts, random: () => 0.5 })).toBe(30_000);
    expect(retryDelay(1, new SitrepError('SITREP_ERR_HTTP_RATE_LIMITED', '429', { retryAfterMs: 3_600_000 }), opts)).toBe(60_000);
  });

  it('never exceeds the cap', () => {
    expect(retryDelay(30, undefined, opts)).toBe(60_000);
  });
});
