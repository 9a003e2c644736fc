import type { Worker } from 'bullmq';
import { planDiscovery } from '../pipeline/discover/plan-discovery.js';
import type { DiscoverJobData } from '../queues/job-data.js';
import { enqueueReferences } from './enqueue-references.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

export function startDiscoverWorker(ctx: WorkerContext): Worker<DiscoverJobData> {
  return startQueueWorker<DiscoverJobData, void>(ctx, 'discover', async (job) => {
    const { input, ...trace } = job.data;
    const plan = planDiscovery(input);
    if (plan.kind === 'fetch') {
      await ctx.queues.enqueue('fetch', { ...trace, url: plan.url });
      return;
    }
    // References first: they are submitted before this unit can complete, so a run never looks done early.
    await enqueueReferences(ctx, trace, plan.references);
    await ctx.queues.enqueue('parse', { ...trace, source: 'submitted', body: plan.body, contentType: plan.contentType, url: plan.url, finalUrl: null, fetchedAt: null });
  });
}
