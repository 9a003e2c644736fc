import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteSummary } from '../../src/api/build-app.js';
import { bearer, createApiTestApp, TOKENS, type ApiTestApp, type TestRole } from './api-test-app.js';

/** The role one step below what a route needs (null when there is none). */
const WEAKER: Record<string, TestRole | null> = { public: null, metrics: null, client: 'metrics', admin: 'client' };
const STREAM = '/v1/records/stream'; // never ends: checked over a real socket in record-stream.test.ts

const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'x').replace(/\*$/, 'x');

describe('authentication and roles, on every route', () => {
  let t: ApiTestApp;
  let routes: RouteSummary[];

  beforeAll(async () => {
    t = await createApiTestApp();
    routes = t.app.sitrepRoutes.filter((r) => r.method !== 'HEAD');
  });
  afterAll(() => t.close());

  const call = (r: RouteSummary, headers: Record<string, string> = {}) =>
    t.app.inject({ method: r.method as 'GET', url: concrete(r.url), headers: { ...headers, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { 'content-type': 'application/json' }) }, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : '{}' });

  it('covers the API, the status page and the dashboard', () => {
    const urls = routes.map((r) => `${r.method} ${r.url}`);
    expect(urls).toEqual(expect.arrayContaining(['POST /v1/urls', 'GET /v1/jobs/:id', 'GET /', 'GET /admin/queues', 'DELETE /v1/dead-letters/:id', 'GET /metrics']));
    expect(routes.length).toBeGreaterThan(30);
  });

  it('leaves only /healthz and /readyz open', () => {
    expect(routes.filter((r) => r.access === 'public').map((r) => r.url).sort()).toEqual(['/healthz', '/readyz']);
  });

  it('answers 401 with a challenge and a coded error without a token, and with a wrong one', async () => {
    for (const r of routes.filter((x) => x.access !== 'public')) {
      for (const headers of [{} as Record<string, string>, { authorization: 'Bearer not-a-real-token-123456' }, { authorization: `Basic ${Buffer.from('u:wrong').toString('base64')}` }, { authorization: TOKENS.admin }]) {
        const res = await call(r, headers);
        expect(res.statusCode, `${r.method} ${r.url} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.json().error.code).toBe('SITREP_ERR_AUTH');
        expect(res.headers['www-authenticate']).toEqual(expect.arrayContaining([expect.stringMatching(/^Basic /), expect.stringMatching(/^Bearer /)]));
      }
    }
  });

  it('answers 403 to a valid token whose role is too weak', async () => {
    for (const r of routes) {
      const weaker = WEAKER[r.access];
      if (!weaker) continue;
      const res = await call(r, bearer(weaker));
      expect(res.statusCode, `${r.method} ${r.url} as ${weaker}`).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'SITREP_ERR_AUTH', message: expect.stringContaining(r.access) });
    }
  });

  it('lets the right role (and any stronger one) through', async () => {
    for (const r of routes.filter((x) => x.url !== STREAM && !x.url.startsWith('/admin/queues/'))) {
      const roles: TestRole[] = r.access === 'admin' ? ['admin'] : r.access === 'client' ? ['client', 'admin'] : ['metrics', 'client', 'admin'];
      for (const role of r.access === 'public' ? [null] : roles) {
        const res = await call(r, role ? bearer(role) : {});
        expect([401, 403], `${r.method} ${r.url} as ${role}`).not.toContain(res.statusCode);
      }
    }
  });

  it('accepts the token as the password of Basic auth, for browsers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/', headers: { authorization: `Basic ${Buffer.from(`anyone:${TOKENS.client}`).toString('base64')}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});
