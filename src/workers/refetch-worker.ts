import type { Worker } from 'bullmq';
import { REFETCH_QUEUE, refetchRecent, scheduleRefetch } from '../queues/refetch-schedule.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

/** Runs the refetch schedule's jobs (refetch.everyHours > 0), after installing or removing the schedule. */
export async function startRefetchWorker(ctx: WorkerContext): Promise<Worker> {
  await scheduleRefetch(ctx.queues, ctx.config.refetch);
  return startQueueWorker<unknown, number>(ctx, REFETCH_QUEUE, async (_job, log) => {
    const submitted = await refetchRecent(ctx.queues, ctx.config.refetch);
    log.info({ submitted }, 'refetch: recent articles submitted again');
    return submitted;
  }, { concurrency: 1 });
}
