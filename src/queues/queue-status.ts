import type { StageStats } from '../metrics/stage-stats.js';
import { deadLettersByQueue } from '../metrics/queue-collectors.js';
import { subscriberOfQueue, webhookQueueName } from '../webhooks/subscriber-registry.js';
import { isStage } from './job-data.js';
import type { SitrepQueues } from './sitrep-queues.js';

export interface QueueStatus {
  /** A pipeline stage, a webhook subscriber's deliveries, or another queue (the refetch schedule). */
  kind: 'stage' | 'webhook' | 'other';
  /** Jobs now in each state (BullMQ). */
  waiting: number;
  prioritized: number;
  active: number;
  delayed: number;
  /** Worker connections serving it now (a dead process's connection closes); null when Redis refuses CLIENT LIST. */
  workers: number | null;
  /** What its workers did over the last hour (shared stage stats; not the jobs BullMQ happens to retain). Stages only. */
  lastHour: { completed: number; failed: number; retried: number } | null;
  /** Its dead letters now. */
  deadLetters: number;
}

export interface QueuesStatus {
  queues: Record<string, QueueStatus>;
  deadLetters: number;
}

const HOUR_MINUTES = 60;

const sum = (values: readonly number[] | undefined) => (values ?? []).reduce((a, b) => a + b, 0);

/** Every stage and webhook subscriber queue: backlog, live workers, the last hour's outcomes, dead letters. */
export async function queueStatus(queues: SitrepQueues, stats: StageStats): Promise<QueuesStatus> {
  const subscribers = await queues.subscribers.list();
  for (const s of subscribers) queues.queue(webhookQueueName(s.id));
  const [window, letters, deadLetters] = await Promise.all([stats.window(HOUR_MINUTES), deadLettersByQueue(queues), queues.deadLetters.count()]);
  const result: Record<string, QueueStatus> = {};
  for (const queue of queues.queues()) {
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
    const workers = await queue.getWorkersCount().catch(() => null);
    const outcomes = isStage(queue.name) ? window.stages[queue.name] : undefined;
    result[queue.name] = {
      kind: isStage(queue.name) ? 'stage' : subscriberOfQueue(queue.name) !== null ? 'webhook' : 'other',
      waiting: counts.waiting ?? 0,
      prioritized: counts.prioritized ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      workers,
      lastHour: isStage(queue.name) ? { completed: sum(outcomes?.completed), failed: sum(outcomes?.failed), retried: sum(outcomes?.retried) } : null,
      deadLetters: letters[queue.name] ?? 0,
    };
  }
  return { queues: result, deadLetters };
}
