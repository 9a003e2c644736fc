import { gunzipSync, gzipSync } from 'node:zlib';
import type { SitrepRecord } from '../record/record.js';
import type { RedisClient } from './lua-scripts.js';
import type { RedisKeys } from './redis-keys.js';

export interface RecordListOptions {
  /** Only records processed at or after this epoch-ms time. Default: the retention window. */
  since?: number;
  /** Only records after this position (a previous page's `next`); wins over `since`. Default: none. */
  after?: RecordPosition;
  /** Default 100, at most 1000. */
  limit?: number;
}

/** A place in the processedAt index: its score and, among records of the same millisecond, the id. */
export interface RecordPosition {
  at: number;
  id: string;
}

export interface RecordPage {
  records: SitrepRecord[];
  /** Where the next page starts: the last record listed (or `after` when none was); poll with it for newer ones. */
  next: RecordPosition | null;
  /** More records were there than the limit took. */
  more: boolean;
}

/** The stored form, in the record store and in the stream's entries alike: gzip, about 40% of the JSON. */
export function packRecord(json: string): Buffer {
  return gzipSync(json, { level: 6 });
}

/** The JSON of a stored record or stream entry; 1f 8b: gzip, else plain JSON (written before compression). */
export function unpackRecordJson(stored: Buffer): string {
  return stored[0] === 0x1f && stored[1] === 0x8b ? gunzipSync(stored).toString('utf8') : stored.toString('utf8');
}

function unpackRecord(stored: Buffer): SitrepRecord {
  return JSON.parse(unpackRecordJson(stored)) as SitrepRecord;
}

/** A record stream entry's fields (read as Buffers: the record is gzip) → the record's JSON, or undefined when it has none (trimmed while pending). */
export function streamEntryRecord(fields: readonly Buffer[]): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i].toString() === 'record') return unpackRecordJson(fields[i + 1]);
  return undefined;
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
    return (await this.page(options)).records;
  }

  /**
   * Oldest first. Records of the same millisecond are ordered by id (as the index orders them), so a
   * page that ends inside such a tie continues after its last id: no record twice, none skipped.
   */
  async page(options: RecordListOptions = {}): Promise<RecordPage> {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
    const { after } = options;
    const found: RecordPosition[] = [];
    const batch = limit + 1;
    for (let offset = 0; found.length <= limit; offset += batch) {
      const flat = await this.redis.zrangebyscore(this.keys.recordIndex, after ? after.at : (options.since ?? '-inf'), '+inf', 'WITHSCORES', 'LIMIT', offset, batch);
      for (let i = 0; i < flat.length; i += 2) {
        const position = { id: flat[i], at: Number(flat[i + 1]) };
        if (after && position.at === after.at && position.id <= after.id) continue;
        found.push(position);
      }
      if (flat.length < batch * 2) break;
    }
    const taken = found.slice(0, limit);
    return { records: await this.getMany(taken.map((p) => p.id)), next: taken.at(-1) ?? after ?? null, more: found.length > limit };
  }
}
