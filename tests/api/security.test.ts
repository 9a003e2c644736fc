import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPolicy } from '../../src/api/security-headers.js';
import { STATUS_PAGE_HTML } from '../../src/api/status-page/status-page-html.js';
import { basic, bearer, createApiTestApp, type ApiTestApp } from './api-test-app.js';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('API hardening: cross-site requests, form bodies, security headers, rate limits', () => {
  let t: ApiTestApp;

  beforeAll(async () => {
    t = await createApiTestApp({ api: { submitRateLimit: 3 } });
  });
  afterAll(() => t.close());

  const article = { content: 'Two people were injured in the blast.' };

  it('refuses a state-changing request another site makes with a logged-in browser, for clients and admins', async () => {
    const forged = [
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site', origin: 'https://sub.localhost' },
      { origin: 'https://evil.example' }, // an older browser: Origin alone
      { origin: 'null' }, // sandboxed frames and some redirects
    ];
    for (const headers of forged) {
      const submit = await t.app.inject({ method: 'POST', url: '/v1/articles', headers: { ...basic('client'), ...headers }, payload: article });
      expect(submit.statusCode, JSON.stringify(headers)).toBe(403);
      expect(submit.json().error.code).toBe('SITREP_ERR_CROSS_SITE');
      const replay = await t.app.inject({ method: 'POST', url: '/v1/dead-letters/replay', headers: { ...basic('admin'), ...headers } });
      expect(replay.statusCode).toBe(403);
      const purge = await t.app.inject({ method: 'DELETE', url: '/v1/dead-letters', headers: { ...basic('admin'), ...headers } });
      expect(purge.statusCode).toBe(403);
    }
    expect(await t.rt.queues.queue('discover').count()).toBe(0);
  });

  it('lets the same origin, the user\'s own navigation and programs (no browser headers) through, and reads stay open', async () => {
    const sameOrigin = await t.app.inject({ method: 'POST', url: '/v1/dead-letters/replay', headers: { ...basic('admin'), host: 'sitrep.local:3000', origin: 'http://sitrep.local:3000', 'sec-fetch-site': 'same-origin' } });
    expect(sameOrigin.statusCode).toBe(200);
    const originOnly = await t.app.inject({ method: 'POST', url: '/v1/dead-letters/replay', headers: { ...bearer('admin'), host: 'sitrep.local:3000', origin: 'http://sitrep.local:3000' } });
    expect(originOnly.statusCode).toBe(200);
    const program = await t.app.inject({ method: 'POST', url: '/v1/dead-letters/replay', headers: bearer('admin') });
    expect(program.statusCode).toBe(200);
    const crossSiteRead = await t.app.inject({ method: 'GET', url: '/v1/dead-letters', headers: { ...basic('admin'), 'sec-fetch-site': 'cross-site' } });
    expect(crossSiteRead.statusCode).toBe(200);
  });

  it('takes no body a web form can send: text/plain, urlencoded and multipart are 415', async () => {
    const forms: Array<[string, string]> = [
      ['text/plain', '{"content":"planted"}'],
      ['text/plain; charset=utf-8', 'content=planted'],
      ['application/x-www-form-urlencoded', 'content=planted'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="content"\r\n\r\nplanted\r\n--x--\r\n'],
    ];
    for (const [type, payload] of forms) {
      for (const url of ['/v1/articles', '/v1/urls']) {
        const res = await t.app.inject({ method: 'POST', url, headers: { ...bearer('client'), 'content-type': type }, payload });
        expect(res.statusCode, `${type} ${url}`).toBe(415);
        expect(res.json().error.code).toBe('SITREP_ERR_INVALID_INPUT');
      }
    }
    const plain = await t.app.inject({ method: 'POST', url: '/v1/articles', headers: { ...bearer('client'), 'content-type': 'text/plain' }, payload: 'x' });
    expect(plain.json().error.message).toContain('"contentType": "text/plain"');
    expect(await t.rt.queues.queue('discover').count()).toBe(0);
  });

  it('sends helmet\'s headers everywhere and the strictest CSP on JSON answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'content-security-policy': "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
    });
  });

  it('gives the status page a CSP that allows exactly its own inline script and style', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/', headers: bearer('client') });
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    const [, script] = /<script>([\s\S]*?)<\/script>/.exec(STATUS_PAGE_HTML)!;
    expect(csp).toContain(`script-src 'self' ${sha256(script)}`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    // An injected script would carry another hash.
    expect(htmlPolicy('<script>alert(1)</script>')).not.toContain(sha256(script));
  });

  it('serves bull-board under its own CSP, without the fonts it would fetch from the internet', async () => {
    const board = await t.app.inject({ method: 'GET', url: '/admin/queues', headers: bearer('admin') });
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('static/js/');
    expect(board.body).not.toMatch(/googleapis|gstatic/);
    const csp = String(board.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("'unsafe-hashes'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/https?:/);
  });

  it('limits submissions per token (429 with Retry-After and a coded error), each token on its own budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/urls', headers: bearer('client'), payload: { urls: [`https://example.com/rate/${i}`] } });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json().error.code).toBe('SITREP_ERR_API_RATE_LIMITED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    const articles: number[] = [];
    for (let i = 0; i < 4; i++) articles.push((await t.app.inject({ method: 'POST', url: '/v1/articles', headers: bearer('client'), payload: { content: `article ${i}` } })).statusCode);
    expect(articles).toEqual([202, 202, 202, 429]); // each route has its own budget
    const admin = await t.app.inject({ method: 'POST', url: '/v1/urls', headers: bearer('admin'), payload: { urls: ['https://example.com/rate/admin'] } });
    expect(admin.statusCode).toBe(202);
    const reads = await t.app.inject({ method: 'GET', url: '/v1/dead-letters', headers: bearer('admin') });
    expect(reads.statusCode).toBe(200);
  });

  it('refuses webhook subscriber URLs with credentials instead of storing them', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/webhooks/subscribers', headers: bearer('admin'), payload: { id: 'creds', url: 'https://user:hunter2@hooks.example/in' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'SITREP_ERR_INVALID_URL', field: 'url' });
    expect(res.body).not.toContain('hunter2');
    const list = await t.app.inject({ method: 'GET', url: '/v1/webhooks/subscribers', headers: bearer('admin') });
    expect(list.json().subscribers).toEqual([]);
  });
});
