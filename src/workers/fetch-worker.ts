import type { Worker } from 'bullmq';
import { fetchPage } from '../pipeline/fetch/fetch-page.js';
import { fetchUrlFor } from '../pipeline/parse/router.js';
import type { FetchJobData } from '../queues/job-data.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

export function startFetchWorker(ctx: WorkerContext): Worker<FetchJobData> {
  const { concurrency, ...options } = ctx.config.fetch;
  return startQueueWorker<FetchJobData, void>(
    ctx,
    'fetch',
    async (job) => {
      const { url, ...trace } = job.data;
      const page = await fetchPage(fetchUrlFor(url), options);
      await ctx.queues.enqueue('parse', { ...trace, source: 'fetched', body: page.body, contentType: page.contentType, url, finalUrl: page.finalUrl, fetchedAt: page.fetchedAt });
    },
    { concurrency },
  );
}
