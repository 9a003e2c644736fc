import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { apiError } from './api-error.js';

export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
  /** True when this is the stored answer of an earlier request with the same key. */
  replayed: boolean;
}

interface Stored {
  fingerprint: string;
  statusCode?: number;
  body?: unknown;
}

/**
 * `Idempotency-Key` semantics (as Stripe and the IETF draft): the first request with a key runs and its
 * answer is kept for `ttlSeconds`; a repeat gets the same answer; a repeat while the first is still
 * running gets 409 (until its lease ends: see run); the same key with a different request gets 422.
 */
export class IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    /** How long a request holds its key while it runs. Default 30 s. */
    private readonly leaseSeconds = 30,
  ) {}

  async run<T>(scope: string, key: string, request: unknown, handler: () => Promise<{ statusCode: number; body: T }>): Promise<IdempotentResult<T>> {
    const redisKey = `${this.prefix}:idempotency:${createHash('sha256').update(`${scope}\n${key}`).digest('hex')}`;
    const fingerprint = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    // The claim is a short lease: a request whose server died mid-way does not pin its key as
    // "still being processed"; after the lease a repeat runs again (submissions are idempotent runs).
    const claimed = await this.redis.set(redisKey, JSON.stringify({ fingerprint } satisfies Stored), 'EX', Math.min(this.leaseSeconds, this.ttlSeconds), 'NX');
    if (claimed === null) {
      const raw = await this.redis.get(redisKey);
      const stored = raw ? (JSON.parse(raw) as Stored) : null;
      if (stored && stored.fingerprint !== fingerprint) throw apiError('SITREP_ERR_INVALID_INPUT', 'this Idempotency-Key was used with a different request', 422, 'headers.idempotency-key');
      if (!stored || stored.statusCode === undefined) throw apiError('SITREP_ERR_INVALID_INPUT', 'a request with this Idempotency-Key is still being processed', 409, 'headers.idempotency-key');
      return { statusCode: stored.statusCode, body: stored.body as T, replayed: true };
    }
    try {
      const result = await handler();
      await this.redis.set(redisKey, JSON.stringify({ fingerprint, ...result } satisfies Stored), 'EX', this.ttlSeconds);
      return { ...result, replayed: false };
    } catch (error) {
      await this.redis.del(redisKey); // a failed attempt must not pin its key
      throw error;
    }
  }
}
