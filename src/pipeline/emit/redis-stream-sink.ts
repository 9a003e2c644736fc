import type { Redis } from 'ioredis';
import { SitrepError } from '../../errors/sitrep-error.js';
import type { SitrepRecord } from '../../record/record.js';
import { recordEventType } from './record-event.js';
import type { RecordSink } from './record-sink.js';

export interface RedisStreamSinkOptions {
  /** Stream key. */
  key: string;
  /** Approximate cap on entries (XADD MAXLEN ~). */
  maxLen: number;
}

/** XADD with fields `id`, `record` (JSON), `event` (record.emitted | record.updated) and `version`; subscribers read with consumer groups. */
export function redisStreamSink(redis: Redis, options: RedisStreamSinkOptions): RecordSink {
  return {
    name: 'redis-stream',
    async write(record) {
      try {
        await redis.xadd(options.key, 'MAXLEN', '~', options.maxLen, '*', 'id', record.id, 'record', JSON.stringify(record), 'event', recordEventType(record), 'version', String(record.version));
      } catch (error) {
        throw new SitrepError('SITREP_ERR_SINK', `redis-stream sink: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
