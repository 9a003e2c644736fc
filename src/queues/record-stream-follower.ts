import type { RedisClient } from './lua-scripts.js';
import { streamEntryRecord } from './record-store.js';

export interface RecordStreamFollowerOptions {
  /** The record stream's key. */
  key: string;
  /** Consumer group. */
  group: string;
  /** This consumer's name in the group. */
  consumer: string;
  /** Where a new group starts: '$' (new entries only), '0' (the whole stream) or an entry id. Default '$'. */
  from?: string;
  /** Another consumer's entry left unacknowledged this long is taken over (that consumer died), ms. Default 60000. */
  claimIdleMs?: number;
  /** How long one read waits for new entries, ms. Default 5000. */
  blockMs?: number;
  /** Entries per read or claim. Default 100. */
  count?: number;
}

/** Read as Buffers: the record field is gzip. */
type StreamEntry = [id: Buffer, fields: Buffer[]];

/**
 * Reads the record stream as a member of a consumer group, at-least-once: its own pending entries
 * first (it died before acking), entries other consumers left unacknowledged for claimIdleMs
 * (XAUTOCLAIM: they died, under names that never come back), then new ones; each acknowledged once
 * handled. A group lost with Redis's data (NOGROUP) is created again, from the stream's start.
 */
export class RecordStreamFollower {
  private readonly from: string;
  private readonly claimIdleMs: number;
  private readonly blockMs: number;
  private readonly count: number;
  private stopping = false;
  private lastClaim = 0;

  /** `reader` blocks on reads (stop() disconnects it); `commands` does the rest. */
  constructor(
    private readonly commands: RedisClient,
    private readonly reader: RedisClient,
    private readonly options: RecordStreamFollowerOptions,
  ) {
    this.from = options.from ?? '$';
    this.claimIdleMs = options.claimIdleMs ?? 60_000;
    this.blockMs = options.blockMs ?? 5000;
    this.count = options.count ?? 100;
  }

  stop(): void {
    this.stopping = true;
    this.reader.disconnect();
  }

  /** Hands every record (its JSON) to `handle`, then acknowledges it; returns once stopped. */
  async follow(handle: (record: string) => void | Promise<void>): Promise<void> {
    const { key, group } = this.options;
    await this.createGroup(this.from);
    // '0': this consumer's own pending entries (its earlier life, or claimed ones); '>': new entries.
    let cursor = '0';
    while (!this.stopping) {
      let entries: StreamEntry[];
      try {
        if (await this.claimAbandoned()) cursor = '0';
        entries = await this.read(cursor);
      } catch (error) {
        if (this.stopping) return;
        const message = String((error as Error).message);
        if (!message.includes('NOGROUP') && !message.includes('UNBLOCKED')) throw error;
        // Redis lost its data (or someone deleted the stream): everything in it now is unseen.
        await this.createGroup('0');
        cursor = '0';
        continue;
      }
      if (cursor === '0' && entries.length === 0) cursor = '>';
      for (const [entryId, fields] of entries) {
        const record = streamEntryRecord(fields);
        if (record !== undefined) await handle(record);
        await this.commands.xack(key, group, entryId);
      }
    }
  }

  private async createGroup(from: string): Promise<void> {
    await this.commands.xgroup('CREATE', this.options.key, this.options.group, from, 'MKSTREAM').catch((e: Error) => {
      if (!e.message.includes('BUSYGROUP')) throw e;
    });
  }

  private async read(cursor: string): Promise<StreamEntry[]> {
    const { key, group, consumer } = this.options;
    const reply = (await this.reader.callBuffer('XREADGROUP', 'GROUP', group, consumer, 'COUNT', this.count, 'BLOCK', this.blockMs, 'STREAMS', key, cursor)) as Array<[Buffer, StreamEntry[]]> | null;
    // Entries trimmed from the stream while pending come back without fields.
    return (reply?.[0]?.[1] ?? []).map(([id, fields]) => [id, fields ?? []]);
  }

  /**
   * At most once per claimIdleMs: what dead consumers left becomes this consumer's (read next as
   * its own pending entries), and those consumers are forgotten. Whether anything was claimed.
   */
  private async claimAbandoned(): Promise<boolean> {
    const now = Date.now();
    if (now - this.lastClaim < this.claimIdleMs) return false;
    this.lastClaim = now;
    const { key, group, consumer } = this.options;
    let claimed = 0;
    let start = '0-0';
    do {
      const [next, entries] = (await this.commands.xautoclaim(key, group, consumer, this.claimIdleMs, start, 'COUNT', this.count, 'JUSTID')) as [string, string[]];
      claimed += entries.length;
      start = next;
    } while (start !== '0-0' && !this.stopping);
    const consumers = (await this.commands.xinfo('CONSUMERS', key, group)) as unknown[][];
    for (const fields of consumers) {
      const info = Object.fromEntries(fields.flatMap((v, i) => (i % 2 === 0 ? [[String(v), fields[i + 1]]] : [])));
      if (info.name !== consumer && Number(info.pending) === 0 && Number(info.idle) >= this.claimIdleMs) await this.commands.xgroup('DELCONSUMER', key, group, String(info.name));
    }
    return claimed > 0;
  }
}
