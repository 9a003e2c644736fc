import { hostname } from 'node:os';
import { openRuntime, type GlobalOptions } from '../runtime.js';

export interface TailOptions extends GlobalOptions {
  /** Consumer group. Default 'sitrep-tail'. */
  group?: string;
  /** Where a new group starts: '$' (new records only, default) or '0' (the whole stream). */
  from?: string;
}

/** Follows the record stream as a consumer-group member, printing JSON Lines and acking each. */
export async function tailCommand(options: TailOptions): Promise<number> {
  const rt = await openRuntime(options);
  const group = options.group ?? 'sitrep-tail';
  const consumer = `${hostname()}-${process.pid}`;
  const key = rt.queues.streamKey;
  const reader = rt.connection.duplicate();
  let stopping = false;
  const stop = () => {
    stopping = true;
    reader.disconnect();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await rt.connection.xgroup('CREATE', key, group, options.from ?? '$', 'MKSTREAM').catch((e: Error) => {
      if (!e.message.includes('BUSYGROUP')) throw e;
    });
    // Own pending entries first (a previous run of this consumer died before acking), then new ones.
    let cursor = '0';
    while (!stopping) {
      const reply = (await reader.xreadgroup('GROUP', group, consumer, 'COUNT', 100, 'BLOCK', 5000, 'STREAMS', key, cursor).catch((e: Error) => {
        if (stopping) return null;
        throw e;
      })) as Array<[string, Array<[string, string[]]>]> | null;
      const entries = reply?.[0]?.[1] ?? [];
      if (cursor === '0' && entries.length === 0) cursor = '>';
      for (const [entryId, fields] of entries) {
        const record = fields[fields.indexOf('record') + 1];
        process.stdout.write(`${record}\n`);
        await rt.connection.xack(key, group, entryId);
      }
    }
    return 0;
  } finally {
    reader.disconnect();
    await rt.close();
  }
}
