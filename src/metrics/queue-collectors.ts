import { Counter, Gauge } from 'prom-client';
import { hostActivity } from '../queues/host-limiter.js';
import type { SitrepQueues } from '../queues/sitrep-queues.js';
import { redisMemoryInfo } from '../redis/redis-memory.js';
import type { SitrepMetrics } from './sitrep-metrics.js';

/** Dead-letter ids are `<queue>.<jobId>`, so the queue is read from ids alone, without loading letters. */
export async function deadLettersByQueue(queues: SitrepQueues): Promise<Record<string, number>> {
  const ids = await queues.deadLetters.ids();
  const byQueue: Record<string, number> = {};
  for (const id of ids) {
    const queue = id.slice(0, Math.max(0, id.indexOf('.'))) || 'unknown';
    byQueue[queue] = (byQueue[queue] ?? 0) + 1;
  }
  return byQueue;
}

/** How long one read serves the gauges that share it: they are collected together, within one scrape. */
const SCRAPE_MS = 1000;

/** `read`, called once for all the gauges of one scrape that show parts of its answer. */
export function oncePerScrape<T>(read: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!last || now() - last.at >= SCRAPE_MS) last = { at: now(), value: read() };
    return last.value;
  };
}

/**
 * sitrep_queue_jobs{queue,state}, sitrep_dead_letters{queue} and the per-host politeness gauges:
 * read from Redis when Prometheus scrapes, never kept in memory. Register them in the API process only (one reader is enough).
 */
export function registerQueueCollectors(metrics: SitrepMetrics, queues: SitrepQueues): void {
  const registers = [metrics.registry];
  new Gauge({
    name: 'sitrep_queue_jobs',
    help: 'Jobs in each queue by state.',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      const { queues: counts } = await queues.counts();
      this.reset();
      for (const [queue, states] of Object.entries(counts)) {
        for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
      }
    },
  });
  new Gauge({
    name: 'sitrep_dead_letters',
    help: 'Dead letters waiting for an operator, by the queue they failed in.',
    labelNames: ['queue'] as const,
    registers,
    async collect() {
      const byQueue = await deadLettersByQueue(queues);
      this.reset();
      for (const [queue, n] of Object.entries(byQueue)) this.set({ queue }, n);
    },
  });
  // The alert rules compare the two (deploy/prometheus/alerts.yml): with noeviction, a full Redis refuses writes.
  const memory = oncePerScrape(() => redisMemoryInfo(queues.connection));
  new Gauge({
    name: 'sitrep_redis_memory_used_bytes',
    help: "Redis's used_memory (INFO memory; summed over a cluster's masters).",
    registers,
    async collect() {
      this.set((await memory()).usedBytes);
    },
  });
  new Gauge({
    name: 'sitrep_redis_memory_max_bytes',
    help: "Redis's maxmemory; 0: no limit.",
    registers,
    async collect() {
      this.set((await memory()).maxBytes);
    },
  });
  new Counter({
    name: 'sitrep_refetches_total',
    help: 'Refetches of a URL with a stored record, by outcome: not-modified (304), unchanged (same text) — neither makes a record — and updated (a new version).',
    labelNames: ['outcome'] as const,
    registers,
    async collect() {
      const counts = await queues.refetch.counts();
      this.reset();
      for (const [outcome, n] of Object.entries(counts)) this.inc({ outcome }, n);
    },
  });
  // Only hosts asked for in the last 10 minutes, at most 100: URLs come from untrusted text, labels must stay few.
  const activity = oncePerScrape(() => hostActivity(queues.connection, queues.config.queue.prefix));
  new Gauge({
    name: 'sitrep_host_fetches',
    help: 'Per host asked for in the last 10 min (the 100 latest): fetches in flight (leases, across all workers) and jobs waiting in the host\'s line.',
    labelNames: ['host', 'state'] as const,
    registers,
    async collect() {
      const hosts = await activity();
      this.reset();
      for (const h of hosts) {
        this.set({ host: h.host, state: 'in_flight' }, h.inFlight);
        this.set({ host: h.host, state: 'waiting' }, h.waiting);
      }
    },
  });
  new Gauge({
    name: 'sitrep_host_pace_factor',
    help: 'Per host asked for in the last 10 min (the 100 latest): adaptive slow-down of its request interval (1: configured pace; doubled by each 429/503).',
    labelNames: ['host'] as const,
    registers,
    async collect() {
      const hosts = await activity();
      this.reset();
      for (const h of hosts) this.set({ host: h.host }, h.factor);
    },
  });
}
