import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface SitrepMetricsOptions {
  /** Also export Node.js process metrics (CPU, memory, event loop lag). Default true. */
  defaultMetrics?: boolean;
}

/** Seconds; BullMQ stages run from milliseconds (parse) to tens of seconds (slow fetches). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Seconds; waits and a unit's whole life run from milliseconds to an hour behind a backlog or politeness limits. */
const LATENCY_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 1800, 3600];

/**
 * Every sitrep metric in one registry per process (never prom-client's global one, so several
 * apps can live in one test process). Worker-side series are counted where the work happens:
 * `sitrep worker` serves them on api.workerMetricsPort, `sitrep serve` on /metrics.
 */
export function createSitrepMetrics(options: SitrepMetricsOptions = {}) {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'sitrep_' });
  const registers = [registry];
  return {
    registry,
    jobsCompleted: new Counter({ name: 'sitrep_jobs_completed_total', help: 'Jobs completed, by stage.', labelNames: ['stage'] as const, registers }),
    jobsFailed: new Counter({ name: 'sitrep_jobs_failed_total', help: 'Jobs failed for good (dead-lettered), by stage and error code.', labelNames: ['stage', 'code'] as const, registers }),
    jobsRetried: new Counter({ name: 'sitrep_jobs_retried_total', help: 'Failed attempts that will be retried, by stage and error code.', labelNames: ['stage', 'code'] as const, registers }),
    jobDuration: new Histogram({ name: 'sitrep_job_duration_seconds', help: 'Time one attempt of a job took, by stage and outcome.', labelNames: ['stage', 'outcome'] as const, buckets: DURATION_BUCKETS, registers }),
    queueWait: new Histogram({ name: 'sitrep_job_queue_wait_seconds', help: 'Time a job waited in its queue before its first attempt started (enqueued or due → picked up), by stage.', labelNames: ['stage'] as const, buckets: LATENCY_BUCKETS, registers }),
    submitToRecord: new Histogram({ name: 'sitrep_submit_to_record_seconds', help: "Time from a unit's admission (submitted, or found as a reference) to its end with a record, retries and politeness waits included, by the stage it was admitted to.", labelNames: ['stage'] as const, buckets: LATENCY_BUCKETS, registers }),
    fetchResponses: new Counter({ name: 'sitrep_fetch_responses_total', help: 'Fetch outcomes by HTTP status class (2xx…5xx, or "none" when no response) and error code ("none" on success).', labelNames: ['status_class', 'code'] as const, registers }),
    recordsEmitted: new Counter({ name: 'sitrep_records_emitted_total', help: 'Records written to a sink, by sink and outcome.', labelNames: ['sink', 'outcome'] as const, registers }),
    webhookDeliveries: new Counter({ name: 'sitrep_webhook_deliveries_total', help: 'Webhook delivery attempts by subscriber and outcome (delivered, retry, rejected, dead).', labelNames: ['subscriber', 'outcome'] as const, registers }),
    webhookDuration: new Histogram({ name: 'sitrep_webhook_delivery_duration_seconds', help: 'Time a subscriber took to answer one delivery attempt.', labelNames: ['subscriber'] as const, buckets: DURATION_BUCKETS, registers }),
  };
}

export type SitrepMetrics = ReturnType<typeof createSitrepMetrics>;

/** "2xx" … "5xx" for an HTTP status, "none" when the request got no response. */
export function statusClass(status: number | null | undefined): string {
  return status && status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'none';
}

/** One fetch attempt: its status (if any) and error code (if any). observeWorker calls it for the fetch stage. */
export function countFetchResponse(metrics: SitrepMetrics, status: number | null | undefined, code?: string): void {
  metrics.fetchResponses.inc({ status_class: statusClass(status), code: code ?? 'none' });
}
