import { instrumentSink } from '../metrics/instrument-sink.js';
import { createSitrepMetrics, type SitrepMetrics } from '../metrics/sitrep-metrics.js';
import { startWorkerTelemetry } from '../metrics/worker-telemetry.js';
import { STAGES, type StageName } from '../queues/job-data.js';
import { webhookSink } from '../webhooks/webhook-sink.js';
import { startWebhookWorkers } from '../webhooks/webhook-workers.js';
import type { CpuPool } from './cpu-pool.js';
import { startRefetchWorker } from './refetch-worker.js';
import { startWorkers } from './start-workers.js';
import type { WorkerContext } from './worker-context.js';

export interface StartServiceOptions {
  /** Pipeline stages this process runs. Default: all. Webhook deliveries run in every worker process. */
  stages?: readonly StageName[];
  /** Port of the worker's /metrics server; 0 = none. Default: config.api.workerMetricsPort. */
  metricsPort?: number;
  /** Runs parse, extract and discovery. Default: one from config.cpu (see startWorkers). */
  cpu?: CpuPool;
}

export interface RunningService {
  /** The process's counters (also served on /metrics when metricsPort is set). */
  metrics: SitrepMetrics;
  close(): Promise<void>;
}

/** What `sitrep worker` runs: the stage workers, webhook delivery workers, and their telemetry. */
export async function startService(ctx: WorkerContext, options: StartServiceOptions = {}): Promise<RunningService> {
  const stages = options.stages ?? STAGES;
  const metrics = createSitrepMetrics();
  const registry = ctx.queues.subscribers;
  // Always present, so subscribers registered over the API get records without a restart.
  const running = startWorkers(ctx, { stages, cpu: options.cpu, extraSinks: [webhookSink(ctx.queues, registry)], wrapSink: (sink) => instrumentSink(sink, metrics) });
  const telemetry = await startWorkerTelemetry(ctx, running.workers, { metrics, port: options.metricsPort });
  const webhooks = await startWebhookWorkers(ctx, registry, { metrics, stats: telemetry.stats });
  // The refetch schedule submits URLs, as operators do: it runs where discover runs.
  const refetch = stages.includes('discover') ? await startRefetchWorker(ctx) : undefined;
  return {
    metrics,
    async close() {
      await refetch?.close();
      await webhooks.close();
      await running.close();
      await telemetry.close();
    },
  };
}
