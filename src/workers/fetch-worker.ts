import type { Worker } from 'bullmq';
import { createPageFetcher } from '../pipeline/fetch/fetch-page.js';
import { fetchUrlFor } from '../pipeline/parse/router.js';
import type { FetchJobData } from '../queues/job-data.js';
import { admitReferences } from './admit-references.js';
import { parsePage } from './parse-page.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

/** Fetch and parse in one job: the page body stays in this process; only the parsed article goes on to emit. */
export function startFetchWorker(ctx: WorkerContext): Worker<FetchJobData> {
  const { concurrency, ...options } = ctx.config.fetch;
  // One guarded pool for the worker's life: pages of the same host reuse their connections.
  const fetcher = createPageFetcher(options);
  const worker = startQueueWorker<FetchJobData, void>(
    ctx,
    'fetch',
    async (job) => {
      const { url, metadata: _labels, ...trace } = job.data;
      const page = await fetcher.fetch(fetchUrlFor(url));
      const article = parsePage(page.body, page.contentType, url);
      // References first: they are admitted before this unit can complete, so a run never looks done early.
      await admitReferences(ctx, trace, article.references.map((r) => r.url));
      await ctx.queues.handOff({ ...trace, source: 'fetched', article, finalUrl: page.finalUrl, fetchedAt: page.fetchedAt });
    },
    { concurrency },
  );
  worker.on('closed', () => void fetcher.close());
  return worker;
}
