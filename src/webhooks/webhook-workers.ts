import type { Worker } from 'bullmq';
import { Agent } from 'undici';
import { toSitrepError } from '../errors/sitrep-error.js';
import { createSsrfGuard } from '../pipeline/fetch/ssrf-guard.js';
import { observeWorker } from '../metrics/observe-worker.js';
import type { SitrepMetrics } from '../metrics/sitrep-metrics.js';
import type { StageStats } from '../metrics/stage-stats.js';
import { startQueueWorker } from '../workers/queue-worker.js';
import type { WorkerContext } from '../workers/worker-context.js';
import { deliverWebhook } from './deliver-webhook.js';
import { webhookQueueName, type SubscriberRegistry } from './subscriber-registry.js';
import type { WebhookJobData } from './webhook-sink.js';

export interface WebhookWorkersOptions {
  /** Counters for deliveries and worker outcomes. Default: none. */
  metrics?: SitrepMetrics;
  /** Shared per-minute stats for the status page. Default: none. */
  stats?: StageStats;
  /** How often the subscriber list is re-read, to serve subscribers registered over the API. Default 5000 ms; 0: never. */
  refreshMs?: number;
}

export interface WebhookWorkers {
  /** Starts workers for new subscribers and stops those of removed ones. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export type DeliveryOutcome = 'delivered' | 'retry' | 'rejected' | 'dead' | 'skipped';

/**
 * One worker per subscriber queue, with webhooks.concurrency deliveries in flight each: a subscriber
 * that times out fills only its own slots. Retries, backoff and dead letters come from the shared
 * queue worker, so exhausted deliveries land in the dead-letter queue under `webhook-<id>` and
 * replay like any other job.
 */
export async function startWebhookWorkers(ctx: WorkerContext, registry: SubscriberRegistry, options: WebhookWorkersOptions = {}): Promise<WebhookWorkers> {
  const running = new Map<string, Worker>();
  const { metrics } = options;
  // Subscriber URLs pass the same SSRF guard as fetched pages (fetch.allow names the exceptions).
  const guard = createSsrfGuard(ctx.config.fetch.allow);
  const dispatcher = new Agent({ connect: { lookup: guard.lookup } });
  const count = (subscriber: string, outcome: DeliveryOutcome) => metrics?.webhookDeliveries.inc({ subscriber, outcome });

  const start = (subscriberId: string): Worker => {
    const worker = startQueueWorker<WebhookJobData, DeliveryOutcome>(
      ctx,
      webhookQueueName(subscriberId),
      async (job, log) => {
        // Read at delivery time: a rotated secret or a new URL applies to pending deliveries too.
        const subscriber = await registry.get(job.data.subscriberId);
        if (!subscriber) {
          log.info('subscriber removed; delivery dropped');
          count(subscriberId, 'skipped');
          return 'skipped';
        }
        const started = performance.now();
        try {
          await deliverWebhook(subscriber, job.data, { timeoutMs: ctx.config.webhooks.timeoutMs, guard, dispatcher });
          count(subscriberId, 'delivered');
          return 'delivered';
        } catch (thrown) {
          const error = toSitrepError(thrown);
          const exhausted = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          count(subscriberId, !error.retryable ? 'rejected' : exhausted ? 'dead' : 'retry');
          throw error;
        } finally {
          metrics?.webhookDuration.observe({ subscriber: subscriberId }, (performance.now() - started) / 1000);
        }
      },
      { concurrency: ctx.config.webhooks.concurrency },
    );
    if (metrics) observeWorker(worker, 'webhook', metrics, { stats: options.stats, logger: ctx.logger });
    return worker;
  };

  const refresh = async () => {
    const ids = new Set((await registry.list()).map((s) => s.id));
    for (const id of ids) if (!running.has(id)) running.set(id, start(id));
    for (const [id, worker] of running) {
      if (ids.has(id)) continue;
      running.delete(id);
      await worker.close();
    }
  };

  await refresh();
  const refreshMs = options.refreshMs ?? 5000;
  const timer = refreshMs > 0 ? setInterval(() => refresh().catch((e: Error) => ctx.logger.warn({ err: e.message }, 'webhook subscriber refresh failed')), refreshMs) : undefined;
  timer?.unref();
  return {
    refresh,
    async close() {
      if (timer) clearInterval(timer);
      await Promise.all([...running.values()].map((w) => w.close()));
      running.clear();
      await dispatcher.close();
    },
  };
}
