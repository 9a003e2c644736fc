import type { Worker } from 'bullmq';
import { parseArticle } from '../pipeline/parse/parse-article.js';
import type { ParseJobData } from '../queues/job-data.js';
import { enqueueReferences } from './enqueue-references.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

const TEXT_TYPES = /^text\/(?:plain|markdown)\b/i;

export function startParseWorker(ctx: WorkerContext): Worker<ParseJobData> {
  return startQueueWorker<ParseJobData, void>(ctx, 'parse', async (job) => {
    const { body, contentType, url, finalUrl, fetchedAt, source, ...trace } = job.data;
    const input = TEXT_TYPES.test(contentType) ? { text: body } : { html: body };
    const article = parseArticle({ ...input, url: url ?? finalUrl, contentType });
    // A submitted article's references were sent by discover; a fetched page's are followed here.
    if (source === 'fetched') await enqueueReferences(ctx, trace, article.references.map((r) => r.url));
    await ctx.queues.enqueue('extract', { ...trace, source, article, finalUrl, fetchedAt });
  });
}
