import type { Worker } from 'bullmq';
import type { RecordSink } from '../pipeline/emit/record-sink.js';
import type { DiscoverJobData, UnitOutcome } from '../queues/job-data.js';
import { admitReferences } from './admit-references.js';
import type { CpuPool } from './cpu-pool.js';
import { emitUnit } from './emit-unit.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

/** A pasted article: its references become units at fetch; the article itself is parsed, extracted and emitted in the same job. */
export function startDiscoverWorker(ctx: WorkerContext, cpu: CpuPool, sinks: readonly RecordSink[]): Worker<DiscoverJobData, UnitOutcome> {
  return startQueueWorker<DiscoverJobData, UnitOutcome>(ctx, 'discover', async (job) => {
    const { input, metadata: _labels, ...trace } = job.data;
    const plan = await cpu.run('discover', input);
    if (plan.kind !== 'article') throw new Error('discover jobs carry articles');
    // References first: they are admitted before this unit can complete, so a run never looks done early.
    await admitReferences(ctx, trace, plan.references);
    const article = await cpu.run('parse', { body: plan.body, contentType: plan.contentType, url: plan.url });
    return emitUnit(ctx, cpu, { ...trace, source: 'submitted', article, finalUrl: null, fetchedAt: null }, sinks);
  });
}
