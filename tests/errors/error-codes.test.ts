import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isRetryableCode, type ErrorCode } from '../../src/errors/error-codes.js';
import { SitrepError, toSitrepError } from '../../src/errors/sitrep-error.js';

describe('error registry', () => {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];

  it('names every code SITREP_ERR_* and describes it', () => {
    for (const code of codes) {
      expect(code).toMatch(/^SITREP_ERR_[A-Z0-9_]+$/);
      expect(ERROR_CODES[code].description.length).toBeGreaterThan(10);
    }
  });

  it('classifies the fetch failures the way the retry policy needs', () => {
    expect(isRetryableCode('SITREP_ERR_HTTP_SERVER')).toBe(true);
    expect(isRetryableCode('SITREP_ERR_HTTP_RATE_LIMITED')).toBe(true);
    expect(isRetryableCode('SITREP_ERR_TIMEOUT')).toBe(true);
    expect(isRetryableCode('SITREP_ERR_HTTP_CLIENT')).toBe(false);
    expect(isRetryableCode('SITREP_ERR_HOST_NOT_FOUND')).toBe(false);
    expect(isRetryableCode('SITREP_ERR_BLOCKED_ADDRESS')).toBe(false);
    expect(isRetryableCode('SITREP_ERR_BODY_TOO_LARGE')).toBe(false);
  });

  it('is listed in the README, every code', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const code of codes) expect(readme, code).toContain(code);
  });

  it('gives errors a stable name and code, and wraps strangers as INTERNAL', () => {
    const e = new SitrepError('SITREP_ERR_HTTP_CLIENT', 'x');
    expect(e.name).toBe('SitrepError');
    expect(e.retryable).toBe(false);
    expect(toSitrepError(e)).toBe(e);
    expect(toSitrepError(new Error('y')).code).toBe('SITREP_ERR_INTERNAL');
    expect(toSitrepError(Object.assign(new Error('z'), { code: 'SITREP_ERR_TIMEOUT' })).code).toBe('SITREP_ERR_TIMEOUT');
    expect(toSitrepError('str').message).toBe('str');
  });
});
