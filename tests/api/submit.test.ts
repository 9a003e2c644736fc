import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiTestApp, type ApiTestApp } from './api-test-app.js';

describe('POST /v1/urls and /v1/articles, GET /v1/jobs/:id', () => {
  let t: ApiTestApp;
  const client = bearer('client');

  beforeAll(async () => {
    t = await createApiTestApp({ api: { bodyLimitBytes: 4096 } });
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload: payload as string, headers: { ...client, ...headers } });

  it('accepts one or many URLs and answers 202 with job ids derived from the canonical URL', async () => {
    const many = await post('/v1/urls', { urls: ['https://Example.com:443/a?utm_source=x#top', 'https://example.com/b'], priority: 3, metadata: { team: 'osint' } });
    expect(many.statusCode).toBe(202);
    const { jobs } = many.json();
    expect(jobs).toHaveLength(2);
    expect(jobs[0]).toMatchObject({ url: 'https://example.com/a', duplicate: false });
    expect(jobs[0].jobId).toBe(jobs[0].unitId);

    const one = await post('/v1/urls', { urls: 'https://example.com/c' });
    expect(one.statusCode).toBe(202);
    expect(one.json().jobs).toHaveLength(1);

    const again = await post('/v1/urls', { urls: ['https://example.com/a'] });
    expect(again.json().jobs[0]).toMatchObject({ jobId: jobs[0].jobId, duplicate: true });
    const refreshed = await post('/v1/urls', { urls: ['https://example.com/a'], refresh: true });
    expect(refreshed.json().jobs[0]).toMatchObject({ jobId: jobs[0].jobId, duplicate: false });

    const job = await t.app.inject({ method: 'GET', url: `/v1/jobs/${jobs[1].jobId}`, headers: client });
    expect(job.statusCode).toBe(200);
    expect(job.json()).toMatchObject({ id: jobs[1].jobId, stage: 'fetch', state: 'waiting', attempts: 0, url: 'https://example.com/b' });
  });

  it('rejects bad input with a structured error naming the field, before queueing anything', async () => {
    const cases: Array<[unknown, number, string, string | undefined]> = [
      [{ urls: ['https://example.com/ok', 'ftp://example.com/x'] }, 400, 'SITREP_ERR_INVALID_URL', 'body.urls.1'],
      [{ urls: [] }, 400, 'SITREP_ERR_INVALID_INPUT', 'body.urls'],
      [{}, 400, 'SITREP_ERR_INVALID_INPUT', 'body.urls'],
      [{ urls: ['https://example.com/'], colour: 'red' }, 400, 'SITREP_ERR_INVALID_INPUT', 'body.colour'],
      [{ urls: ['https://example.com/'], priority: 0 }, 400, 'SITREP_ERR_INVALID_INPUT', 'body.priority'],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await post('/v1/urls', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error).toMatchObject({ code, ...(field ? { field } : {}) });
      expect(typeof res.json().error.message).toBe('string');
    }
    const counts = await t.rt.queues.queue('discover').getJobCounts('waiting', 'prioritized');
    const bad = await t.app.inject({ method: 'POST', url: '/v1/urls', payload: '{"urls": [', headers: { ...client, 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('SITREP_ERR_INVALID_INPUT');
    expect(await t.rt.queues.queue('discover').getJobCounts('waiting', 'prioritized')).toEqual(counts);
  });

  it('limits the body size (413) and refuses unknown media types (415)', async () => {
    const big = await post('/v1/articles', { content: 'x'.repeat(5000) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('SITREP_ERR_INVALID_INPUT');
    const odd = await post('/v1/articles', 'a,b', { 'content-type': 'text/csv' });
    expect(odd.statusCode).toBe(415);
  });

  it('takes an article as JSON or as a raw Markdown or HTML body', async () => {
    const json = await post('/v1/articles', { content: 'Shelling hit the town.\nOriginal url: https://news.example/a-1', name: 'paste' });
    expect(json.statusCode).toBe(202);
    expect(json.json()).toMatchObject({ url: 'https://news.example/a-1', duplicate: false });

    const html = await post('/v1/articles?url=https://news.example/b-2', '<html><body><p>Two were injured.</p></body></html>', { 'content-type': 'text/html; charset=utf-8' });
    expect(html.statusCode).toBe(202);
    expect(html.json().url).toBe('https://news.example/b-2');
    const unit = await t.app.inject({ method: 'GET', url: `/v1/jobs/${html.json().jobId}`, headers: client });
    expect(unit.json()).toMatchObject({ stage: 'discover', state: 'waiting' });

    const text = await post('/v1/articles', 'No URL in this one.', { 'content-type': 'text/markdown' });
    expect(text.statusCode).toBe(202);
    expect(text.json().url).toBeNull();
    const badUrl = await post('/v1/articles?url=notaurl', 'text', { 'content-type': 'text/markdown' });
    expect(badUrl.json().error).toMatchObject({ code: 'SITREP_ERR_INVALID_URL', field: 'querystring.url' });
  });

  it('answers duplicate: true for the same article posted again, and queues nothing; changed text under its URL is queued', async () => {
    const article = { content: 'Drones struck a depot; one person was killed.\nOriginal url: https://news.example/dup-1' };
    const first = await post('/v1/articles', article);
    expect(first.json()).toMatchObject({ url: 'https://news.example/dup-1', duplicate: false });
    const waiting = () => t.rt.queues.queue('discover').count();
    const before = await waiting();
    const again = await post('/v1/articles', article);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ jobId: first.json().jobId, duplicate: true });
    expect(await waiting()).toBe(before);
    const noUrl = { content: 'A pasted note without any link: two were wounded.' };
    expect((await post('/v1/articles', noUrl)).json().duplicate).toBe(false);
    expect((await post('/v1/articles', noUrl)).json().duplicate).toBe(true);
    const changed = await post('/v1/articles', { content: article.content.replace('one person was', 'three people were') });
    expect(changed.json()).toMatchObject({ jobId: first.json().jobId, duplicate: false });
    // Its URL counts as seen: submitting it for a fetch is a duplicate too.
    expect((await post('/v1/urls', { urls: ['https://news.example/dup-1'] })).json().jobs[0].duplicate).toBe(true);
  });

  it('replays the first answer for a repeated Idempotency-Key, and refuses the key for another request', async () => {
    const key = { 'idempotency-key': 'k-123' };
    const body = { content: 'An article with no URL, sent twice by a nervous client.' };
    const first = await post('/v1/articles', body, key);
    const second = await post('/v1/articles', body, key);
    expect(second.statusCode).toBe(202);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const other = await post('/v1/articles', { content: 'something else' }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error).toMatchObject({ code: 'SITREP_ERR_INVALID_INPUT', field: 'headers.idempotency-key' });
    // Keys are per token: the admin's k-123 is a different key.
    const admin = await post('/v1/articles', { content: 'something else' }, { ...key, ...bearer('admin') });
    expect(admin.statusCode).toBe(202);
  });

  it('answers 404 with a coded error for an unknown job', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/jobs/does-not-exist', headers: client });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: 'SITREP_ERR_NOT_FOUND', message: 'no job does-not-exist', field: 'params.id' });
  });
});
