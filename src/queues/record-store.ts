import { gunzipSync, gzipSync } from 'node:zlib';
import type { SitrepRecord } from '../record/record.js';
import type { RedisClient } from './lua-scripts.js';
import type { RedisKeys } from './redis-keys.js';

export interface RecordListOptions {
  /** Only records processed at or after this epoch-ms time. Default: the retention window. */
  since?: number;
  /** Default 100, at most 1000. */
  limit?: number;
}

/** The stored form: gzip, so the store holds about a third of what the stream entry holds. */
export function packRecord(json: string): Buffer {
  return gzipSync(json, { level: 6 });
}

function unpackRecord(stored: Buffer): SitrepRecord {
  // 1f 8b: gzip. Records stored before compression are plain JSON.
  const json = stored[0] === 0x1f && stored[1] === 0x8b ? gunzipSync(stored).toString('utf8') : stored.toString('utf8');
  return JSON.parse(json) as SitrepRecord;
}

/**
 * Records by id for `sitrep run` and the API; kept for emit.recordTtlSeconds, indexed by processedAt.
 * Written only by the unit state machine's complete step (with the stream entry), read here.
 */
export class RecordStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async get(id: string): Promise<SitrepRecord | null> {
    const raw = await this.redis.getBuffer(this.keys.record(id));
    return raw ? unpackRecord(raw) : null;
  }

  async getMany(ids: string[]): Promise<SitrepRecord[]> {
    if (ids.length === 0) return [];
    const raws = await this.redis.mgetBuffer(...ids.map((id) => this.keys.record(id)));
    return raws.filter((r): r is Buffer => r !== null).map(unpackRecord);
  }

  async list(options: RecordListOptions = {}): Promise<SitrepRecord[]> {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
    const ids = await this.redis.zrangebyscore(this.keys.recordIndex, options.since ?? '-inf', '+inf', 'LIMIT', 0, limit);
    return this.getMany(ids);
  }
}
