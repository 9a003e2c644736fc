import type { Worker } from 'bullmq';
import { createPageFetcher } from '../pipeline/fetch/fetch-page.js';
import { fetchUrlFor } from '../pipeline/parse/router.js';
import type { FetchJobData } from '../queues/job-data.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

export function startFetchWorker(ctx: WorkerContext): Worker<FetchJobData> {
  const { concurrency, ...options } = ctx.config.fetch;
  // One guarded pool for the worker's life: pages of the same host reuse their connections.
  const fetcher = createPageFetcher(options);
  const worker = startQueueWorker<FetchJobData, void>(
    ctx,
    'fetch',
    async (job) => {
      const { url, ...trace } = job.data;
      const page = await fetcher.fetch(fetchUrlFor(url));
      await ctx.queues.enqueue('parse', { ...trace, source: 'fetched', body: page.body, contentType: page.contentType, url, finalUrl: page.finalUrl, fetchedAt: page.fetchedAt });
    },
    { concurrency },
  );
  worker.on('closed', () => void fetcher.close());
  return worker;
}
