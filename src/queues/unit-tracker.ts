import type { Redis } from 'ioredis';
import type { SitrepError } from '../errors/sitrep-error.js';
import type { JobTrace, StageName } from './job-data.js';
import type { RedisKeys } from './redis-keys.js';

export type UnitState = 'waiting' | 'active' | 'retrying' | 'completed' | 'dead';

export interface UnitView {
  id: string;
  stage: StageName;
  state: UnitState;
  attempts: number;
  error?: { code: string; message: string };
  recordId?: string;
  url: string | null;
  updatedAt: string;
}

export interface RunProgress {
  submitted: number;
  completed: number;
  dead: number;
  done: boolean;
}

const UNIT_TTL_SECONDS = 7 * 24 * 3600;
const RUN_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Where each unit of work stands, and per-run sets that make the conservation law checkable:
 * |completed| + |dead| = |submitted|. Sets (not counters) keep retried or replayed jobs idempotent.
 */
export class UnitTracker {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async submitted(trace: JobTrace, stage: StageName, url: string | null): Promise<void> {
    await this.redis
      .multi()
      .sadd(this.keys.run(trace.runId, 'submitted'), trace.unitId)
      .expire(this.keys.run(trace.runId, 'submitted'), RUN_TTL_SECONDS)
      .hset(this.keys.unit(trace.unitId), { stage, state: 'waiting', attempts: 0, url: url ?? '', runId: trace.runId, updatedAt: new Date().toISOString() })
      .hdel(this.keys.unit(trace.unitId), 'errorCode', 'errorMessage', 'recordId')
      .expire(this.keys.unit(trace.unitId), UNIT_TTL_SECONDS)
      .exec();
  }

  /** A URL this run asked for that was already submitted within the dedupe window: not a unit of this run. */
  async duplicate(runId: string, url: string): Promise<void> {
    await this.redis.multi().sadd(this.keys.run(runId, 'duplicate'), url).expire(this.keys.run(runId, 'duplicate'), RUN_TTL_SECONDS).exec();
  }

  async moved(unitId: string, stage: StageName, state: 'waiting' | 'active', attempts = 0): Promise<void> {
    await this.redis.hset(this.keys.unit(unitId), { stage, state, attempts, updatedAt: new Date().toISOString() });
  }

  async retrying(unitId: string, stage: StageName, attempts: number, error: SitrepError): Promise<void> {
    await this.redis.hset(this.keys.unit(unitId), { stage, state: 'retrying', attempts, errorCode: error.code, errorMessage: error.message, updatedAt: new Date().toISOString() });
  }

  async completed(trace: JobTrace, recordId: string): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.unit(trace.unitId), { stage: 'emit', state: 'completed', recordId, updatedAt: new Date().toISOString() })
      .hdel(this.keys.unit(trace.unitId), 'errorCode', 'errorMessage')
      .sadd(this.keys.run(trace.runId, 'completed'), trace.unitId)
      .expire(this.keys.run(trace.runId, 'completed'), RUN_TTL_SECONDS)
      .exec();
  }

  async dead(trace: JobTrace, stage: StageName, attempts: number, error: SitrepError): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.unit(trace.unitId), { stage, state: 'dead', attempts, errorCode: error.code, errorMessage: error.message, updatedAt: new Date().toISOString() })
      .sadd(this.keys.run(trace.runId, 'dead'), trace.unitId)
      .expire(this.keys.run(trace.runId, 'dead'), RUN_TTL_SECONDS)
      // A URL that failed may be submitted afresh; only pending or successful URLs are deduplicated.
      .del(this.keys.seen(trace.unitId))
      .exec();
  }

  /** A dead letter went back to its stage: the unit is pending again. */
  async revived(trace: JobTrace, stage: StageName): Promise<void> {
    await this.redis
      .multi()
      .srem(this.keys.run(trace.runId, 'dead'), trace.unitId)
      .hset(this.keys.unit(trace.unitId), { stage, state: 'waiting', attempts: 0, updatedAt: new Date().toISOString() })
      .hdel(this.keys.unit(trace.unitId), 'errorCode', 'errorMessage')
      .exec();
  }

  async get(unitId: string): Promise<UnitView | null> {
    const h = await this.redis.hgetall(this.keys.unit(unitId));
    if (!h.stage) return null;
    return {
      id: unitId,
      stage: h.stage as StageName,
      state: h.state as UnitState,
      attempts: Number(h.attempts ?? 0),
      ...(h.errorCode ? { error: { code: h.errorCode, message: h.errorMessage ?? '' } } : {}),
      ...(h.recordId ? { recordId: h.recordId } : {}),
      url: h.url || null,
      updatedAt: h.updatedAt,
    };
  }

  async progress(runId: string): Promise<RunProgress> {
    const [[, submitted], [, completed], [, dead]] = (await this.redis
      .multi()
      .scard(this.keys.run(runId, 'submitted'))
      .scard(this.keys.run(runId, 'completed'))
      .scard(this.keys.run(runId, 'dead'))
      .exec()) as Array<[Error | null, number]>;
    return { submitted, completed, dead, done: completed + dead >= submitted };
  }

  async members(runId: string, set: 'completed' | 'dead' | 'duplicate'): Promise<string[]> {
    return this.redis.smembers(this.keys.run(runId, set));
  }
}
