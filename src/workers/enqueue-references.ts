import type { JobTrace } from '../queues/job-data.js';
import type { WorkerContext } from './worker-context.js';

/** Sends an article's references to fetch, one unit each, unless the depth bound or the dedupe window says no. */
export async function enqueueReferences(ctx: WorkerContext, parent: JobTrace, urls: readonly string[]): Promise<number> {
  if (parent.depth >= ctx.config.pipeline.maxDepth) return 0;
  let admitted = 0;
  for (const url of urls) {
    const trace = { runId: parent.runId, depth: parent.depth + 1, parentId: parent.unitId };
    const unit = await ctx.queues.admitUrl(url, trace, 'fetch');
    if (!unit.admitted) continue;
    await ctx.queues.enqueue('fetch', { ...trace, unitId: unit.unitId, url });
    admitted++;
  }
  return admitted;
}
