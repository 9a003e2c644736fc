import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/pipeline/fetch/retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date relative to now, a past date meaning now', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what is absent or unparseable', () => {
    for (const value of [undefined, '', 'soon', '-5', '1.5']) expect(parseRetryAfter(value, now), String(value)).toBeUndefined();
  });
});
