import type { Worker } from 'bullmq';
import { extractFacts } from '../pipeline/extract/extract-facts.js';
import { buildRecord } from '../pipeline/record/build-record.js';
import { versionRecord } from '../pipeline/record/version-record.js';
import type { ExtractJobData } from '../queues/job-data.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

export function startExtractWorker(ctx: WorkerContext): Worker<ExtractJobData> {
  return startQueueWorker<ExtractJobData, void>(ctx, 'extract', async (job) => {
    const { article, source, finalUrl, fetchedAt, ...trace } = job.data;
    const facts = extractFacts(article.text, { publishedAt: article.publishedAt, language: article.language });
    const built = buildRecord(job.data, facts, new Date());
    const versioned = versionRecord(await ctx.queues.records.get(built.id), built);
    if (versioned.kind === 'unchanged') {
      // Refetched, same text: the stored version stands and nothing is emitted.
      await ctx.queues.refetch.count('unchanged');
      await ctx.queues.tracker.completed(trace, built.id);
      return;
    }
    if (versioned.kind === 'updated') await ctx.queues.refetch.count('updated');
    await ctx.queues.enqueue('emit', { ...trace, record: versioned.record });
  });
}
