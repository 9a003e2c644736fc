/**
 * Key layout. Every key of one slot family shares a {hash tag}, so a Lua script may touch them in one
 * step on a Redis Cluster. Each queue (fetch, discover, each webhook subscriber's) has a slot of its
 * own, as BullMQ needs; the intake family holds every unit's bookkeeping (units, run sets, records,
 * the record stream, dead letters), so complete and bury are single scripts there. A prefix that
 * already carries a {hash tag} puts the whole deployment in that one slot.
 */
export function slotPrefix(prefix: string, family: string): string {
  return prefix.includes('{') ? prefix : `{${prefix}:${family}}`;
}

export const INTAKE_FAMILY = 'intake';

/** BullMQ's `prefix` option for a queue (its keys are `<this>:<queue name>:…`): a slot per queue. */
export function queuePrefix(prefix: string, queueName: string): string {
  return slotPrefix(prefix, queueName);
}

/** Every non-BullMQ key sitrep writes. */
export function redisKeys(prefix: string) {
  const intake = slotPrefix(prefix, INTAKE_FAMILY);
  return {
    unitPrefix: `${intake}:unit:`,
    unit: (unitId: string) => `${intake}:unit:${unitId}`,
    run: (runId: string, set: 'submitted' | 'completed' | 'dead' | 'duplicate') => `${intake}:run:${runId}:${set}`,
    record: (id: string) => `${intake}:record:${id}`,
    recordIndex: `${intake}:records:index`,
    recordStream: `${intake}:records:stream`,
    deadLetterPrefix: `${intake}:dead-letter:`,
    deadLetter: (id: string) => `${intake}:dead-letter:${id}`,
    deadLetterIndex: `${intake}:dead-letters`,
    /** When a job that failed once first started (BullMQ's processedOn is its latest attempt's). */
    firstAttempt: (letterId: string) => `${intake}:first-attempt:${letterId}`,
    /** Per-minute stage outcomes for the status page: a family of their own. */
    statsPrefix: slotPrefix(prefix, 'stats'),
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** Dead letters name the queue a job failed in; this is no BullMQ queue (letters live in the intake slot). */
export const DEAD_LETTER_QUEUE = 'dead-letter';

/** Each webhook subscriber's deliveries go to the queue `webhook-<subscriber id>`. */
export const WEBHOOK_QUEUE_PREFIX = 'webhook-';
