/** Every non-BullMQ key sitrep writes, under the queue prefix so one {hash-tag} covers them all. */
export function redisKeys(prefix: string) {
  return {
    unit: (unitId: string) => `${prefix}:unit:${unitId}`,
    seen: (urlKey: string) => `${prefix}:seen:${urlKey}`,
    run: (runId: string, set: 'submitted' | 'completed' | 'dead' | 'duplicate') => `${prefix}:run:${runId}:${set}`,
    record: (id: string) => `${prefix}:record:${id}`,
    recordIndex: `${prefix}:records:index`,
    recordStream: `${prefix}:records:stream`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

export const DEAD_LETTER_QUEUE = 'dead-letter';

/** Each webhook subscriber's deliveries go to the queue `webhook-<subscriber id>`. */
export const WEBHOOK_QUEUE_PREFIX = 'webhook-';
