import { request, type Dispatcher } from 'undici';
import { SitrepError } from '../errors/sitrep-error.js';
import { parseRetryAfter } from '../pipeline/fetch/retry-after.js';
import type { SsrfGuard } from '../pipeline/fetch/ssrf-guard.js';
import { webhookHeaders } from './webhook-signature.js';

export interface WebhookDelivery {
  /** webhook-id: the same on every attempt, so subscribers can de-duplicate. */
  messageId: string;
  /** The exact bytes that are signed and sent; serialized once, when the delivery is created. */
  payload: string;
}

export interface WebhookTarget {
  url: string;
  secret: string;
  previousSecrets?: string[];
}

export interface DeliverWebhookOptions {
  /** Whole attempt (connect, headers and body) must finish within this. Default 10000 ms. */
  timeoutMs?: number;
  /** Clock for webhook-timestamp, in seconds. Default: now. */
  now?: () => number;
  /** undici dispatcher (connection pool); give it the guard's `lookup` so resolved names are checked too. Default: undici's global one. */
  dispatcher?: Dispatcher;
  /** SSRF guard for literal-IP URLs (names are checked by the dispatcher's lookup). Default: none. */
  guard?: SsrfGuard;
  /** Default "sitrep-webhooks/1". */
  userAgent?: string;
}

export interface DeliveryResult {
  status: number;
  durationMs: number;
}

const NETWORK_TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Maps an answer to the error the queue worker retries (408, 429, 5xx) or dead-letters at once (other non-2xx). */
function statusError(status: number, url: string, retryAfter: number | undefined): SitrepError | null {
  if (status >= 200 && status < 300) return null;
  const details = { status, url };
  if (status === 408) return new SitrepError('SITREP_ERR_HTTP_REQUEST_TIMEOUT', `subscriber answered 408`, { details });
  if (status === 429) return new SitrepError('SITREP_ERR_HTTP_RATE_LIMITED', `subscriber answered 429`, { details, retryAfterMs: retryAfter });
  if (status >= 500) return new SitrepError('SITREP_ERR_HTTP_SERVER', `subscriber answered ${status}`, { details, retryAfterMs: retryAfter });
  return new SitrepError('SITREP_ERR_WEBHOOK_REJECTED', `subscriber answered ${status}`, { details });
}

function networkError(error: unknown, url: string, timeoutMs: number): SitrepError {
  const e = error as { code?: string; name?: string; message?: string };
  if (NETWORK_TIMEOUTS.has(e.code ?? '') || e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new SitrepError('SITREP_ERR_TIMEOUT', `subscriber did not answer within ${timeoutMs} ms`, { cause: error, details: { url } });
  }
  // Any other network failure (refused, reset, DNS) is worth retrying: the subscriber may come back.
  return new SitrepError('SITREP_ERR_CONNECT', `cannot reach subscriber: ${e.code ?? e.message ?? String(error)}`, { cause: error, details: { url } });
}

/**
 * One delivery attempt: POST the payload, signed with the subscriber's current and previous
 * secrets and a fresh timestamp. Resolves on 2xx; otherwise throws a coded SitrepError whose
 * `retryable` decides between a retry and the dead-letter queue.
 */
export async function deliverWebhook(target: WebhookTarget, delivery: WebhookDelivery, options: DeliverWebhookOptions = {}): Promise<DeliveryResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const timestamp = options.now?.() ?? Math.floor(Date.now() / 1000);
  const secrets = [target.secret, ...(target.previousSecrets ?? [])];
  const started = performance.now();
  options.guard?.assertUrlAllowed(new URL(target.url));
  let status: number;
  let retryAfter: number | undefined;
  try {
    const response = await request(target.url, {
      method: 'POST',
      body: delivery.payload,
      headers: {
        'content-type': 'application/json',
        'user-agent': options.userAgent ?? 'sitrep-webhooks/1',
        ...webhookHeaders(secrets, delivery.messageId, timestamp, delivery.payload),
      },
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      // undici's request() never follows redirects: a 3xx counts as a rejection.
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    status = response.statusCode;
    const header = response.headers['retry-after'];
    retryAfter = parseRetryAfter(Array.isArray(header) ? header[0] : header);
    await response.body.dump(); // frees the connection; the answer's body is not used
  } catch (error) {
    // The guard's refusal may arrive wrapped by undici's connector.
    const cause = (error as { cause?: unknown }).cause;
    throw error instanceof SitrepError ? error : cause instanceof SitrepError ? cause : networkError(error, target.url, timeoutMs);
  }
  const failure = statusError(status, target.url, retryAfter);
  if (failure) throw failure;
  return { status, durationMs: performance.now() - started };
}
