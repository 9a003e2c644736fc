import type { Worker } from 'bullmq';
import type { RecordSink } from '../pipeline/emit/record-sink.js';
import { createPageFetcher } from '../pipeline/fetch/fetch-page.js';
import { politeFetch } from '../pipeline/fetch/polite-fetch.js';
import { fetchUrlFor } from '../pipeline/parse/fetch-url.js';
import { DeferJob } from '../queues/defer-job.js';
import { HostLimiter } from '../queues/host-limiter.js';
import type { FetchJobData, UnitOutcome } from '../queues/job-data.js';
import { RobotsCache } from '../queues/robots-cache.js';
import { admitReferences } from './admit-references.js';
import { completeUnchanged } from './complete-unchanged.js';
import type { CpuPool } from './cpu-pool.js';
import { emitUnit } from './emit-unit.js';
import { PageBacklog } from './page-backlog.js';
import { startQueueWorker } from './queue-worker.js';
import type { WorkerContext } from './worker-context.js';

/** A lease outlives the longest fetch by this much before it counts as abandoned. */
const LEASE_MARGIN_MS = 10_000;

/**
 * A URL's whole life in one job: fetch, parse, admit its references, extract and emit. The page
 * never leaves this process. Before the fetch: robots.txt and the host's limits (a host at its
 * limit delays the job without spending an attempt); with a stored record, the fetch is
 * conditional, and a 304 ends the unit with the stored record.
 */
export function startFetchWorker(ctx: WorkerContext, cpu: CpuPool, sinks: readonly RecordSink[]): Worker<FetchJobData, UnitOutcome> {
  const { concurrency, maxPagesHeld, ...options } = ctx.config.fetch;
  const { prefix } = ctx.config.queue;
  // One guarded pool for the worker's life: pages of the same host reuse their connections.
  const fetcher = createPageFetcher(options);
  const polite = {
    fetcher,
    limiter: new HostLimiter(ctx.connection, prefix, { politeness: ctx.config.politeness, leaseMs: options.totalTimeoutMs + LEASE_MARGIN_MS }),
    robots: ctx.config.robots.enabled
      ? new RobotsCache(ctx.connection, prefix, { ttlSeconds: ctx.config.robots.ttlSeconds, errorTtlSeconds: ctx.config.robots.errorTtlSeconds, lockMs: options.totalTimeoutMs + LEASE_MARGIN_MS })
      : null,
    userAgentToken: ctx.config.robots.userAgentToken,
  };
  const backlog = new PageBacklog(maxPagesHeld);
  const worker = startQueueWorker<FetchJobData, UnitOutcome>(
    ctx,
    'fetch',
    async (job) => {
      const { url, metadata: _labels, ...trace } = job.data;
      const { refetch, keys } = ctx.queues;
      const conditional = await refetch.conditionalFor(trace.unitId, keys.record(trace.unitId));
      // The body's place in the backlog: taken before it is read, given back once it is parsed (or the job ends).
      let release: (() => void) | undefined;
      const beforeBody = async () => void (release = await backlog.hold());
      try {
        const result = await politeFetch(fetchUrlFor(url), conditional, { ...polite, callerId: String(job.id), beforeBody });
        if (result.kind === 'wait') throw new DeferJob(result.waitMs, result.reason);
        const { page } = result;
        await refetch.remember(trace.unitId, page);
        if (page.status === 304) {
          await completeUnchanged(ctx, trace, 'not-modified');
          return 'not-modified';
        }
        const { bytes } = page.raw;
        // The bytes move to the thread instead of being copied; a small Buffer shares Node's pool slab and is copied.
        const transfer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : [];
        const article = await cpu.run('parse', { body: page.raw, contentType: page.contentType, url }, transfer);
        release?.();
        // References first: they are admitted before this unit can complete, so a run never looks done early.
        await admitReferences(ctx, trace, article.references.map((r) => r.url));
        return await emitUnit(ctx, cpu, { ...trace, source: 'fetched', article, finalUrl: page.finalUrl, fetchedAt: page.fetchedAt }, sinks);
      } finally {
        release?.();
      }
    },
    { concurrency },
  );
  worker.on('closed', () => void fetcher.close());
  return worker;
}
