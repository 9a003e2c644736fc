import { afterEach, describe, expect, it } from 'vitest';
import { packRecord } from '../../src/queues/record-store.js';
import { REFETCH_QUEUE, isRecentArticle, refetchRecent, scheduleRefetch } from '../../src/queues/refetch-schedule.js';
import { testRecord } from '../api/test-record.js';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.js';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

describe('refetch schedule', () => {
  let rt: TestRuntime | undefined;
  afterEach(async () => {
    await rt?.cleanup();
    rt = undefined;
  });

  it('counts an article as recent by its publication date, else by its last fetch; pasted articles never', () => {
    const fetched = (publishedAt: string | null, fetchedAt: string) => testRecord('x', fetchedAt, { publishedAt, fetchedAt });
    expect(isRecentArticle(fetched(at(NOW - DAY), at(NOW)), 2, NOW)).toBe(true);
    expect(isRecentArticle(fetched(at(NOW - 3 * DAY), at(NOW)), 2, NOW)).toBe(false);
    expect(isRecentArticle(fetched('2026-03-09', at(NOW)), 2, NOW)).toBe(true);
    expect(isRecentArticle(fetched(null, at(NOW - DAY)), 2, NOW)).toBe(true);
    expect(isRecentArticle({ ...fetched(null, at(NOW)), source: { kind: 'submitted', host: null, siteName: null } }, 2, NOW)).toBe(false);
  });

  it('submits the URLs of recent fetched articles again, with refresh (past the dedupe window)', async () => {
    const test = (rt = await createTestRuntime({ emit: { recordTtlSeconds: 3600 * 24 * 30 } }));
    const recent = testRecord('recent', at(NOW - DAY), { publishedAt: at(NOW - DAY), url: 'https://news.example/recent' });
    const old = testRecord('old', at(NOW - DAY), { publishedAt: at(NOW - 9 * DAY), url: 'https://news.example/old' });
    for (const r of [recent, old]) {
      const json = JSON.stringify(r);
      await test.queues.units.complete({ runId: 'earlier', unitId: r.id, depth: 0, parentId: null }, r, packRecord(json));
    }
    // Seen a moment ago: a plain submission would be a duplicate.
    await test.queues.submitUrls([recent.url as string]);
    expect(await refetchRecent(test.queues, { everyHours: 6, maxAgeDays: 2 }, NOW)).toBe(1);
    const waiting = await test.queues.queue('fetch').getJobs(['waiting']);
    expect(waiting.map((j) => j.data.url).sort()).toEqual(['https://news.example/recent', 'https://news.example/recent']);
  });

  it('installs a BullMQ job scheduler every refetch.everyHours, and removes it at 0', async () => {
    const test = (rt = await createTestRuntime());
    await scheduleRefetch(test.queues, { everyHours: 6, maxAgeDays: 2 });
    const queue = test.queues.queue(REFETCH_QUEUE);
    expect(await queue.getJobScheduler('refetch-recent')).toMatchObject({ every: 6 * 3_600_000 });
    await scheduleRefetch(test.queues, { everyHours: 0, maxAgeDays: 2 });
    expect(await queue.getJobScheduler('refetch-recent')).toBeUndefined();
  });
});
