import type { CasualtyFigure, CasualtyKind, FigureDigest, RecordChanges, SitrepRecord } from '../../record/record.js';

/**
 * What a freshly built record is, given the stored latest version of the same id:
 * - `new`: nothing stored; it is version 1;
 * - `unchanged`: same text (contentHash) as the stored version; no new record;
 * - `updated`: the text changed; version n + 1 with the previous hash and what changed.
 */
export type VersionedRecord = { kind: 'new'; record: SitrepRecord } | { kind: 'unchanged'; previous: SitrepRecord } | { kind: 'updated'; record: SitrepRecord };

export function versionRecord(previous: SitrepRecord | null, next: SitrepRecord): VersionedRecord {
  if (!previous) return { kind: 'new', record: { ...next, version: 1, previousContentHash: null, changes: null } };
  if (previous.contentHash === next.contentHash) return { kind: 'unchanged', previous };
  return {
    kind: 'updated',
    record: { ...next, version: (previous.version ?? 1) + 1, previousContentHash: previous.contentHash, changes: recordChanges(previous, next) },
  };
}

function digest(figure: CasualtyFigure): FigureDigest {
  const { kind, count, min, max, approximate, negated, sentence } = figure;
  return { kind, count, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), approximate, negated, sentence };
}

/** Two figures are the same report when kind, numbers, victims, place and date agree; the sentence may be reworded. */
function figureKey(f: CasualtyFigure): string {
  return JSON.stringify([f.kind, f.count, f.min ?? null, f.max ?? null, f.approximate, f.negated, f.who ?? null, f.where ?? null, f.when ?? null]);
}

/** Figures of `a` not matched one-for-one in `b` (a multiset difference). */
function unmatched(a: readonly CasualtyFigure[], b: readonly CasualtyFigure[]): FigureDigest[] {
  const left = new Map<string, number>();
  for (const f of b) left.set(figureKey(f), (left.get(figureKey(f)) ?? 0) + 1);
  const out: FigureDigest[] = [];
  for (const f of a) {
    const n = left.get(figureKey(f)) ?? 0;
    if (n > 0) left.set(figureKey(f), n - 1);
    else out.push(digest(f));
  }
  return out;
}

/** Pure: what moved from `before` to `after` — summary counts first, then figures, title and length. */
export function recordChanges(before: SitrepRecord, after: SitrepRecord): RecordChanges {
  const summary: RecordChanges['summary'] = {};
  const kinds = new Set([...Object.keys(before.summary), ...Object.keys(after.summary)] as CasualtyKind[]);
  for (const kind of kinds) {
    const from = before.summary[kind]?.count ?? null;
    const to = after.summary[kind]?.count ?? null;
    if (from !== to) summary[kind] = { from, to };
  }
  return {
    summary,
    figuresAdded: unmatched(after.casualties, before.casualties),
    figuresRemoved: unmatched(before.casualties, after.casualties),
    ...(before.title !== after.title ? { title: { from: before.title, to: after.title } } : {}),
    textLength: { from: before.text.length, to: after.text.length },
  };
}
