import { Job, type JobsOptions, type Queue } from 'bullmq';

/** What BullMQ's own add script takes for one job: which script, and its three ARGV values. */
export interface BullmqAdd {
  /** 's': addStandardJob; 'p': addPrioritizedJob. */
  script: 's' | 'p';
  args: [packedArgs: Buffer | string, data: string, packedOpts: Buffer | string];
}

interface AddBackend {
  addJobToTransaction(client: { runCommand(name: string, args: unknown[]): Promise<unknown> }, job: unknown, jobId: string, parentKeyOpts: object): Promise<string>;
}

/**
 * Encodes a job exactly as `queue.add` would (options merged over the queue's defaults, msgpacked
 * by BullMQ itself) without sending it, so a sitrep script can add it in the same atomic step as
 * its own writes. Only plain and prioritized jobs: no delay, no parent, no deduplication.
 */
export async function bullmqAddArgs(queue: Queue, name: string, data: unknown, opts: JobsOptions & { jobId: string }): Promise<BullmqAdd> {
  const merged = { ...queue.defaultJobOptions, ...opts };
  if (merged.delay || merged.parent || merged.deduplication) throw new Error('bullmqAddArgs: delayed, child and deduplicated jobs are not supported');
  const job = new Job(queue, name, data, merged, opts.jobId);
  let captured: { name: string; args: unknown[] } | undefined;
  const capture = { runCommand: (command: string, args: unknown[]) => ((captured = { name: command, args }), Promise.resolve(opts.jobId)) };
  await (job as unknown as { backend: AddBackend }).backend.addJobToTransaction(capture, job.asJSON(), opts.jobId, {});
  if (!captured) throw new Error('bullmqAddArgs: BullMQ did not build an add command');
  const script = captured.name.startsWith('addPrioritizedJob') ? 'p' : captured.name.startsWith('addStandardJob') ? 's' : null;
  if (!script) throw new Error(`bullmqAddArgs: unexpected BullMQ command ${captured.name}`);
  const [packedArgs, json, packedOpts] = captured.args.slice(-3) as BullmqAdd['args'];
  return { script, args: [packedArgs, json, packedOpts] };
}

/** BullMQ's keys of a queue in the order its addStandardJob and addPrioritizedJob scripts take them. */
export function bullmqAddKeys(queue: Queue): string[] {
  const k = queue.keys;
  return [
    k.wait, k.paused, k.meta, k.id, k.completed, k.delayed, k.active, k.events, k.marker,
    k.marker, k.meta, k.id, k.prioritized, k.delayed, k.completed, k.active, k.events, k.pc,
  ];
}
