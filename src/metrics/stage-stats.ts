import type { Redis } from 'ioredis';

export type StageOutcome = 'completed' | 'failed' | 'retried';
const OUTCOMES: readonly StageOutcome[] = ['completed', 'failed', 'retried'];
const MINUTE = 60_000;
/** The live rates are summed from buckets this long. */
const SLICE = 10_000;
/** Live rates reach back this far (the status page shows the last 10 s, 1 min and 5 min). */
const SLICES_KEPT = 30;

/** What a stage's timings measure: one attempt's run time, the wait before the first attempt, admission → record. */
export type StageTiming = 'duration' | 'wait' | 'latency';
const TIMINGS: readonly StageTiming[] = ['duration', 'wait', 'latency'];
/** Upper bounds (ms) of the timing buckets; a time above the last counts in an open bucket. */
export const TIMING_BUCKETS_MS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000, 120_000, 300_000, 900_000, 3_600_000];

export interface Percentiles {
  /** Upper bound of the bucket the percentile falls in, ms; null above the last bound. */
  p50: number | null;
  p95: number | null;
  count: number;
}

export interface StageWindow {
  /** Start of each minute (epoch ms), oldest first; the last one is the current, partial minute. */
  minutes: number[];
  /** Per stage and outcome, one count per minute, aligned with `minutes`. */
  stages: Record<string, Record<StageOutcome, number[]>>;
  /** Per stage, outcomes over the last 10 s, 60 s and 5 min (whole 10 s slices, the current one included). */
  recent: Record<string, Record<'10s' | '60s' | '5m', Record<StageOutcome, number>>>;
  /** Per stage, p50/p95 of each timing over the window. */
  timings: Record<string, Partial<Record<StageTiming, Percentiles>>>;
}

export interface StageStatsOptions {
  /** Key prefix (the queue prefix, so a {hash-tag} keeps these in the queues' cluster slot). */
  prefix: string;
  /** Minutes of history kept in Redis. Default 60. */
  retentionMinutes?: number;
}

/**
 * Per-minute job outcomes shared through Redis, so the status page of `sitrep serve` sees what
 * every `sitrep worker` process did (prom-client counters only know their own process).
 * One HINCRBY per finished attempt.
 */
export class StageStats {
  private readonly retentionSeconds: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: StageStatsOptions,
  ) {
    this.retentionSeconds = (options.retentionMinutes ?? 60) * 60;
  }

  private key(minuteStart: number): string {
    return `${this.options.prefix}:stats:${minuteStart}`;
  }

  private sliceKey(sliceStart: number): string {
    return `${this.options.prefix}:stats:s:${sliceStart}`;
  }

  /** One finished attempt, with its timings (ms) if known: one round trip. */
  async record(stage: string, outcome: StageOutcome, now = Date.now(), timings: Partial<Record<StageTiming, number>> = {}): Promise<void> {
    const key = this.key(Math.floor(now / MINUTE) * MINUTE);
    const slice = this.sliceKey(Math.floor(now / SLICE) * SLICE);
    const multi = this.redis.multi().hincrby(key, `${stage}|${outcome}`, 1);
    for (const [timing, ms] of Object.entries(timings)) {
      const bucket = TIMING_BUCKETS_MS.findIndex((bound) => ms <= bound);
      multi.hincrby(key, `${stage}|${timing}|${bucket < 0 ? TIMING_BUCKETS_MS.length : bucket}`, 1);
    }
    await multi
      .expire(key, this.retentionSeconds)
      .hincrby(slice, `${stage}|${outcome}`, 1)
      .expire(slice, (SLICES_KEPT * SLICE) / 1000 + 60)
      .exec();
  }

  /** The last `minutes` minutes (default 15), the current one included. */
  async window(minutes = 15, now = Date.now()): Promise<StageWindow> {
    const current = Math.floor(now / MINUTE) * MINUTE;
    const starts = Array.from({ length: minutes }, (_, i) => current - (minutes - 1 - i) * MINUTE);
    const currentSlice = Math.floor(now / SLICE) * SLICE;
    const slices = Array.from({ length: SLICES_KEPT }, (_, i) => currentSlice - i * SLICE); // newest first
    const pipeline = this.redis.pipeline();
    for (const start of starts) pipeline.hgetall(this.key(start));
    for (const start of slices) pipeline.hgetall(this.sliceKey(start));
    const hashes = ((await pipeline.exec()) ?? []).map(([, h]) => (h ?? {}) as Record<string, string>);
    const stages: StageWindow['stages'] = {};
    const buckets: Record<string, Partial<Record<StageTiming, number[]>>> = {};
    hashes.slice(0, minutes).forEach((hash, i) => {
      for (const [field, value] of Object.entries(hash)) {
        const [stage, kind, bucket] = field.split('|');
        if (bucket !== undefined && TIMINGS.includes(kind as StageTiming)) {
          const counts = ((buckets[stage] ??= {})[kind as StageTiming] ??= Array(TIMING_BUCKETS_MS.length + 1).fill(0));
          counts[Number(bucket)] += Number(value);
          continue;
        }
        if (!OUTCOMES.includes(kind as StageOutcome)) continue;
        stages[stage] ??= { completed: Array(minutes).fill(0), failed: Array(minutes).fill(0), retried: Array(minutes).fill(0) };
        stages[stage][kind as StageOutcome][i] = Number(value);
      }
    });
    const recent: StageWindow['recent'] = {};
    hashes.slice(minutes).forEach((hash, age) => {
      for (const [field, value] of Object.entries(hash)) {
        const [stage, outcome] = field.split('|') as [string, StageOutcome];
        if (!OUTCOMES.includes(outcome)) continue;
        const zero = () => ({ completed: 0, failed: 0, retried: 0 });
        const r = (recent[stage] ??= { '10s': zero(), '60s': zero(), '5m': zero() });
        if (age < 1) r['10s'][outcome] += Number(value);
        if (age < 6) r['60s'][outcome] += Number(value);
        r['5m'][outcome] += Number(value);
      }
    });
    const timings: StageWindow['timings'] = {};
    for (const [stage, byTiming] of Object.entries(buckets)) {
      for (const [timing, counts] of Object.entries(byTiming) as Array<[StageTiming, number[]]>) (timings[stage] ??= {})[timing] = percentiles(counts);
    }
    return { minutes: starts, stages, recent, timings };
  }
}

/** p50 and p95 from bucket counts: the upper bound of the bucket each falls in. */
export function percentiles(counts: readonly number[]): Percentiles {
  const count = counts.reduce((a, b) => a + b, 0);
  const at = (q: number) => {
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= q * count) return TIMING_BUCKETS_MS[i] ?? null;
    }
    return null;
  };
  return { p50: count ? at(0.5) : null, p95: count ? at(0.95) : null, count };
}
