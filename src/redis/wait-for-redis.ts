import { SitrepError } from '../errors/sitrep-error.js';
import type { Logger } from '../logger.js';

export interface WaitForRedisOptions {
  /** Pause between tries, ms. Default 2000. */
  retryMs?: number;
  /** Stops waiting (a signal to shut down): the last error is thrown. Default: never. */
  signal?: AbortSignal;
}

/**
 * For long-running processes (`sitrep worker`, `sitrep serve`): a Redis that is down or frozen at
 * start is waited for, with one log line when the wait starts and one when it ends, instead of exit 1.
 * Only SITREP_ERR_REDIS_UNAVAILABLE is waited out; any other error (bad config) is thrown at once.
 */
export async function waitForRedis<T>(connect: () => Promise<T>, logger: Logger, options: WaitForRedisOptions = {}): Promise<T> {
  const retryMs = options.retryMs ?? 2000;
  let since: number | null = null;
  for (;;) {
    try {
      const connected = await connect();
      if (since !== null) logger.info({ waitedMs: Date.now() - since }, `Redis answers after ${((Date.now() - since) / 1000).toFixed(1)} s: starting`);
      return connected;
    } catch (error) {
      if (!(error instanceof SitrepError) || error.code !== 'SITREP_ERR_REDIS_UNAVAILABLE' || options.signal?.aborted) throw error;
      if (since === null) {
        since = Date.now();
        logger.warn({ code: error.code }, `${error.message} — waiting for Redis (trying every ${retryMs / 1000} s; this process starts working when it answers)`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}
