import { planDiscovery } from '../pipeline/discover/plan-discovery.js';
import { extractFacts, type ExtractFactsOptions } from '../pipeline/extract/extract-facts.js';
import type { MessagePort } from 'node:worker_threads';
import type { RawBody } from '../pipeline/fetch/fetch-page.js';
import { toSitrepError } from '../errors/sitrep-error.js';
import type { DiscoverInput } from '../queues/job-data.js';
import { parsePage } from './parse-page.js';

/**
 * The CPU-bound stage functions, run in the worker threads of cpu-pool.ts: whatever an input makes
 * them do, the worker's own event loop (lock renewal, /metrics) is never blocked by it.
 */
export const CPU_TASKS = {
  parse: ({ body, contentType, url }: { body: string | RawBody; contentType: string; url: string | null }) => parsePage(body, contentType, url),
  extract: ({ text, options }: { text: string; options?: ExtractFactsOptions }) => extractFacts(text, options),
  discover: (input: DiscoverInput) => planDiscovery(input),
};

// Loads the NER model and gazetteers as the thread starts, so that a job's deadline never pays for them (~1 s, more on a busy machine).
extractFacts('Seven people were killed in Kharkiv.');

export type CpuTaskName = keyof typeof CPU_TASKS;
export type CpuTaskInput<K extends CpuTaskName> = Parameters<(typeof CPU_TASKS)[K]>[0];
export type CpuTaskOutput<K extends CpuTaskName> = ReturnType<(typeof CPU_TASKS)[K]>;

/** What crosses back to the main thread: errors as plain data, since their classes do not survive the copy. */
export type CpuTaskResult = { ok: true; value: unknown } | { ok: false; code: string; message: string; details?: Record<string, unknown> };

export interface CpuTaskMessage {
  task: CpuTaskName;
  input: never;
  /** Told when the task starts: the pool's deadline runs from then. */
  started: MessagePort;
}

let extractReady = false;

/** The thread's entry point (piscina calls the default export with each task). */
export default function runCpuTask({ task, input, started }: CpuTaskMessage): CpuTaskResult {
  // A thread's first extraction sets up the NER model, gazetteer indexes and the like (~0.8 s, far
  // more on a busy machine): done on a sample before the deadline starts, which is for the input's
  // own work. Threads that only parse never pay it.
  if (task === 'extract' && !extractReady) {
    extractFacts('Three people were killed in Kharkiv on Monday, the governor said.');
    extractReady = true;
  }
  started.postMessage(null);
  started.close();
  try {
    return { ok: true, value: CPU_TASKS[task](input) };
  } catch (thrown) {
    const error = toSitrepError(thrown);
    return { ok: false, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  }
}
