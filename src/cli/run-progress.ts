import type { Job, Worker } from 'bullmq';
import { STAGES, traceOf, type StageName } from '../queues/job-data.js';
import type { RunProgress } from '../queues/unit-state-machine.js';

export interface StageTally {
  /** Jobs of this run the stage finished. */
  done: number;
  /** Jobs it dead-lettered. */
  dead: number;
  /** Jobs it is working on now. */
  active: number;
  /** Failed attempts that will be retried. */
  retried: number;
}

export interface ProgressSnapshot extends Pick<RunProgress, 'submitted' | 'completed' | 'dead'> {
  elapsedMs: number;
  stages: Record<StageName, StageTally>;
}

/** Counts what this process's stage workers do for one run, from their events (no Redis round trips). */
export function tallyStages(workers: readonly Worker[], runId: string): { stages: Record<StageName, StageTally>; detach(): void } {
  const stages = Object.fromEntries(STAGES.map((s) => [s, { done: 0, dead: 0, active: 0, retried: 0 }])) as Record<StageName, StageTally>;
  const mine = (job: Job | undefined) => job !== undefined && traceOf(job.data)?.runId === runId;
  const detachers = workers.map((worker) => {
    const tally = stages[worker.name as StageName];
    if (!tally) return () => {};
    const onActive = (job: Job) => mine(job) && tally.active++;
    const onCompleted = (job: Job) => {
      if (!mine(job)) return;
      tally.active = Math.max(0, tally.active - 1);
      tally.done++;
    };
    const onFailed = (job: Job | undefined, error: Error) => {
      if (!mine(job)) return;
      tally.active = Math.max(0, tally.active - 1);
      const final = error.name === 'UnrecoverableError' || (job as Job).attemptsMade >= ((job as Job).opts.attempts ?? 1);
      if (final) tally.dead++;
      else tally.retried++;
    };
    worker.on('active', onActive);
    worker.on('completed', onCompleted);
    worker.on('failed', onFailed);
    return () => {
      worker.off('active', onActive);
      worker.off('completed', onCompleted);
      worker.off('failed', onFailed);
    };
  });
  return { stages, detach: () => detachers.forEach((d) => d()) };
}

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function headline(p: ProgressSnapshot): string {
  const finished = p.completed + p.dead;
  const rate = p.elapsedMs > 0 ? (finished / (p.elapsedMs / 1000)).toFixed(1) : '0.0';
  return `sitrep run: ${seconds(p.elapsedMs)}, ${finished}/${p.submitted} units finished (${p.completed} records, ${p.dead} dead), ${rate} units/s`;
}

/** The block a terminal shows, redrawn in place: per stage done / dead / in flight / retried. */
export function renderProgressBlock(p: ProgressSnapshot): string[] {
  const rows = [['stage', 'done', 'dead', 'in flight', 'retried'], ...STAGES.map((s) => [s, ...(['done', 'dead', 'active', 'retried'] as const).map((k) => String(p.stages[s][k]))])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return [headline(p), ...rows.map((r) => `  ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`)];
}

/** One plain line for logs and CI, where a redrawn block would be noise. */
export function renderProgressLine(p: ProgressSnapshot): string {
  const busy = STAGES.filter((s) => p.stages[s].active > 0 || p.stages[s].retried > 0)
    .map((s) => `${s} ${p.stages[s].active} in flight${p.stages[s].retried ? ` (${p.stages[s].retried} retried)` : ''}`);
  return `${headline(p)}${busy.length ? `; ${busy.join(', ')}` : ''}`;
}

export interface ProgressDisplayOptions {
  stream: NodeJS.WriteStream;
  /** Redraw (terminal) or print (otherwise) every this many ms. */
  intervalMs: number;
  snapshot(): ProgressSnapshot;
}

/**
 * On a terminal: a block redrawn in place, cleared by stop(). Otherwise plain lines: one at once, one
 * every intervalMs and a last one at stop(), so even a run shorter than intervalMs shows its progress.
 */
export function startProgressDisplay({ stream, intervalMs, snapshot }: ProgressDisplayOptions): { stop(): void } {
  let drawn = 0;
  const clear = () => {
    if (drawn) stream.write(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  };
  const draw = () => {
    if (!stream.isTTY) {
      stream.write(`${renderProgressLine(snapshot())}\n`);
      return;
    }
    const lines = renderProgressBlock(snapshot());
    clear();
    stream.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  draw();
  const timer = setInterval(draw, stream.isTTY ? Math.min(intervalMs, 250) : intervalMs);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (stream.isTTY) clear();
      else draw();
    },
  };
}
