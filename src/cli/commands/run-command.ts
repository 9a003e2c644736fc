import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RunProgress, UnitView } from '../../queues/unit-state-machine.js';
import type { SitrepRecord } from '../../record/record.js';
import { createCpuPool } from '../../workers/cpu-pool.js';
import { EXIT_CODES } from '../exit-codes.js';
import { readInput, type CliInput } from '../read-input.js';
import { startProgressDisplay, tallyStages } from '../run-progress.js';
import { configFrom, openRuntime, type GlobalOptions, type Runtime } from '../runtime.js';
import type { RunningWorkers } from '../../workers/start-workers.js';

export interface RunCommandOptions extends GlobalOptions {
  /** Write records here instead of stdout. */
  out?: string;
  /** Give up waiting after this many seconds (exit 5). Default 600. */
  timeout?: number;
  /** Exit 3 when any unit is dead-lettered, references included. Default: inputs only. */
  strict?: boolean;
  /** Progress on stderr (`--no-progress` sets false). Default true. */
  progress?: boolean;
  /** When stderr is not a terminal, one progress line this often, in seconds. Default 5. */
  progressEvery?: number;
}

const POLL_MS = 50;

/** Runs every stage in-process until each unit of this run is completed or dead-lettered; see EXIT_CODES. */
export async function runCommand(inputs: string[], options: RunCommandOptions): Promise<number> {
  const parsed = await Promise.all(inputs.map(readInput)); // bad input fails before anything is queued
  const timeoutMs = (options.timeout ?? 600) * 1000;
  const globalOptions = { ...options, logLevel: options.logLevel ?? (options.verbose ? 'debug' : 'error') };
  const loaded = configFrom(globalOptions);
  // The CPU thread first: it loads the stages and the NER model while this thread loads the queue
  // modules and Redis starts (two cores at work at once; the first article waits for both).
  const cpu = createCpuPool(loaded.config.cpu);
  try {
    const [rt, { startWorkers }, { newRunId }] = await Promise.all([
      openRuntime(globalOptions, { allowEmbedded: true }, loaded),
      import('../../workers/start-workers.js'),
      import('../../queues/sitrep-queues.js'),
    ]);
    return await runToEnd(rt, startWorkers(rt, { cpu }), newRunId(), parsed, options, timeoutMs);
  } finally {
    await cpu.close();
  }
}

async function runToEnd(rt: Runtime, workers: RunningWorkers, runId: string, parsed: CliInput[], options: RunCommandOptions, timeoutMs: number): Promise<number> {
  const started = Date.now();
  const tally = tallyStages(workers.workers, runId);
  let progress: RunProgress = { submitted: 0, completed: 0, dead: 0, done: false };
  let display: { stop(): void } | null = null;
  try {
    const inputIds: Array<{ id: string; duplicate: boolean }> = [];
    for (const input of parsed) {
      if (input.kind === 'url') inputIds.push(...(await rt.queues.submitUrls([input.url], { runId })).map((r) => ({ id: r.unitId, duplicate: r.duplicate })));
      // `run` prints the records of what it was given: an article seen before is processed again.
      else inputIds.push({ id: (await rt.queues.submitArticle({ content: input.content, contentType: input.contentType, name: input.name }, { runId, refresh: true })).unitId, duplicate: false });
    }
    const deadline = Date.now() + timeoutMs;
    progress = await rt.queues.units.progress(runId);
    if (options.progress !== false) {
      display = startProgressDisplay({ stream: process.stderr, intervalMs: (options.progressEvery ?? 5) * 1000, snapshot: () => ({ ...progress, elapsedMs: Date.now() - started, stages: tally.stages }) });
    }
    while (!progress.done) {
      if (Date.now() > deadline) {
        display?.stop();
        process.stderr.write(`sitrep run: not finished after ${timeoutMs / 1000} s: ${progress.completed} records, ${progress.dead} dead letters of ${progress.submitted} units; the rest stays queued for \`sitrep worker\` (run ${runId})\n`);
        // Active jobs are not waited for: their locks lapse and a \`sitrep worker\` takes them.
        await Promise.all(workers.workers.map((w) => w.close(true)));
        return EXIT_CODES.timeout;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
      progress = await rt.queues.units.progress(runId);
    }
    display?.stop();
    const completed = new Set(await rt.queues.units.members(runId, 'completed'));
    const records = await rt.queues.records.getMany([...completed]);
    await writeRecords(records, options.out);
    const dead = (await Promise.all((await rt.queues.units.members(runId, 'dead')).map((id) => rt.queues.getUnit(id)))).filter((u): u is UnitView => u !== null);
    const duplicates = await rt.queues.units.members(runId, 'duplicate');
    // An input submitted again within the dedupe window counts as recorded when its record is stored.
    const recorded = await Promise.all(inputIds.map(async ({ id, duplicate }) => completed.has(id) || (duplicate && (await rt.queues.records.get(id)) !== null)));
    const missing = recorded.filter((ok) => !ok).length;
    const code = missing === 0 && !(options.strict && dead.length) ? EXIT_CODES.ok : records.length === 0 ? EXIT_CODES.noRecord : EXIT_CODES.deadLetters;
    process.stderr.write(summary(records, dead, duplicates, rt.config.queue.dedupeTtlSeconds, rt.redis.embedded));
    if (code !== EXIT_CODES.ok) process.stderr.write(`  exit ${code}: ${missing ? `${missing} of ${inputIds.length} input(s) did not become a record` : `${dead.length} unit(s) dead-lettered (--strict)`}\n`);
    return code;
  } finally {
    display?.stop();
    tally.detach();
    await workers.close();
    await rt.close();
  }
}

async function writeRecords(records: SitrepRecord[], out?: string): Promise<void> {
  // Depth order: the submitted articles first, their references after.
  const ordered = [...records].sort((a, b) => Number(a.parentId !== null) - Number(b.parentId !== null));
  const stream = out ? createWriteStream(out) : process.stdout;
  for (const record of ordered) if (!stream.write(`${JSON.stringify(record)}\n`)) await once(stream, 'drain');
  if (out) await new Promise<void>((resolve, reject) => (stream as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
}

function summary(records: SitrepRecord[], dead: UnitView[], duplicates: string[], dedupeTtlSeconds: number, embedded: boolean): string {
  const byCode = new Map<string, number>();
  for (const unit of dead) byCode.set(unit.error?.code ?? 'unknown', (byCode.get(unit.error?.code ?? 'unknown') ?? 0) + 1);
  const codes = [...byCode].map(([code, n]) => `${code} ×${n}`).join(', ');
  const lines = [`sitrep run: ${records.length} record${records.length === 1 ? '' : 's'}, ${dead.length} dead letter${dead.length === 1 ? '' : 's'}${codes ? ` (${codes})` : ''}${duplicates.length ? `, ${duplicates.length} URL(s) not fetched again` : ''}`];
  for (const unit of dead) lines.push(`  dead  ${unit.stage.padEnd(8)} ${unit.url ?? unit.id}  ${unit.error?.code ?? ''}: ${unit.error?.message ?? ''}`);
  for (const url of duplicates) lines.push(`  seen  ${url}  (already submitted within queue.dedupeTtlSeconds = ${dedupeTtlSeconds}s)`);
  // A private redis-server goes away with this process, and its dead letters with it.
  if (dead.length && !embedded) lines.push('  (dead letters: `sitrep dlq list`, replay with `sitrep dlq replay --all`)');
  return `${lines.join('\n')}\n`;
}
