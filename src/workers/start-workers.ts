import type { Worker } from 'bullmq';
import { jsonlFileSink } from '../pipeline/emit/jsonl-file-sink.js';
import type { RecordSink } from '../pipeline/emit/record-sink.js';
import { STAGES, type StageName } from '../queues/job-data.js';
import { createCpuPool, type CpuPool } from './cpu-pool.js';
import { startDiscoverWorker } from './discover-worker.js';
import { startFetchWorker } from './fetch-worker.js';
import type { WorkerContext } from './worker-context.js';

export interface StartWorkersOptions {
  /** Stages to run in this process. Default: all. */
  stages?: readonly StageName[];
  /** Sinks besides the configured ones (webhooks). Default: none. */
  extraSinks?: readonly RecordSink[];
  /** Wraps every sink (metrics). Default: none. */
  wrapSink?: (sink: RecordSink) => RecordSink;
  /** Runs parse, extract and discovery off the event loop. Default: one from config.cpu, closed with the workers (a given one stays open). */
  cpu?: CpuPool;
}

export interface RunningWorkers {
  workers: Worker[];
  /** Graceful: active jobs finish (or their locks lapse and another worker takes them); nothing is lost. */
  close(): Promise<void>;
}

/** Sinks outside Redis; the record stream is written by emit's complete step itself. */
function configuredSinks(ctx: WorkerContext): RecordSink[] {
  return ctx.config.emit.sinks.filter((name) => name === 'jsonl').map(() => jsonlFileSink(ctx.config.emit.jsonlPath));
}

export function startWorkers(ctx: WorkerContext, options: StartWorkersOptions = {}): RunningWorkers {
  const stages = options.stages ?? STAGES;
  const sinks = [...configuredSinks(ctx), ...(options.extraSinks ?? [])].map(options.wrapSink ?? ((sink) => sink));
  const cpu = options.cpu ?? createCpuPool(ctx.config.cpu);
  const starters: Record<StageName, () => Worker> = {
    discover: () => startDiscoverWorker(ctx, cpu, sinks),
    fetch: () => startFetchWorker(ctx, cpu, sinks),
  };
  const workers = stages.map((stage) => starters[stage]());
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(sinks.map((s) => s.close?.()));
      if (!options.cpu) await cpu.close();
    },
  };
}
