import type { SitrepRecord } from '../../record/record.js';

/** The event a record is delivered as: its first version is emitted, every later one is an update. */
export type RecordEventType = 'record.emitted' | 'record.updated';

export function recordEventType(record: Partial<Pick<SitrepRecord, 'version'>>): RecordEventType {
  return (record.version ?? 1) > 1 ? 'record.updated' : 'record.emitted';
}
