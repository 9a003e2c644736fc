import type { Queue } from 'bullmq';
import type { SitrepError } from '../errors/sitrep-error.js';
import type { JobTrace, StageName } from './job-data.js';
import { recordEventType } from '../pipeline/emit/record-event.js';
import { runScript, type RedisClient } from './lua-scripts.js';
import type { RedisKeys } from './redis-keys.js';

/**
 * The life of a unit (one would-be record), in one place. A unit is one job from admission to its
 * end; every transition is one Lua script on the intake slot (src/queues/lua/), so it is durable
 * all at once or not at all:
 *
 *   (none) ──admit──▶ waiting ──complete──▶ completed
 *                      │  ▲ note-retry (retrying)
 *                      └──┴──bury──▶ dead ──revive (replay)──▶ waiting
 *
 * - admit: the BullMQ job + unit hash + run's submitted set, one script (BullMQ's add embedded);
 *   a fetched page's references are admitted the same way, as units of their own.
 * - complete: record store + stream entry + unit completed + run's completed set, one script.
 * - bury: dead letter + unit dead + run's dead set, one script, before the job is failed. Its code
 *   is the job's own last error: a permanent one, or the last retryable one once queue.attempts
 *   attempts failed, or once its worker died queue.attempts times (a death says nothing about the
 *   URL); SITREP_ERR_STALLED only for a job that never failed on its own.
 * complete and bury only act on a unit still pending in the job's run, so a unit ends exactly once,
 * and a job that runs again after its unit ended (its worker died in between) does nothing.
 */
export type UnitState = 'waiting' | 'retrying' | 'completed' | 'dead';

export interface UnitView {
  id: string;
  /** The stage (queue) it was admitted to. */
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

export interface Admission<D> {
  unitId: string;
  /** Canonical URL; null for an article without one. */
  url: string | null;
  /**
   * When it is a duplicate (admitted within the dedupe window, not dead): '' never (a refresh);
   * 'url' when its URL was admitted at all; a pasted article's content key when that same content was.
   */
  dedupeKey: string;
  data: D;
}

/** 'admitted'; 'duplicate': seen within the dedupe window; 'present': already a unit of this run. */
export type AdmitOutcome = 'admitted' | 'duplicate' | 'present';

export interface UnitStateMachineOptions {
  /** Dedupe window of URLs, seconds. */
  dedupeTtlSeconds: number;
  /** How long a unit and its run's sets are kept, seconds. */
  unitTtlSeconds: number;
  /** Record store retention, seconds. */
  recordTtlSeconds: number;
  /** XADD MAXLEN ~ of the record stream; 0: no stream. */
  streamMaxLen: number;
  /** Dead letters kept this long, seconds. */
  deadLetterRetentionSeconds: number;
  /** At most this many dead letters (the oldest go first). */
  deadLetterMaxCount: number;
}

/** Units admitted per script call: bounds a call's size and the time Redis spends in it. */
const ADMIT_BATCH = 100;

export function jobIdOf(trace: Pick<JobTrace, 'unitId' | 'runId'>): string {
  return `${trace.unitId}.${trace.runId}`;
}

export class UnitStateMachine {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly options: UnitStateMachineOptions,
  ) {}

  /**
   * admit: units of one run enter `queue`, 100 at a time, in three round trips: which are new (a
   * read), their jobs (one addBulk, each under its fixed id `<unit>.<run>`), then the units and the
   * run's accounting (one script, which checks the dedupe window again). The job comes first: a crash
   * after it leaves a job that records its unit when it ends (complete and bury do), never a unit
   * without a job. A repeated submission adds what is missing and changes nothing else.
   */
  async admit<D extends object>(queue: Queue, runId: string, units: ReadonlyArray<Admission<D>>, jobOptions: { priority?: number } = {}): Promise<AdmitOutcome[]> {
    const outcomes: AdmitOutcome[] = [];
    const keys = [this.keys.run(runId, 'submitted'), this.keys.run(runId, 'duplicate')];
    for (let i = 0; i < units.length; i += ADMIT_BATCH) {
      const batch = units.slice(i, i + ADMIT_BATCH);
      const now = Date.now();
      const read = this.redis.pipeline();
      for (const unit of batch) read.hmget(this.keys.unit(unit.unitId), 'state', 'seenAt', 'runId', 'seenKey');
      const seen = ((await read.exec()) ?? []).map(([, fields]) => fields as Array<string | null>);
      // The same rule as admit-units.lua, read first so a duplicate gets no job.
      const fresh = batch.filter((unit, k) => {
        const [state, seenAt, owner, seenKey] = seen[k] ?? [];
        const recent = state != null && state !== 'dead' && seenAt != null && Number(seenAt) + this.options.dedupeTtlSeconds * 1000 > now;
        const duplicate = recent && (unit.dedupeKey === 'url' || (unit.dedupeKey !== '' && seenKey === unit.dedupeKey));
        return owner !== runId && !duplicate;
      });
      const opts = jobOptions.priority ? { priority: jobOptions.priority } : {};
      if (fresh.length > 0) await queue.addBulk(fresh.map((unit) => ({ name: queue.name, data: unit.data, opts: { ...opts, jobId: jobIdOf({ unitId: unit.unitId, runId }) } })));
      const added = new Set(fresh.map((unit) => unit.unitId));
      const args: Array<string | number> = [this.keys.unitPrefix, now, new Date(now).toISOString(), this.options.dedupeTtlSeconds * 1000, this.options.unitTtlSeconds, this.options.unitTtlSeconds, runId, queue.name];
      for (const unit of batch) args.push(unit.unitId, unit.url ?? '', unit.dedupeKey, added.has(unit.unitId) ? '1' : '0');
      const result = (await runScript(this.redis, 'admitUnits', keys, args)) as number[];
      outcomes.push(...result.map((r) => (r === 1 ? 'admitted' : r === 2 ? 'present' : 'duplicate') as AdmitOutcome));
    }
    return outcomes;
  }

