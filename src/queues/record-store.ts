import type { Redis } from 'ioredis';
import type { SitrepRecord } from '../record/record.js';
import type { RedisKeys } from './redis-keys.js';

export interface RecordListOptions {
  /** Only records processed at or after this epoch-ms time. Default: the retention window. */
  since?: number;
  /** Default 100, at most 1000. */
  limit?: number;
}

/** Records by id for `sitrep run` and the API; kept for emit.recordTtlSeconds, indexed by processedAt. */
export class RecordStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds: number,
  ) {}

  async put(record: SitrepRecord): Promise<void> {
    const score = Date.parse(record.processedAt);
    await this.redis
      .multi()
      .set(this.keys.record(record.id), JSON.stringify(record), 'EX', this.ttlSeconds)
      .zadd(this.keys.recordIndex, score, record.id)
      .zremrangebyscore(this.keys.recordIndex, '-inf', score - this.ttlSeconds * 1000)
      .exec();
  }

  async get(id: string): Promise<SitrepRecord | null> {
    const raw = await this.redis.get(this.keys.record(id));
    return raw ? (JSON.parse(raw) as SitrepRecord) : null;
  }

  async getMany(ids: string[]): Promise<SitrepRecord[]> {
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => this.keys.record(id)));
    return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as SitrepRecord);
  }

  async list(options: RecordListOptions = {}): Promise<SitrepRecord[]> {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
    const ids = await this.redis.zrangebyscore(this.keys.recordIndex, options.since ?? '-inf', '+inf', 'LIMIT', 0, limit);
    return this.getMany(ids);
  }
}
