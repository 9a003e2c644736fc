import { SitrepError } from '../errors/sitrep-error.js';
import { recordEventType } from '../pipeline/emit/record-event.js';
import type { RecordSink } from '../pipeline/emit/record-sink.js';
import type { SitrepRecord } from '../record/record.js';
import type { SitrepQueues } from '../queues/sitrep-queues.js';
import { webhookQueueName, type SubscriberRegistry, type WebhookSubscriber } from './subscriber-registry.js';


/** What each delivery job carries: enough to send it again from the dead-letter queue, record TTL or not. */
export interface WebhookJobData {
  subscriberId: string;
  recordId: string;
  /** webhook-id header; equal to the job id. */
  messageId: string;
  /** The JSON body, serialized once so every attempt signs the same bytes. */
  payload: string;
}

/** Standard Webhooks payload shape: {type, timestamp, data}; type is record.emitted (version 1) or record.updated. */
export function webhookPayload(record: SitrepRecord): string {
  return JSON.stringify({ type: recordEventType(record), timestamp: record.processedAt, data: record });
}

/**
 * Same record id and content → same job id, so a retried or replayed emit does not deliver twice
 * while BullMQ still remembers the job (queue.keepCompletedSeconds); changed content is a new message.
 */
export function deliveryId(record: Pick<SitrepRecord, 'id' | 'contentHash'>): string {
  return `msg_${record.id}_${record.contentHash.slice(0, 16)}`;
}

/**
 * A record sink that only enqueues: one delivery job per subscriber, in that subscriber's own
 * queue. The HTTP calls happen in the webhook workers, so a slow subscriber never holds up emit.
 */
export interface WebhookSinkOptions {
  /** How long the subscriber list is reused before it is read again, ms: a subscriber registered over the API gets records at most this much later. Default 1000; 0: read per record. */
  cacheMs?: number;
}

export function webhookSink(queues: SitrepQueues, registry: SubscriberRegistry, options: WebhookSinkOptions = {}): RecordSink {
  const cacheMs = options.cacheMs ?? 1000;
  // One read per cacheMs instead of one HGETALL per record.
  let cached: { at: number; list: Promise<WebhookSubscriber[]> } | undefined;
  const subscribersNow = () => {
    if (!cached || Date.now() - cached.at >= cacheMs) {
      const list = registry.list();
      cached = { at: Date.now(), list };
      list.catch(() => (cached = undefined));
    }
    return cached.list;
  };
  return {
    name: 'webhook',
    async write(record) {
      try {
        const subscribers = await subscribersNow();
        if (subscribers.length === 0) return;
        const payload = webhookPayload(record);
        const messageId = deliveryId(record);
        await Promise.all(
          subscribers.map((s) => {
            const name = webhookQueueName(s.id);
            const data: WebhookJobData = { subscriberId: s.id, recordId: record.id, messageId, payload };
            return queues.queue(name).add('deliver', data, { jobId: messageId });
          }),
        );
      } catch (error) {
        throw new SitrepError('SITREP_ERR_SINK', `webhook sink: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
