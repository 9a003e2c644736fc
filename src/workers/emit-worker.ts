import type { Worker } from 'bullmq';
import { emitRecord, type RecordSink } from '../pipeline/emit/record-sink.js';
import type { EmitJobData } from '../queues/job-data.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

/** Stores the record (by id, for the API and `sitrep run`), fans it out to the sinks, then closes the unit. */
export function startEmitWorker(ctx: WorkerContext, sinks: readonly RecordSink[]): Worker<EmitJobData> {
  return startQueueWorker<EmitJobData, void>(ctx, 'emit', async (job) => {
    const { record, ...trace } = job.data;
    await ctx.queues.records.put(record);
    await emitRecord(record, sinks);
    await ctx.queues.tracker.completed(trace, record.id);
  });
}
