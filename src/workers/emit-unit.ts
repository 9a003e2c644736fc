import { emitRecord, type RecordSink } from '../pipeline/emit/record-sink.js';
import { buildRecord } from '../pipeline/record/build-record.js';
import { versionRecord } from '../pipeline/record/version-record.js';
import type { ParsedUnit, UnitOutcome } from '../queues/job-data.js';
import { packRecord } from '../queues/record-store.js';
import { completeUnchanged } from './complete-unchanged.js';
import type { CpuPool } from './cpu-pool.js';
import type { WorkerContext } from './worker-context.js';

/**
 * The end of every unit's job: entities and casualty figures, the record, the sinks outside Redis
 * (JSON Lines, webhook deliveries: at-least-once), then the complete step — record store, stream
 * entry and the unit's completion in one script, written once however often the job runs.
 */
export async function emitUnit(ctx: WorkerContext, cpu: CpuPool, unit: ParsedUnit, sinks: readonly RecordSink[]): Promise<UnitOutcome> {
  const { article, source: _source, finalUrl: _finalUrl, fetchedAt: _fetchedAt, ...trace } = unit;
  const facts = await cpu.run('extract', { text: article.text, options: { publishedAt: article.publishedAt, language: article.language, maxChars: ctx.config.pipeline.extractMaxChars } });
  // A refetched URL: the same text makes no record; a changed one the next version.
  const versioned = versionRecord(await ctx.queues.records.get(trace.unitId), buildRecord(unit, facts, new Date()));
  if (versioned.kind === 'unchanged') {
    await completeUnchanged(ctx, trace, 'unchanged');
    return 'unchanged';
  }
  const { record } = versioned;
  await emitRecord(record, sinks);
  const completed = await ctx.queues.units.complete(trace, record, packRecord(JSON.stringify(record)));
  if (completed && versioned.kind === 'updated') await ctx.queues.refetch.count('updated');
  return 'record';
}
