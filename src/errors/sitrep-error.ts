import { redactSecrets } from '../redact-secrets.js';
import { ERROR_CODES, type ErrorCode, isErrorCode } from './error-codes.js';

export interface SitrepErrorOptions {
  cause?: unknown;
  /** Server-requested delay before the next attempt (from Retry-After), in ms. */
  retryAfterMs?: number;
  /** Extra structured facts for logs and dead letters (never scraped content). */
  details?: Record<string, unknown>;
}

/** An error with a stable `code`; `retryable` is looked up in the registry, never set ad hoc. */
export class SitrepError extends Error {
  override readonly name = 'SitrepError';
  readonly code: ErrorCode;
  readonly retryAfterMs?: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: SitrepErrorOptions = {}) {
    // Messages reach logs, dead letters and API answers: no credential survives into them.
    super(redactSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }
}

/** Any thrown value as a SitrepError: coded errors pass through, everything else is INTERNAL. */
export function toSitrepError(error: unknown): SitrepError {
  if (error instanceof SitrepError) return error;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (isErrorCode(code)) return new SitrepError(code, error.message, { cause: error });
    return new SitrepError('SITREP_ERR_INTERNAL', error.message || error.name, { cause: error });
  }
  return new SitrepError('SITREP_ERR_INTERNAL', String(error));
}
