import type { Worker } from 'bullmq';
import { emitRecord, type RecordSink } from '../pipeline/emit/record-sink.js';
import { extractFacts } from '../pipeline/extract/extract-facts.js';
import { buildRecord } from '../pipeline/record/build-record.js';
import type { EmitJobData } from '../queues/job-data.js';
import { packRecord } from '../queues/record-store.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

/**
 * Extract and emit in one job: entities and casualty figures, the record, then the sinks outside
 * Redis (JSON Lines, webhook deliveries: at-least-once), then the complete step — record store,
 * stream entry and the unit's completion in one script, written once however often this job runs.
 */
export function startEmitWorker(ctx: WorkerContext, sinks: readonly RecordSink[]): Worker<EmitJobData> {
  return startQueueWorker<EmitJobData, void>(ctx, 'emit', async (job) => {
    const { article, source: _source, finalUrl: _finalUrl, fetchedAt: _fetchedAt, ...trace } = job.data;
    const facts = extractFacts(article.text, { publishedAt: article.publishedAt, language: article.language });
    const record = buildRecord(job.data, facts, new Date());
    await emitRecord(record, sinks);
    const json = JSON.stringify(record);
    await ctx.queues.units.complete(trace, record, packRecord(json), json);
  });
}
