import type { Redis } from 'ioredis';
import { streamEntryRecord } from '../queues/record-store.js';

export interface StreamEntry {
  /** Redis Stream entry id ("<ms>-<seq>"): the SSE event id. */
  id: string;
  /** The record as JSON. */
  record: string;
}

export interface HubListener {
  /** New entries, oldest first, after the position subscribe() returned. */
  deliver(entries: readonly StreamEntry[]): void;
  /** Nothing new for a while: a comment keeps proxies from closing an idle stream. */
  keepAlive(): void;
  /** The hub stopped (server closing, or Redis failed): end the stream; the client resumes with Last-Event-ID. */
  end(): void;
}

export interface RecordStreamHubOptions {
  /** How long one blocking read waits before every listener gets a keep-alive, ms. Default 15000. */
  blockMs?: number;
  /** Entries per read. Default 100. */
  batch?: number;
}

/** Stream rows read as Buffers (XRANGE/XREAD …Buffer): the record field is gzip. */
export type StreamRows = Array<[Buffer, Buffer[]]>;
type XReadReply = Array<[Buffer, StreamRows]> | null;

export function toEntries(rows: StreamRows): StreamEntry[] {
  return rows.flatMap(([id, fields]) => {
    const record = streamEntryRecord(fields);
    return record === undefined ? [] : [{ id: id.toString(), record }];
  });
}

/** Stream ids in order: milliseconds, then sequence. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am - bm || as - bs;
}

/**
 * One blocking reader of the record stream per process, feeding every open event stream: a
 * thousand viewers cost one Redis connection, not a thousand. It starts with the first listener and
 * stops (closing its connection) with the last; a read error ends every listener, and the next
 * subscriber starts a fresh reader.
 */
export class RecordStreamHub {
  private readonly listeners = new Set<HubListener>();
  private readonly blockMs: number;
  private readonly batch: number;
  private reader: Redis | null = null;
  private starting: Promise<void> | null = null;
  private closed = false;
  /** Id of the last entry read (or the newest when the reader started). */
  private position = '0-0';

  constructor(
    private readonly connection: Redis,
    private readonly key: string,
    options: RecordStreamHubOptions = {},
  ) {
    this.blockMs = options.blockMs ?? 15_000;
    this.batch = options.batch ?? 100;
  }

  /** Connections this hub holds to Redis: 0 or 1, whatever the number of listeners. */
  get readers(): number {
    return this.reader ? 1 : 0;
  }

  /**
   * Registers a listener; resolves to the position it is live from: every entry after it is
   * delivered, so a client resuming from an older id reads the gap itself (XRANGE) up to there.
   */
  async subscribe(listener: HubListener): Promise<string> {
    while (!this.reader) {
      if (this.closed) throw new Error('the record stream is closing');
      this.starting ??= this.start().finally(() => (this.starting = null));
      await this.starting;
    }
    if (this.closed) throw new Error('the record stream is closing');
    this.listeners.add(listener);
    return this.position;
  }

  unsubscribe(listener: HubListener): void {
    if (this.listeners.delete(listener) && this.listeners.size === 0) this.stop();
  }

  /** Ends every listener and the reader for good (server shutdown). */
  close(): void {
    this.closed = true;
    this.endAll();
  }

  private endAll(): void {
    const listeners = [...this.listeners];
    this.listeners.clear();
    this.stop();
    for (const listener of listeners) listener.end();
  }

  private async start(): Promise<void> {
    const [last] = await this.connection.xrevrange(this.key, '+', '-', 'COUNT', 1);
    this.position = last?.[0] ?? '0-0';
    // Named so an operator (CLIENT LIST) sees what it is: one per API process.
    const reader = this.connection.duplicate({ connectionName: `sitrep-sse-hub:${this.key}` });
    reader.on('error', () => {}); // a failed read ends the loop below
    if (this.closed) return reader.disconnect();
    this.reader = reader;
    void this.loop(reader);
  }

  private stop(): void {
    const reader = this.reader;
    this.reader = null;
    reader?.disconnect();
  }

  private async loop(reader: Redis): Promise<void> {
    try {
      while (this.reader === reader) {
        const reply = (await reader.xreadBuffer('COUNT', this.batch, 'BLOCK', this.blockMs, 'STREAMS', this.key, this.position)) as XReadReply;
        if (this.reader !== reader) return;
        if (!reply) {
          for (const listener of this.listeners) listener.keepAlive();
          continue;
        }
        const rows = reply[0][1];
        if (rows.length) this.position = rows[rows.length - 1][0].toString();
        const entries = toEntries(rows);
        if (entries.length) for (const listener of [...this.listeners]) listener.deliver(entries);
      }
    } catch {
      if (this.reader === reader) this.endAll();
    }
  }
}
