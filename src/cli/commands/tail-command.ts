import { hostname } from 'node:os';
import { RecordStreamFollower } from '../../queues/record-stream-follower.js';
import { openRuntime, type GlobalOptions } from '../runtime.js';

export interface TailOptions extends GlobalOptions {
  /** Consumer group. Default 'sitrep-tail'. */
  group?: string;
  /** Where a new group starts: '$' (new records only, default) or '0' (the whole stream). */
  from?: string;
  /** Records another consumer left unacknowledged this long are taken over, seconds. Default 60. */
  claimAfter?: number;
}

/** Follows the record stream as a consumer-group member, printing JSON Lines and acking each. */
export async function tailCommand(options: TailOptions): Promise<number> {
  const rt = await openRuntime(options);
  const reader = rt.connection.duplicate();
  const follower = new RecordStreamFollower(rt.connection, reader, {
    key: rt.queues.streamKey,
    group: options.group ?? 'sitrep-tail',
    // A crashed run's name never returns: what it left pending is claimed by the next one (XAUTOCLAIM).
    consumer: `${hostname()}-${process.pid}`,
    from: options.from,
    claimIdleMs: Math.round((options.claimAfter ?? 60) * 1000),
  });
  const stop = () => follower.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await follower.follow((record) => {
      process.stdout.write(`${record}\n`);
    });
    return 0;
  } finally {
    reader.disconnect();
    await rt.close();
  }
}
