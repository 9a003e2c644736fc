import type { JobTrace } from '../queues/job-data.js';
import type { WorkerContext } from './worker-context.js';

/** An article's references become units at fetch (one script for all), unless the depth bound or the dedupe window says no. */
export async function admitReferences(ctx: WorkerContext, parent: JobTrace, urls: readonly string[]): Promise<number> {
  if (parent.depth >= ctx.config.pipeline.maxDepth || urls.length === 0) return 0;
  const outcomes = await ctx.queues.admitUrls(urls, { runId: parent.runId, depth: parent.depth + 1, parentId: parent.unitId });
  return outcomes.filter((o) => o === 'admitted').length;
}
