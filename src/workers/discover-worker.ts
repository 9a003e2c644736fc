import type { Worker } from 'bullmq';
import { planDiscovery } from '../pipeline/discover/plan-discovery.js';
import type { DiscoverJobData } from '../queues/job-data.js';
import { admitReferences } from './admit-references.js';
import { parsePage } from './parse-page.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

/** A pasted article: its references become units at fetch, and the article itself is parsed and handed to emit. */
export function startDiscoverWorker(ctx: WorkerContext): Worker<DiscoverJobData> {
  return startQueueWorker<DiscoverJobData, void>(ctx, 'discover', async (job) => {
    const { input, metadata: _labels, ...trace } = job.data;
    const plan = planDiscovery(input);
    if (plan.kind !== 'article') throw new Error('discover jobs carry articles');
    // References first: they are admitted before this unit can complete, so a run never looks done early.
    await admitReferences(ctx, trace, plan.references);
    const article = parsePage(plan.body, plan.contentType, plan.url);
    await ctx.queues.handOff({ ...trace, source: 'submitted', article, finalUrl: null, fetchedAt: null });
  });
}
