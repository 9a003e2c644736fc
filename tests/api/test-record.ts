import { packRecord } from '../../src/queues/record-store.js';
import type { SitrepQueues } from '../../src/queues/sitrep-queues.js';
import type { SitrepRecord } from '../../src/record/record.js';

/** A small invented record, schema v1. */
export function testRecord(id: string, processedAt: string, overrides: Partial<SitrepRecord> = {}): SitrepRecord {
  return {
    id,
    url: `https://news.example/${id}`,
    canonicalUrl: `https://news.example/${id}`,
    finalUrl: null,
    title: `Strike on ${id}`,
    authors: [],
    publishedAt: null,
    modifiedAt: null,
    language: 'en',
    siteName: null,
    description: null,
    image: null,
    tags: [],
    text: 'Three people were killed.',
    references: [],
    entities: [],
    casualties: [{ kind: 'killed', count: 3, approximate: false, negated: false, sentence: 'Three people were killed.', start: 0, end: 12 }],
    summary: { killed: { count: 3, approximate: false } },
    source: { kind: 'fetched', host: 'news.example', siteName: null },
    parentId: null,
    contentHash: 'a'.repeat(64),
    version: 1,
    previousContentHash: null,
    changes: null,
    fetchedAt: processedAt,
    processedAt,
    schemaVersion: 1,
    ...overrides,
  };
}

/** Stores a record and appends it to the stream the way emit does: a pending unit's complete step. */
export async function emitTestRecord(queues: SitrepQueues, record: SitrepRecord): Promise<void> {
  const trace = { runId: 'test-run', unitId: record.id, depth: 0, parentId: null };
  await queues.connection.hset(queues.keys.unit(record.id), { runId: trace.runId, state: 'waiting', stage: 'fetch' });
  const json = JSON.stringify(record);
  await queues.units.complete(trace, record, packRecord(json));
}
