import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { isErrorCode } from '../errors/error-codes.js';
import { SitrepError } from '../errors/sitrep-error.js';
import type { CpuTaskInput, CpuTaskName, CpuTaskOutput, CpuTaskResult } from './cpu-tasks.js';

export interface CpuPoolOptions {
  /**
   * Longest one task may run, ms, counted from when its thread starts it (not while it waits for a
   * thread, nor a new thread's start-up); past it the thread is terminated and the task fails with
   * SITREP_ERR_CPU_DEADLINE. Default 10000 (cpu.deadlineMs).
   */
  deadlineMs?: number;
  /** Worker threads; 0 means one per CPU core. Default 1 (cpu.threads). */
  threads?: number;
  /**
   * Heap (old generation) limit of each thread, MB; a task that needs more has its thread stopped
   * and replaced, and fails with SITREP_ERR_CPU_MEMORY. 0: V8's own limit. Default 96 (cpu.threadHeapMb).
   */
  threadHeapMb?: number;
  /** The module the threads run. Default: cpu-tasks beside this file (tests swap in one with a runaway task). */
  filename?: URL;
}

/** Parse, extract and discover off the event loop, each run under a deadline. */
export interface CpuPool {
  /** `transfer`: buffers of the input that move to the thread instead of being copied (unusable here after). */
  run<K extends CpuTaskName>(task: K, input: CpuTaskInput<K>, transfer?: readonly ArrayBuffer[]): Promise<CpuTaskOutput<K>>;
  close(): Promise<void>;
}

/**
 * A piscina pool of worker threads. A runaway input can then only cost its own thread, which is
 * terminated at the deadline and replaced, while the worker's event loop goes on renewing its jobs'
 * locks and answering /metrics. The thread says when it starts a task (a message on a port of the
 * task's own), and the deadline runs from then.
 */
export function createCpuPool(options: CpuPoolOptions = {}): CpuPool {
  const deadlineMs = options.deadlineMs ?? 10_000;
  const threads = (options.threads ?? 1) || availableParallelism();
  const threadHeapMb = options.threadHeapMb ?? 96;
  const filename = options.filename ?? new URL(`./cpu-tasks${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  // Built at once, so the first thread loads the stages while the worker connects, not when the first job waits.
  const pool = new Piscina({
    filename: filename.href,
    // One kept at least: a thread stopped at its deadline is replaced at once (with none, a task
    // queued behind stopped threads would wait for a thread that never comes); more start on demand.
    minThreads: 1,
    maxThreads: threads,
    // piscina's default (0) ends a thread above minThreads the moment it is idle, and jobs come in
    // bursts: a profile showed threads re-created mid-run, each paying its start-up (modules, the
    // NER model) again. Idle threads beyond the first go after a minute.
    idleTimeout: 60_000,
    concurrentTasksPerWorker: 1,
    // Without limits each thread's heap grows lazily towards V8's process-wide default (page trees
    // are short-lived garbage): measured, two threads took the worker from ~370 MB to ~530 MB RSS.
    // A 16 MB young generation (V8: 48) keeps the semi-spaces small; 8 MB saved ~10 MB more but cost
    // 3–36% more CPU per page (more scavenges, earlier promotion). 96 MB of old space instead of 128
    // lowered the pool's peak RSS over 5,430 pages from 359 to 343 MB at the same CPU.
    ...(threadHeapMb > 0 ? { resourceLimits: { maxOldGenerationSizeMb: threadHeapMb, maxYoungGenerationSizeMb: 16 } } : {}),
    // From TypeScript sources (tests, tsx scripts) the threads load the stages the same way.
    ...(filename.pathname.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {}),
  });
  // A task's failure reaches its caller; the pool's own reports (a late answer from a stopped thread) need no one.
  pool.on('error', () => {});

  return {
    async run(task, input, transfer = []) {
      const deadline = new AbortController();
      const { port1: started, port2: startedPort } = new MessageChannel();
      let timer: NodeJS.Timeout | undefined;
      started.once('message', () => (timer = setTimeout(() => deadline.abort(), deadlineMs)));
      try {
        const result = (await pool.run({ task, input, started: startedPort }, { signal: deadline.signal, transferList: [startedPort, ...transfer] })) as CpuTaskResult;
        if (result.ok) return result.value as CpuTaskOutput<typeof task>;
        throw new SitrepError(isErrorCode(result.code) ? result.code : 'SITREP_ERR_INTERNAL', result.message, { details: result.details });
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          throw new SitrepError('SITREP_ERR_CPU_MEMORY', `${task} needed more than cpu.threadHeapMb (${threadHeapMb} MB); its thread was stopped`, { details: { task, threadHeapMb } });
        }
        if (!deadline.signal.aborted || error instanceof SitrepError) throw error;
        throw new SitrepError('SITREP_ERR_CPU_DEADLINE', `${task} ran past cpu.deadlineMs (${deadlineMs} ms); its thread was stopped`, { details: { task, deadlineMs } });
      } finally {
        clearTimeout(timer);
        started.close();
      }
    },
    close: () => pool.destroy(),
  };
}
