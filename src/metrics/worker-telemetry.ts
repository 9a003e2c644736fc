import type { Worker } from 'bullmq';
import type { WorkerContext } from '../workers/worker-context.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';
import { observeWorker } from './observe-worker.js';
import { createSitrepMetrics, type SitrepMetrics } from './sitrep-metrics.js';
import { StageStats } from './stage-stats.js';

export interface WorkerTelemetryOptions {
  /** Default: a new registry with process metrics. */
  metrics?: SitrepMetrics;
  /** Port of the /metrics server. Default: config.api.workerMetricsPort; 0 = no server. */
  port?: number;
  /** Default: config.api.workerMetricsHost. */
  host?: string;
}

export interface WorkerTelemetry {
  metrics: SitrepMetrics;
  stats: StageStats;
  /** Null when the port is 0. */
  server: MetricsServer | null;
  /** Counts another worker started later (each Worker's name is its queue, used as the stage label). */
  observe(worker: Worker): void;
  close(): Promise<void>;
}

/**
 * For `sitrep worker`: counts every worker's outcomes (Prometheus, and the per-minute stats the
 * status page reads from Redis) and serves /metrics for Prometheus to scrape.
 */
export async function startWorkerTelemetry(ctx: WorkerContext, workers: readonly Worker[], options: WorkerTelemetryOptions = {}): Promise<WorkerTelemetry> {
  const metrics = options.metrics ?? createSitrepMetrics();
  const stats = new StageStats(ctx.connection, { prefix: ctx.queues.keys.statsPrefix });
  const observe = (worker: Worker) => observeWorker(worker, worker.name, metrics, { stats, logger: ctx.logger });
  workers.forEach(observe);
  const port = options.port ?? ctx.config.api.workerMetricsPort;
  let server: MetricsServer | null = null;
  if (port > 0) {
    try {
      server = await startMetricsServer({ registry: metrics.registry, port, host: options.host ?? ctx.config.api.workerMetricsHost });
      ctx.logger.info({ url: server.url }, 'worker metrics listening');
    } catch (error) {
      // A second worker process on the same host must still run; only its metrics go unserved.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      ctx.logger.warn({ port }, 'worker metrics port in use: this process serves no /metrics (give each worker process its own SITREP_WORKER_METRICS_PORT)');
    }
  }
  return { metrics, stats, server, observe, close: async () => server?.close() };
}
