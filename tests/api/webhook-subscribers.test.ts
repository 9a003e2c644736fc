import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { bearer, createApiTestApp, type ApiTestApp } from './api-test-app.js';

describe('webhook subscribers over the API', () => {
  let t: ApiTestApp;
  const admin = bearer('admin');

  beforeAll(async () => {
    t = await createApiTestApp({ webhooks: { subscribers: [{ id: 'from-config', url: 'http://127.0.0.1:9/hook', secret: 'whsec_c2l0cmVwLXRlc3Qta2V5LTEyMzQ1Ng==' }] } });
  });
  afterAll(() => t.close());

  it('registers a subscriber, showing its generated secret once', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/v1/webhooks/subscribers', headers: admin, payload: { id: 'downstream', url: 'http://127.0.0.1:9/in' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'downstream', url: 'http://127.0.0.1:9/in', source: 'api', secret: expect.stringMatching(/^whsec_/) });

    const list = await t.app.inject({ method: 'GET', url: '/v1/webhooks/subscribers', headers: admin });
    expect(list.json().subscribers.map((s: { id: string }) => s.id)).toEqual(['downstream', 'from-config']);
    expect(JSON.stringify(list.json())).not.toContain('whsec_');
  });

  it('refuses a subscriber on a blocked address at registration (the guard its deliveries pass), not after 89 dead letters', async () => {
    for (const url of ['http://10.1.2.3/hook', 'http://[::1]:9/hook', 'http://169.254.169.254/latest']) {
      const refused = await t.app.inject({ method: 'POST', url: '/v1/webhooks/subscribers', headers: admin, payload: { id: 'internal', url } });
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'SITREP_ERR_BLOCKED_ADDRESS', field: 'body.url', message: expect.stringContaining('fetch.allow to deliver to it') });
    }
    const list = await t.app.inject({ method: 'GET', url: '/v1/webhooks/subscribers', headers: admin });
    expect(list.json().subscribers.map((s: { id: string }) => s.id)).not.toContain('internal');
  });

  it('refuses duplicates, bad ids and bad secrets, and protects configured subscribers', async () => {
    const dup = await t.app.inject({ method: 'POST', url: '/v1/webhooks/subscribers', headers: admin, payload: { id: 'from-config', url: 'http://127.0.0.1:9/x' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'SITREP_ERR_INVALID_INPUT', field: 'id' });
    const badId = await t.app.inject({ method: 'POST', url: '/v1/webhooks/subscribers', headers: admin, payload: { id: 'Bad Id', url: 'http://127.0.0.1:9/x' } });
    expect(badId.json().error).toMatchObject({ code: 'SITREP_ERR_INVALID_INPUT', field: 'body.id' });
    const badSecret = await t.app.inject({ method: 'POST', url: '/v1/webhooks/subscribers', headers: admin, payload: { id: 'x', url: 'http://127.0.0.1:9/x', secret: 'hunter2' } });
    expect(badSecret.json().error.field).toBe('body.secret');
    const configured = await t.app.inject({ method: 'DELETE', url: '/v1/webhooks/subscribers/from-config', headers: admin });
    expect(configured.statusCode).toBe(409);
  });

  it('removes a registered subscriber with its pending deliveries', async () => {
    await t.rt.queues.queue('webhook-downstream').add('deliver', { pending: true }, { jobId: 'pending-1' });
    const removed = await t.app.inject({ method: 'DELETE', url: '/v1/webhooks/subscribers/downstream', headers: admin });
    expect(removed.statusCode).toBe(204);
    expect(await t.rt.queues.queue('webhook-downstream').count()).toBe(0);
    const again = await t.app.inject({ method: 'DELETE', url: '/v1/webhooks/subscribers/downstream', headers: admin });
    expect(again.statusCode).toBe(404);
  });

  it('leaves no delivery waiting in an orphaned queue: a removed subscriber\'s dead letters go with it, and a late one is not replayed', async () => {
    const bury = (jobId: string) =>
      t.rt.queues.deadLetters.add('webhook-leaving', { id: jobId, name: 'deliver', data: { subscriberId: 'leaving' }, processedOn: Date.now() } as Job, new SitrepError('SITREP_ERR_HTTP_SERVER', 'server said 503'), 8);
    await t.app.inject({ method: 'POST', url: '/v1/webhooks/subscribers', headers: admin, payload: { id: 'leaving', url: 'http://127.0.0.1:9/in' } });
    await bury('msg_1');
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/webhooks/subscribers/leaving', headers: admin })).statusCode).toBe(204);
    expect(await t.rt.queues.deadLetters.get('webhook-leaving.msg_1')).toBeNull();
    // A delivery that was in flight when the subscriber went fails after it: replaying it sends nothing anywhere.
    await bury('msg_2');
    const replayed = await t.app.inject({ method: 'POST', url: '/v1/dead-letters/replay', headers: admin });
    expect(replayed.json()).toEqual({ replayed: 0 });
    expect(await t.rt.queues.queue('webhook-leaving').count()).toBe(0);
    expect(await t.rt.queues.deadLetters.get('webhook-leaving.msg_2')).toBeNull();
  });
});
