import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SitrepRecord } from '../../src/record/record.js';
import { emitTestRecord, testRecord } from './test-record.js';
import { bearer, createApiTestApp, type ApiTestApp } from './api-test-app.js';

describe('GET /v1/records and /v1/records/:id', () => {
  let t: ApiTestApp;
  const client = bearer('client');
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();

  beforeAll(async () => {
    t = await createApiTestApp();
    for (const [id, ago] of [['old', 30], ['mid', 20], ['new', 10]] as const) await emitTestRecord(t.rt.queues, testRecord(id, at(ago)));
  });
  afterAll(() => t.close());

  it('returns a whole stored record by id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/records/mid', headers: client });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(testRecord('mid', at(20)));
  });

  it('lists records processed since an ISO date or epoch ms, oldest first, with a limit', async () => {
    const iso = await t.app.inject({ method: 'GET', url: `/v1/records?since=${encodeURIComponent(at(25))}`, headers: client });
    expect(iso.json().records.map((r: SitrepRecord) => r.id)).toEqual(['mid', 'new']);
    const ms = await t.app.inject({ method: 'GET', url: `/v1/records?since=${now - 35 * 60_000}&limit=2`, headers: client });
    expect(ms.json().records.map((r: SitrepRecord) => r.id)).toEqual(['old', 'mid']);
    const all = await t.app.inject({ method: 'GET', url: '/v1/records', headers: client });
    expect(all.json().records).toHaveLength(3);
  });

  it('rejects a bad since or limit, and answers 404 for an unknown or expired record', async () => {
    const since = await t.app.inject({ method: 'GET', url: '/v1/records?since=yesterday', headers: client });
    expect(since.statusCode).toBe(400);
    expect(since.json().error).toMatchObject({ code: 'SITREP_ERR_INVALID_INPUT', field: 'querystring.since' });
    const limit = await t.app.inject({ method: 'GET', url: '/v1/records?limit=5000', headers: client });
    expect(limit.json().error).toMatchObject({ code: 'SITREP_ERR_INVALID_INPUT', field: 'querystring.limit' });
    const missing = await t.app.inject({ method: 'GET', url: '/v1/records/nope', headers: client });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('SITREP_ERR_NOT_FOUND');
  });

  it('pages with a cursor: every record once, in order, even among records of the same millisecond; polling it finds only newer ones', async () => {
    const tie = at(5);
    for (const id of ['tie-c', 'tie-a', 'tie-b']) await emitTestRecord(t.rt.queues, testRecord(id, tie));
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const url: string = `/v1/records?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.inject({ method: 'GET', url, headers: client });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      seen.push(...body.records.map((r: SitrepRecord) => r.id));
      cursor = body.nextCursor;
      if (!body.more) break;
    }
    expect(seen).toEqual(['old', 'mid', 'new', 'tie-a', 'tie-b', 'tie-c']);
    const idle = await t.app.inject({ method: 'GET', url: `/v1/records?cursor=${cursor}`, headers: client });
    expect(idle.json()).toEqual({ records: [], nextCursor: cursor, more: false });
    await emitTestRecord(t.rt.queues, testRecord('later', at(1)));
    const polled = await t.app.inject({ method: 'GET', url: `/v1/records?cursor=${cursor}`, headers: client });
    expect(polled.json().records.map((r: SitrepRecord) => r.id)).toEqual(['later']);
    const bad = await t.app.inject({ method: 'GET', url: '/v1/records?cursor=bm9wZQ', headers: client });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'SITREP_ERR_INVALID_INPUT', field: 'querystring.cursor' });
  });
});
