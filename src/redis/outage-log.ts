import type { Logger } from '../logger.js';

export interface OutageLogOptions {
  /** While errors keep coming, at most one summary line per this many ms. Default 60000. */
  intervalMs?: number;
}

export interface OutageLog {
  /** An error of the connection (or of whatever uses it): the first is logged, the rest are counted. */
  error(error: Error): void;
  /** The connection is usable again: one line with how long it was down. */
  restored(): void;
}

/**
 * A Redis blip must not flood the logs: ioredis reports every reconnect attempt, and every BullMQ
 * client on the connection reports again. One line when it starts, a count now and then, one when it ends.
 */
export function outageLog(logger: Logger, what: string, options: OutageLogOptions = {}): OutageLog {
  const intervalMs = options.intervalMs ?? 60_000;
  let since: number | null = null;
  let lastLine = 0;
  let unlogged = 0;
  return {
    error(error) {
      const now = Date.now();
      if (since === null) {
        since = now;
        lastLine = now;
        logger.warn({ err: error.message }, `${what}: ${error.message} (retrying; repeats are counted, not logged)`);
        return;
      }
      unlogged++;
      if (now - lastLine >= intervalMs) {
        logger.warn({ err: error.message, errors: unlogged, downMs: now - since }, `${what}: still failing (${unlogged} more errors)`);
        lastLine = now;
        unlogged = 0;
      }
    },
    restored() {
      if (since === null) return;
      logger.info({ downMs: Date.now() - since }, `${what}: back after ${((Date.now() - since) / 1000).toFixed(1)} s`);
      since = null;
      unlogged = 0;
    },
  };
}

const shared = new WeakMap<Logger, OutageLog>();

/** One outage log per root logger: the connection, its queues and its workers report one outage once. */
export function redisOutageLog(logger: Logger): OutageLog {
  let log = shared.get(logger);
  if (!log) {
    log = outageLog(logger, 'redis');
    shared.set(logger, log);
  }
  return log;
}