  /**
   * Whether a job that runs again (its worker died after the unit's last step, or a retry) is a
   * leftover: its unit already ended, or a later run owns it.
   */
  async settled(trace: JobTrace): Promise<boolean> {
    const [runId, state] = await this.redis.hmget(this.keys.unit(trace.unitId), 'runId', 'state');
    return runId !== null && (runId !== trace.runId || state === 'completed' || state === 'dead');
  }

  /** note-retry: the unit shows the error while its job waits for another attempt. */
  async retrying(trace: JobTrace, stage: StageName, attempts: number, error: SitrepError): Promise<void> {
    await runScript(this.redis, 'noteRetry', [this.keys.unit(trace.unitId)], [trace.runId, stage, attempts, error.code, error.message, new Date().toISOString()]);
  }

  /**
   * complete: record stored (`stored`: packRecord's bytes, the stream entry's too), on the stream, unit completed. False: the unit was no longer pending
   * (nothing written). `stream: false`: a refetch that found nothing new keeps the stored record
   * and adds no stream entry.
   */
  async complete(trace: JobTrace, record: { id: string; processedAt: string; url?: string | null; version?: number }, stored: Buffer, options: { stream?: boolean } = {}): Promise<boolean> {
    const keys = [this.keys.unit(trace.unitId), this.keys.run(trace.runId, 'completed'), this.keys.record(record.id), this.keys.recordIndex, this.keys.recordStream, this.keys.run(trace.runId, 'submitted')];
    const streamMaxLen = options.stream === false ? 0 : this.options.streamMaxLen;
    const args = [trace.runId, record.id, stored, this.options.recordTtlSeconds, Date.parse(record.processedAt), new Date().toISOString(), this.options.unitTtlSeconds, streamMaxLen, record.url ?? '', this.options.unitTtlSeconds, recordEventType(record), record.version ?? 1];
    return (await runScript(this.redis, 'finishUnit', keys, args)) === 1;
  }

  /**
   * bury: the dead letter is written and the unit (if the job carries one) marked dead. False: the
   * unit was no longer pending in this run, so no letter was written.
   */
  async bury(letter: { id: string; stage: string; attemptsMade: number; code: string; message: string }, trace: JobTrace | null, json: string): Promise<boolean> {
    const keys = [trace ? this.keys.unit(trace.unitId) : this.keys.unit('-'), this.keys.run(trace?.runId ?? '-', 'dead'), this.keys.deadLetter(letter.id), this.keys.deadLetterIndex, this.keys.run(trace?.runId ?? '-', 'submitted')];
    const args = [trace?.runId ?? '', letter.stage, json, letter.id, Date.now(), new Date().toISOString(), this.options.deadLetterRetentionSeconds, this.options.deadLetterMaxCount, letter.attemptsMade, letter.code, letter.message, this.options.unitTtlSeconds, trace?.unitId ?? '', this.keys.deadLetterPrefix];
    return (await runScript(this.redis, 'buryUnit', keys, args)) === 1;
  }

  /** revive (replay): a dead unit is pending again at `stage`. False: a later run owns the unit now. */
  async revive(trace: JobTrace, stage: StageName): Promise<boolean> {
    const keys = [this.keys.unit(trace.unitId), this.keys.run(trace.runId, 'dead')];
    return (await runScript(this.redis, 'reviveUnit', keys, [trace.runId, stage, trace.unitId, new Date().toISOString(), this.options.unitTtlSeconds])) === 1;
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
      // A record's id is its unit's; units completed before that was relied on name it themselves.
      ...(h.recordId || h.state === 'completed' ? { recordId: h.recordId || unitId } : {}),
      url: h.url || null,
      updatedAt: h.updatedAt,
    };
  }

  async progress(runId: string): Promise<RunProgress> {
    const [submitted, completed, dead] = await Promise.all([
      this.redis.scard(this.keys.run(runId, 'submitted')),
      this.redis.scard(this.keys.run(runId, 'completed')),
      this.redis.scard(this.keys.run(runId, 'dead')),
    ]);
    return { submitted, completed, dead, done: completed + dead >= submitted };
  }

  async members(runId: string, set: 'completed' | 'dead' | 'duplicate'): Promise<string[]> {
    return this.redis.smembers(this.keys.run(runId, set));
  }
}
