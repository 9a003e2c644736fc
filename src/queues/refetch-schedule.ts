import type { SitrepConfig } from '../config/config-schema.js';
import type { SitrepRecord } from '../record/record.js';
import type { SitrepQueues } from './sitrep-queues.js';

/** The queue of the refetch schedule: one repeatable job, run by a worker where discover runs. */
export const REFETCH_QUEUE = 'refetch';
const SCHEDULER_ID = 'refetch-recent';
const BATCH = 500;

/**
 * Installs (or, with refetch.everyHours 0, removes) the BullMQ job scheduler that refetches
 * recent articles. Upserting is idempotent, so every worker process may call it at start.
 */
export async function scheduleRefetch(queues: SitrepQueues, config: SitrepConfig['refetch']): Promise<void> {
  const queue = queues.queue(REFETCH_QUEUE);
  if (config.everyHours <= 0) {
    await queue.removeJobScheduler(SCHEDULER_ID);
    return;
  }
  await queue.upsertJobScheduler(SCHEDULER_ID, { every: Math.round(config.everyHours * 3_600_000) }, { name: 'refetch', data: {} });
}

/** A fetched article is recent while its publication date (or, without one, its last fetch) is within maxAgeDays. */
export function isRecentArticle(record: SitrepRecord, maxAgeDays: number, now: number): boolean {
  if (record.source.kind !== 'fetched' || !record.url) return false;
  const published = record.publishedAt ? Date.parse(record.publishedAt) : Number.NaN;
  const age = now - (Number.isNaN(published) ? Date.parse(record.fetchedAt ?? record.processedAt) : published);
  return age <= maxAgeDays * 86_400_000;
}

/**
 * One run of the schedule: every stored record of a recent fetched article is submitted again
 * with refresh, so its URL is fetched with If-None-Match / If-Modified-Since; a 304 or the same
 * text makes no record, a changed text the next version. Returns how many URLs were submitted.
 */
export async function refetchRecent(queues: SitrepQueues, config: SitrepConfig['refetch'], now = Date.now()): Promise<number> {
  // The index is scored by processedAt: anything published within the window was processed within it too.
  const ids = await queues.connection.zrangebyscore(queues.keys.recordIndex, now - config.maxAgeDays * 86_400_000, '+inf');
  let submitted = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const records = await queues.records.getMany(ids.slice(i, i + BATCH));
    const urls = records.filter((r) => isRecentArticle(r, config.maxAgeDays, now)).map((r) => r.url as string);
    if (urls.length === 0) continue;
    await queues.submitUrls(urls, { refresh: true });
    submitted += urls.length;
  }
  return submitted;
}
