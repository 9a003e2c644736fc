import type { Logger } from '../logger.js';
import { EXIT_CODES } from './exit-codes.js';

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Resolves with the first SIGINT or SIGTERM. A second one ends the process at once (130/143):
 * an operator who presses Ctrl-C twice means it.
 */
export function shutdownSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const first = (signal: NodeJS.Signals) => {
      process.off('SIGINT', first);
      process.off('SIGTERM', first);
      const again = (s: NodeJS.Signals) => {
        logger.warn({ signal: s }, 'second signal: exiting without waiting');
        process.exit(SIGNAL_EXIT[s] ?? 1);
      };
      process.once('SIGINT', again);
      process.once('SIGTERM', again);
      resolve(signal);
    };
    process.on('SIGINT', first);
    process.on('SIGTERM', first);
  });
}

/**
 * Runs close() but stops waiting after graceMs: with Redis gone, active jobs cannot finish and a
 * QUIT never gets its answer; their locks lapse and other workers take the jobs. False when it gave up.
 */
export async function closeWithin(close: () => Promise<unknown>, graceMs: number, logger: Logger, what: string): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
  const done = close().then(
    () => true as const,
    (error: Error) => {
      logger.warn({ err: error.message }, `${what}: error while closing`);
      return true as const;
    },
  );
  const result = await Promise.race([done, gaveUp]);
  clearTimeout(timer);
  if (!result) logger.warn({ graceMs }, `${what}: not closed after ${graceMs / 1000} s (is Redis down?); exiting anyway, unfinished jobs go back to the queue when their locks lapse`);
  return result;
}

/** A long-running command's end: wait for the signal, close within graceMs, and say how it went as an exit code. */
export async function closeOnSignal(signal: Promise<NodeJS.Signals>, close: () => Promise<unknown>, graceMs: number, logger: Logger, what: string): Promise<number> {
  logger.info({ signal: await signal }, `${what}: shutting down, letting active work finish`);
  return (await closeWithin(close, graceMs, logger, what)) ? EXIT_CODES.ok : EXIT_CODES.error;
}
