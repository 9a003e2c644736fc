import type { Worker } from 'bullmq';
import { extractFacts } from '../pipeline/extract/extract-facts.js';
import { buildRecord } from '../pipeline/record/build-record.js';
import type { ExtractJobData } from '../queues/job-data.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

export function startExtractWorker(ctx: WorkerContext): Worker<ExtractJobData> {
  return startQueueWorker<ExtractJobData, void>(ctx, 'extract', async (job) => {
    const { article, source, finalUrl, fetchedAt, ...trace } = job.data;
    const facts = extractFacts(article.text, { publishedAt: article.publishedAt, language: article.language });
    await ctx.queues.enqueue('emit', { ...trace, record: buildRecord(job.data, facts, new Date()) });
  });
}
