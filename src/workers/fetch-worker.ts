import type { Worker } from 'bullmq';
import type { RecordSink } from '../pipeline/emit/record-sink.js';
import { createPageFetcher } from '../pipeline/fetch/fetch-page.js';
import { fetchUrlFor } from '../pipeline/parse/router.js';
import type { FetchJobData } from '../queues/job-data.js';
import { admitReferences } from './admit-references.js';
import type { CpuPool } from './cpu-pool.js';
import { emitUnit } from './emit-unit.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

/** A URL's whole life in one job: fetch, parse, admit its references, extract and emit. The page never leaves this process. */
export function startFetchWorker(ctx: WorkerContext, cpu: CpuPool, sinks: readonly RecordSink[]): Worker<FetchJobData> {
  const { concurrency, ...options } = ctx.config.fetch;
  // One guarded pool for the worker's life: pages of the same host reuse their connections.
  const fetcher = createPageFetcher(options);
  const worker = startQueueWorker<FetchJobData, void>(
    ctx,
    'fetch',
    async (job) => {
      const { url, metadata: _labels, ...trace } = job.data;
      const page = await fetcher.fetch(fetchUrlFor(url));
      const article = await cpu.run('parse', { body: page.body, contentType: page.contentType, url });
      // References first: they are admitted before this unit can complete, so a run never looks done early.
      await admitReferences(ctx, trace, article.references.map((r) => r.url));
      await emitUnit(ctx, cpu, { ...trace, source: 'fetched', article, finalUrl: page.finalUrl, fetchedAt: page.fetchedAt }, sinks);
    },
    { concurrency },
  );
  worker.on('closed', () => void fetcher.close());
  return worker;
}
