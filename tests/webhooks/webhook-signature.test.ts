import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, verifyWebhook, WebhookVerificationError, webhookHeaders } from '../../src/webhooks/webhook-signature.js';

// The example published with the Standard Webhooks specification and its reference libraries.
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('signWebhook', () => {
  it('reproduces the Standard Webhooks published example', () => {
    expect(signWebhook(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.body)).toBe(SPEC.signature);
  });

  it('matches an HMAC-SHA256 computed by hand over id.timestamp.body with the decoded key', () => {
    const key = Buffer.from('c2l0cmVwLXRlc3Qta2V5LTEyMzQ1Ng==', 'base64'); // "sitrep-test-key-123456"
    const body = '{"id":"rec_1","title":"Ça va"}';
    const expected = createHmac('sha256', key).update(`msg_1.1700000000.${body}`).digest('base64');
    expect(signWebhook('whsec_c2l0cmVwLXRlc3Qta2V5LTEyMzQ1Ng==', 'msg_1', 1700000000, body)).toBe(`v1,${expected}`);
    expect(signWebhook('whsec_c2l0cmVwLXRlc3Qta2V5LTEyMzQ1Ng==', 'msg_1', 1700000000, Buffer.from(body))).toBe(`v1,${expected}`);
  });
});

describe('verifyWebhook', () => {
  const headers = { 'webhook-id': SPEC.id, 'webhook-timestamp': String(SPEC.timestamp), 'webhook-signature': SPEC.signature };

  it('accepts the published example and returns the parsed body', () => {
    expect(verifyWebhook(SPEC.body, headers, SPEC.secret, { now: SPEC.timestamp })).toEqual({ test: 2432232314 });
  });

  it('accepts a secret without its whsec_ prefix, Headers objects and mixed-case names', () => {
    const h = new Headers({ 'Webhook-Id': SPEC.id, 'Webhook-Timestamp': String(SPEC.timestamp), 'Webhook-Signature': SPEC.signature });
    expect(verifyWebhook(SPEC.body, h, SPEC.secret.slice(6), { now: SPEC.timestamp })).toEqual({ test: 2432232314 });
  });

  it('accepts when any of several signatures matches (rotation), ignoring unknown versions', () => {
    const rotated = { ...headers, 'webhook-signature': `v1a,abcd v1,bm9wZQ== ${SPEC.signature}` };
    expect(verifyWebhook(SPEC.body, rotated, SPEC.secret, { now: SPEC.timestamp })).toBeTruthy();
  });

  it('signs with every secret so old and new secrets both verify during a rotation', () => {
    const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()];
    const h = webhookHeaders([newSecret, oldSecret], 'msg_r', 1700000000, '{}');
    expect(h['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifyWebhook('{}', h, oldSecret, { now: 1700000000 })).toEqual({});
    expect(verifyWebhook('{}', h, [generateWebhookSecret(), newSecret], { now: 1700000000 })).toEqual({});
  });

  it('rejects a tampered body, a wrong secret, a stale timestamp and missing headers', () => {
    const fail = (fn: () => unknown, message: RegExp) => expect(fn).toThrow(message);
    fail(() => verifyWebhook('{"test": 2432232315}', headers, SPEC.secret, { now: SPEC.timestamp }), /no webhook-signature matches/);
    fail(() => verifyWebhook(SPEC.body, headers, generateWebhookSecret(), { now: SPEC.timestamp }), /no webhook-signature matches/);
    fail(() => verifyWebhook(SPEC.body, headers, SPEC.secret, { now: SPEC.timestamp + 301 }), /tolerance/);
    fail(() => verifyWebhook(SPEC.body, headers, SPEC.secret, { now: SPEC.timestamp - 301 }), /tolerance/);
    fail(() => verifyWebhook(SPEC.body, { ...headers, 'webhook-id': undefined }, SPEC.secret, { now: SPEC.timestamp }), /missing webhook-id/);
    fail(() => verifyWebhook(SPEC.body, { ...headers, 'webhook-timestamp': '16e8' }, SPEC.secret, { now: SPEC.timestamp }), /not an integer/);
    expect(() => verifyWebhook(SPEC.body, {}, SPEC.secret)).toThrow(WebhookVerificationError);
  });

  it('generates whsec_ secrets of 24 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});
