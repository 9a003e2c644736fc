import type { SitrepRecord } from '../../record/record.js';

/** A destination for records. Delivery is at-least-once: write() must tolerate the same record id twice. */
export interface RecordSink {
  readonly name: string;
  write(record: SitrepRecord): Promise<void>;
  close?(): Promise<void>;
}

/** Pure fan-out: every sink gets the record; the first failure is reported after all were tried. */
export async function emitRecord(record: SitrepRecord, sinks: readonly RecordSink[]): Promise<void> {
  const results = await Promise.allSettled(sinks.map((sink) => sink.write(record)));
  const failed = results.findIndex((r) => r.status === 'rejected');
  if (failed >= 0) throw (results[failed] as PromiseRejectedResult).reason;
}
