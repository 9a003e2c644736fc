import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { PrettyOptions } from 'pino-pretty';
import { redactSecrets } from './redact-secrets.js';

export type { Logger };

/** auto: readable on a terminal, JSON (one object per line, for collectors) otherwise. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** Field names whose value is a secret: masked at the top level and up to two levels down (pino's `*` is one level). */
const SECRET_FIELDS = ['password', 'token', 'secret', 'authorization', 'cookie', 'set-cookie'];
/** Paths pino masks wherever they appear in a log line. */
const REDACT = [...SECRET_FIELDS.flatMap((f) => [`["${f}"]`, `*["${f}"]`, `*.*["${f}"]`]), 'config.redis.url', 'redisUrl'];

export interface CreateLoggerOptions {
  /** Default 'auto'. */
  format?: LogFormat;
  /** Default stderr (fd 2), so `sitrep run` can keep stdout for records. */
  destination?: NodeJS.WritableStream;
}

/**
 * pino-pretty, loaded with the first line it prints: most runs on a terminal print none (`sitrep run`
 * logs errors only), and its ~30 ms of start-up would be paid before anything else.
 */
function lazyPrettyStream(options: PrettyOptions): DestinationStream {
  let stream: DestinationStream | undefined;
  return {
    write(line: string) {
      stream ??= (createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty')).build(options);
      stream.write(line);
    },
  };
}

/**
 * The one root logger; workers and jobs take children ({queue}, then {jobId, url}).
 * Pretty printing runs in this thread, synchronously: a one-shot command's last lines are not lost.
 */
export function createLogger(level: string = 'info', options: CreateLoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  const isTty = Boolean((destination as { isTTY?: boolean }).isTTY);
  const pretty = options.format === 'pretty' || ((options.format ?? 'auto') === 'auto' && isTty);
  const stream: DestinationStream = pretty
    ? lazyPrettyStream({ destination: options.destination ?? 2, sync: true, colorize: isTty, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' })
    : options.destination
      ? (options.destination as unknown as DestinationStream)
      : pino.destination(2);
  return pino(
    // streamWrite: the last step before output, so a credential in any message, error or field is masked.
    { level, base: { app: 'sitrep' }, redact: { paths: REDACT, censor: '[redacted]' }, hooks: { streamWrite: redactSecrets } },
    stream,
  );
}
