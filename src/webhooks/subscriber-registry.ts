import type { RedisClient } from '../queues/lua-scripts.js';
import type { SitrepConfig } from '../config/config-schema.js';
import { SitrepError } from '../errors/sitrep-error.js';
import { generateWebhookSecret } from './webhook-signature.js';
import { WEBHOOK_QUEUE_PREFIX } from '../queues/redis-keys.js';

export type ConfiguredSubscriber = SitrepConfig['webhooks']['subscribers'][number];

export interface WebhookSubscriber extends ConfiguredSubscriber {
  /** config: from webhooks.subscribers (read-only over the API); api: registered at run time. */
  source: 'config' | 'api';
  createdAt: string | null;
}

export interface NewSubscriber {
  id: string;
  url: string;
  /** Default: a freshly generated whsec_ secret, returned once. */
  secret?: string;
  previousSecrets?: string[];
}

/** Each subscriber has its own delivery queue, so a slow or failing one only delays itself. */
export function webhookQueueName(subscriberId: string): string {
  return `${WEBHOOK_QUEUE_PREFIX}${subscriberId}`;
}

/** The subscriber a webhook queue delivers to; null for any other queue. */
export function subscriberOfQueue(queueName: string): string | null {
  return queueName.startsWith(WEBHOOK_QUEUE_PREFIX) ? queueName.slice(WEBHOOK_QUEUE_PREFIX.length) : null;
}

/**
 * Credentials in a subscriber URL would be stored and listed in clear; deliveries are authenticated
 * by their signature, so such a URL is refused rather than kept.
 */
export function assertNoCredentials(url: string, field: string): void {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed && (parsed.username || parsed.password)) {
    throw new SitrepError('SITREP_ERR_INVALID_URL', 'webhook URLs with credentials (user:password@) are refused: deliveries are authenticated by their signature (the whsec_ secret)', { details: { field, status: 400 } });
  }
}

/**
 * Subscribers from config plus those registered over the API (a Redis hash under the queue
 * prefix, so every API and worker process sees the same list without a restart).
 */
export class SubscriberRegistry {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly configured: readonly ConfiguredSubscriber[],
  ) {
    this.key = `${prefix}:webhooks:subscribers`;
  }

  async list(): Promise<WebhookSubscriber[]> {
    const fromConfig = this.configured.map((s) => ({ ...s, source: 'config' as const, createdAt: null }));
    const stored = Object.values(await this.redis.hgetall(this.key)).map((raw) => JSON.parse(raw) as WebhookSubscriber);
    const taken = new Set(fromConfig.map((s) => s.id));
    return [...fromConfig, ...stored.filter((s) => !taken.has(s.id))].sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<WebhookSubscriber | null> {
    const configured = this.configured.find((s) => s.id === id);
    if (configured) return { ...configured, source: 'config', createdAt: null };
    const raw = await this.redis.hget(this.key, id);
    return raw ? (JSON.parse(raw) as WebhookSubscriber) : null;
  }

  async add(input: NewSubscriber): Promise<WebhookSubscriber> {
    assertNoCredentials(input.url, 'url');
    const subscriber: WebhookSubscriber = {
      id: input.id,
      url: input.url,
      secret: input.secret ?? generateWebhookSecret(),
      ...(input.previousSecrets?.length ? { previousSecrets: input.previousSecrets } : {}),
      source: 'api',
      createdAt: new Date().toISOString(),
    };
    const taken = this.configured.some((s) => s.id === input.id) || (await this.redis.hsetnx(this.key, input.id, JSON.stringify(subscriber))) === 0;
    if (taken) throw new SitrepError('SITREP_ERR_INVALID_INPUT', `a webhook subscriber with id "${input.id}" already exists`, { details: { field: 'id', status: 409 } });
    return subscriber;
  }

  /** Only API-registered subscribers can be removed here; configured ones live in the config. */
  async remove(id: string): Promise<boolean> {
    if (this.configured.some((s) => s.id === id)) {
      throw new SitrepError('SITREP_ERR_INVALID_INPUT', `webhook subscriber "${id}" comes from the configuration; remove it there`, { details: { field: 'id', status: 409 } });
    }
    return (await this.redis.hdel(this.key, id)) === 1;
  }
}
