import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com) symmetric signatures:
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`,
 * keyed with the base64-decoded part of a `whsec_…` secret. Several space-separated signatures
 * (one per secret) let a subscriber rotate its secret without missing a delivery.
 */
export const SECRET_PREFIX = 'whsec_';

/** Receivers refuse timestamps further than this from their clock (replay protection). */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

/** A fresh `whsec_` secret: 24 random bytes, the size the reference libraries generate. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new WebhookVerificationError('the webhook secret is empty or not base64');
  return key;
}

function hmac(key: Buffer, id: string, timestamp: number, body: string | Buffer): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/** One `v1,<base64>` signature. `timestamp` is in seconds since the epoch. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string | Buffer): string {
  return `v1,${hmac(secretKey(secret), id, timestamp, body).toString('base64')}`;
}

/** The three headers of one delivery attempt, signed with every given secret (rotation). */
export function webhookHeaders(secrets: readonly string[], id: string, timestamp: number, body: string | Buffer): WebhookHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => signWebhook(s, id, timestamp, body)).join(' '),
  };
}

export interface VerifyWebhookOptions {
  /** Largest accepted distance between webhook-timestamp and now. Default 300 s. */
  toleranceSeconds?: number;
  /** The receiver's clock in seconds. Default: now. */
  now?: number;
}

type HeaderSource = Headers | WebhookHeaders | Readonly<Record<string, string | string[] | undefined>>;

function header(headers: HeaderSource, name: string): string {
  let value: string | string[] | null | undefined;
  if (typeof (headers as Headers).get === 'function') value = (headers as Headers).get(name);
  else {
    const entry = Object.entries(headers as Record<string, string | string[] | undefined>).find(([k]) => k.toLowerCase() === name);
    value = entry?.[1];
  }
  const text = Array.isArray(value) ? value.join(' ') : value;
  if (!text) throw new WebhookVerificationError(`missing ${name} header`);
  return text;
}

/**
 * For subscribers: checks a delivery against one or more secrets (any match passes) and returns
 * the parsed JSON body. `body` must be the raw bytes received, not a re-serialized object.
 * Throws WebhookVerificationError when a header is missing, the timestamp is outside the
 * tolerance, or no signature matches.
 */
export function verifyWebhook<T = unknown>(body: string | Buffer, headers: HeaderSource, secrets: string | readonly string[], options: VerifyWebhookOptions = {}): T {
  const id = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  const timestamp = Number(timestampText);
  if (!/^\d+$/.test(timestampText) || !Number.isSafeInteger(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not an integer');
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now - timestamp) > tolerance) throw new WebhookVerificationError('webhook-timestamp is outside the tolerance');

  const given = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    const expected = hmac(secretKey(secret), id, timestamp, body);
    if (given.some((g) => g.length === expected.length && timingSafeEqual(g, expected))) {
      return JSON.parse(typeof body === 'string' ? body : body.toString('utf8')) as T;
    }
  }
  throw new WebhookVerificationError('no webhook-signature matches');
}
