import pino, { type Logger } from 'pino';
import { redactSecrets } from './redact-secrets.js';

export type { Logger };

/** Paths pino masks wherever they appear in a log line. */
const REDACT = ['*.password', '*.token', '*.secret', '*.authorization', 'headers.authorization', 'config.redis.url', 'redisUrl'];

/**
 * The one root logger; workers and jobs take children ({queue}, then {jobId, url}).
 * Logs go to stderr so `sitrep run` can keep stdout for records.
 */
export function createLogger(level: string = 'info'): Logger {
  return pino(
    // streamWrite: the last step before output, so a credential in any message, error or field is masked.
    { level, base: { app: 'sitrep' }, redact: { paths: REDACT, censor: '[redacted]' }, hooks: { streamWrite: redactSecrets } },
    pino.destination(2),
  );
}
