import type { RedisClient } from './lua-scripts.js';
import type { ConditionalRequest } from '../pipeline/fetch/fetch-page.js';

/** What a refetch came to: a 304, a 200 whose text is the stored one, or a new version. */
export type RefetchOutcome = 'not-modified' | 'unchanged' | 'updated';
export const REFETCH_OUTCOMES: readonly RefetchOutcome[] = ['not-modified', 'unchanged', 'updated'];

/**
 * Per URL (unit id), the validators of its last fetch (ETag, Last-Modified), kept as long as its
 * record; and deployment-wide counts of refetch outcomes, read by /metrics.
 */
export class RefetchStore {
  private readonly countsKey: string;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {
    this.countsKey = `${prefix}:refetch:outcomes`;
  }

  private key(unitId: string): string {
    return `${this.prefix}:validators:${unitId}`;
  }

  /** Validators to send, only while the record they belong to is stored (a 304 must have something to stand for). */
  async conditionalFor(unitId: string, recordKey: string): Promise<ConditionalRequest | undefined> {
    const [[, validators], [, stored]] = (await this.redis.multi().hgetall(this.key(unitId)).exists(recordKey).exec()) as [[null, Record<string, string>], [null, number]];
    if (!stored || (!validators.etag && !validators.lastModified)) return undefined;
    return { etag: validators.etag || null, lastModified: validators.lastModified || null };
  }

  async remember(unitId: string, validators: ConditionalRequest): Promise<void> {
    if (!validators.etag && !validators.lastModified) {
      await this.redis.del(this.key(unitId));
      return;
    }
    await this.redis.multi().hset(this.key(unitId), { etag: validators.etag ?? '', lastModified: validators.lastModified ?? '' }).expire(this.key(unitId), this.ttlSeconds).exec();
  }

  async count(outcome: RefetchOutcome): Promise<void> {
    await this.redis.hincrby(this.countsKey, outcome, 1);
  }

  async counts(): Promise<Record<RefetchOutcome, number>> {
    const raw = await this.redis.hgetall(this.countsKey);
    return Object.fromEntries(REFETCH_OUTCOMES.map((o) => [o, Number(raw[o] ?? 0)])) as Record<RefetchOutcome, number>;
  }
}
