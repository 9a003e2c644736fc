import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonlFileSink } from '../../../src/pipeline/emit/jsonl-file-sink.js';
import { emitRecord, type RecordSink } from '../../../src/pipeline/emit/record-sink.js';
import type { SitrepRecord } from '../../../src/record/record.js';

const record = (id: string) => ({ id, text: 'x' }) as unknown as SitrepRecord;

describe('sinks', () => {
  it('jsonl: one line per record, directories created', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitrep-')), 'nested', 'records.jsonl');
    const sink = jsonlFileSink(path);
    await sink.write(record('a'));
    await sink.write(record('b'));
    expect(readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['a', 'b']);
  });

  it('jsonl: an unwritable path is a retryable SITREP_ERR_SINK', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sitrep-')), 'a-file');
    await jsonlFileSink(file).write(record('a'));
    await expect(jsonlFileSink(join(file, 'below-a-file.jsonl')).write(record('a'))).rejects.toMatchObject({ code: 'SITREP_ERR_SINK', retryable: true });
  });

  it('emitRecord tries every sink before reporting a failure', async () => {
    const written: string[] = [];
    const ok: RecordSink = { name: 'ok', write: async (r) => void written.push(r.id) };
    const bad: RecordSink = { name: 'bad', write: async () => Promise.reject(new Error('down')) };
    await expect(emitRecord(record('z'), [bad, ok])).rejects.toThrow('down');
    expect(written).toEqual(['z']);
  });
});
