import type { Redis } from 'ioredis';

export type StageOutcome = 'completed' | 'failed' | 'retried';
const OUTCOMES: readonly StageOutcome[] = ['completed', 'failed', 'retried'];
const MINUTE = 60_000;

export interface StageWindow {
  /** Start of each minute (epoch ms), oldest first; the last one is the current, partial minute. */
  minutes: number[];
  /** Per stage and outcome, one count per minute, aligned with `minutes`. */
  stages: Record<string, Record<StageOutcome, number[]>>;
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

  async record(stage: string, outcome: StageOutcome, now = Date.now()): Promise<void> {
    const key = this.key(Math.floor(now / MINUTE) * MINUTE);
    await this.redis.multi().hincrby(key, `${stage}|${outcome}`, 1).expire(key, this.retentionSeconds).exec();
  }

  /** The last `minutes` minutes (default 15), the current one included. */
  async window(minutes = 15, now = Date.now()): Promise<StageWindow> {
    const current = Math.floor(now / MINUTE) * MINUTE;
    const starts = Array.from({ length: minutes }, (_, i) => current - (minutes - 1 - i) * MINUTE);
    const pipeline = this.redis.pipeline();
    for (const start of starts) pipeline.hgetall(this.key(start));
    const hashes = ((await pipeline.exec()) ?? []).map(([, h]) => (h ?? {}) as Record<string, string>);
    const stages: StageWindow['stages'] = {};
    hashes.forEach((hash, i) => {
      for (const [field, value] of Object.entries(hash)) {
        const [stage, outcome] = field.split('|') as [string, StageOutcome];
        if (!OUTCOMES.includes(outcome)) continue;
        stages[stage] ??= { completed: Array(minutes).fill(0), failed: Array(minutes).fill(0), retried: Array(minutes).fill(0) };
        stages[stage][outcome][i] = Number(value);
      }
    });
    return { minutes: starts, stages };
  }
}
