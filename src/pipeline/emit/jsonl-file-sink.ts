import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SitrepError } from '../../errors/sitrep-error.js';
import type { RecordSink } from './record-sink.js';

/** One JSON object per line; a single appendFile per record keeps lines whole. */
export function jsonlFileSink(path: string): RecordSink {
  let dirReady = false;
  return {
    name: 'jsonl',
    async write(record) {
      try {
        if (!dirReady) {
          await mkdir(dirname(path), { recursive: true });
          dirReady = true;
        }
        await appendFile(path, `${JSON.stringify(record)}\n`, 'utf8');
      } catch (error) {
        throw new SitrepError('SITREP_ERR_SINK', `jsonl sink ${path}: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
