import type { JobTrace } from '../queues/job-data.js';
import { packRecord } from '../queues/record-store.js';
import type { RefetchOutcome } from '../queues/refetch-store.js';
import type { WorkerContext } from './worker-context.js';

/**
 * A refetch that found nothing new (a 304, or the same text): the unit completes with the stored
 * record as it is — kept for another retention period, but no new version and no stream entry.
 */
export async function completeUnchanged(ctx: WorkerContext, trace: JobTrace, outcome: Exclude<RefetchOutcome, 'updated'>): Promise<void> {
  const stored = await ctx.queues.records.get(trace.unitId);
  if (!stored) throw new Error(`record ${trace.unitId} vanished during its refetch`);
  if (await ctx.queues.units.complete(trace, stored, packRecord(JSON.stringify(stored)), { stream: false })) await ctx.queues.refetch.count(outcome);
}
