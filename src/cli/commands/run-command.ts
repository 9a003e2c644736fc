import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { SitrepError } from '../../errors/sitrep-error.js';
import { newRunId } from '../../queues/sitrep-queues.js';
import type { UnitView } from '../../queues/unit-state-machine.js';
import type { SitrepRecord } from '../../record/record.js';
import { startWorkers } from '../../workers/start-workers.js';
import { readInput } from '../read-input.js';
import { openRuntime, type GlobalOptions } from '../runtime.js';

export interface RunCommandOptions extends GlobalOptions {
  /** Write records here instead of stdout. */
  out?: string;
  /** Give up waiting after this many seconds. Default 600. */
  timeout?: string;
}

const POLL_MS = 50;

/** Runs every stage in-process until each unit of this run is completed or dead-lettered. */
export async function runCommand(inputs: string[], options: RunCommandOptions): Promise<number> {
  const parsed = await Promise.all(inputs.map(readInput)); // bad input fails before anything is queued
  const timeoutMs = Number(options.timeout ?? 600) * 1000;
  const rt = await openRuntime({ ...options, logLevel: options.logLevel ?? (options.verbose ? 'debug' : 'error') });
  const workers = startWorkers(rt);
  try {
    const runId = newRunId();
    for (const input of parsed) {
      if (input.kind === 'url') await rt.queues.submitUrls([input.url], { runId });
      else await rt.queues.submitArticle({ content: input.content, contentType: input.contentType, name: input.name }, { runId });
    }
    const deadline = Date.now() + timeoutMs;
    let progress = await rt.queues.units.progress(runId);
    while (!progress.done) {
      if (Date.now() > deadline) throw new SitrepError('SITREP_ERR_INTERNAL', `run ${runId} not finished after ${timeoutMs / 1000}s: ${progress.completed} completed, ${progress.dead} dead of ${progress.submitted}; its jobs stay queued for \`sitrep worker\``);
      await new Promise((r) => setTimeout(r, POLL_MS));
      progress = await rt.queues.units.progress(runId);
    }
    const records = await rt.queues.records.getMany(await rt.queues.units.members(runId, 'completed'));
    await writeRecords(records, options.out);
    const dead = (await Promise.all((await rt.queues.units.members(runId, 'dead')).map((id) => rt.queues.getUnit(id)))).filter((u): u is UnitView => u !== null);
    const duplicates = await rt.queues.units.members(runId, 'duplicate');
    process.stderr.write(summary(records, dead, duplicates, rt.config.queue.dedupeTtlSeconds, rt.redis.embedded));
    return 0;
  } finally {
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
