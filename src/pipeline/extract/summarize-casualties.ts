/**
 * The document summary: per kind, the conservative total of distinct casualties. Figures that
 * may describe the same event (same kind; dates, places and victims compatible — unknown or
 * generic matches anything) are one event counted at its largest figure, so a restated or
 * updated figure ("at least 20 … the toll rose to 25") and a breakdown never add up twice.
 * Figures flagged as aggregates over a period ("in recent days", "since Oct. 7", "bringing the
 * toll to") overlap the events and reach beyond the report: they make the total only when the
 * document reports no single event (then the largest one counts), so a report describing one
 * incident comes out with that incident's total.
 * Two figures are never one event when they stand side by side in one sentence ("39 killed on
 * the DC-4, four killed on the Beechcraft") or name different vehicles or spots ("aboard the
 * Beech" / "aboard the Rockwell"): those are parts, and add up.
 */
import type { CasualtyFigure, CasualtyKind, CasualtySummary } from '../../record/record.js';

interface Event {
  /** The figures merged into this event: their sentence, phrase start and scope. */
  members: Array<{ sentence: string; start: number; value: number; scope?: string }>;
  value: number;
  approximate: boolean;
  when?: string;
  where?: string;
  who?: string;
}

const GENERIC_WHO = new Set(['people', 'others']);
/** A sentence that updates or compares reports ("updating an earlier report of one killed"): its figures restate, never add. */
const UPDATE_RE = /\b(?:earlier|previous(?:ly)?|initial(?:ly)?|updat\w*|revis\w*|rais\w*|rose|risen|report(?:s|ed)?|instead|from)\b/i;

function compatible<T>(a: T | undefined, b: T | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

function sameEvent(e: Event, f: CasualtyFigure, scope: string | undefined): boolean {
  // The same number twice in one sentence ("20 were killed … 20 bodies") is a restatement.
  const value = f.count ?? f.min ?? 0;
  const sideBySide = !UPDATE_RE.test(f.sentence);
  const parts = e.members.some((m) => (sideBySide && m.sentence === f.sentence && m.start !== f.start && m.value !== value) || (m.scope !== undefined && scope !== undefined && m.scope !== scope));
  if (parts) return false;
  const whoOk = compatible(e.who, f.who) || GENERIC_WHO.has(e.who ?? '') || GENERIC_WHO.has(f.who ?? '');
  return whoOk && compatible(e.when, f.when) && compatible(e.where, f.where);
}

/**
 * `scopes[i]` (default: none) is the vehicle or spot of figure i's victims ("aboard the dc-9",
 * "on the ground"), as find-casualties reads it.
 */
export function summarizeCasualties(figures: CasualtyFigure[], scopes: ReadonlyArray<string | undefined> = []): CasualtySummary {
  const scopeOf = new Map(figures.map((f, i) => [f, scopes[i]]));
  const summary: CasualtySummary = {};
  const kinds = new Set<CasualtyKind>(figures.map((f) => f.kind));
  for (const kind of kinds) {
    const ofKind = figures.filter((f) => f.kind === kind);
    const stated = ofKind.filter((f) => !f.negated);
    if (stated.length === 0) {
      summary[kind] = { count: 0, approximate: false };
      continue;
    }
    const events: Event[] = [];
    let aggregate: { value: number; approximate: boolean } | undefined;
    const totals: CasualtyFigure[] = [];
    for (const f of stated) {
      const value = f.count ?? f.min ?? 0;
      if (f.aggregate) {
        if (!aggregate || value > aggregate.value) aggregate = { value, approximate: f.approximate };
        continue;
      }
      if (f.total) {
        totals.push(f);
        continue;
      }
      const scope = scopeOf.get(f);
      const e = events.find((x) => sameEvent(x, f, scope));
      if (e) {
        e.members.push({ sentence: f.sentence, start: f.start, value, scope });
        if (value > e.value) e.value = value;
        e.approximate ||= f.approximate;
        e.when ??= f.when;
        e.where ??= f.where;
        if (!e.who || GENERIC_WHO.has(e.who)) e.who = f.who ?? e.who;
      } else {
        events.push({ members: [{ sentence: f.sentence, start: f.start, value, scope }], value, approximate: f.approximate, when: f.when, where: f.where, who: f.who });
      }
    }
    // A running total ("the death toll rose to 25") covers every event it is compatible with, whoever the victims.
    for (const t of totals) {
      const covered = events.filter((e) => compatible(e.when, t.when) && compatible(e.where, t.where));
      const value = Math.max(t.count ?? t.min ?? 0, covered.reduce((sum, e) => sum + e.value, 0));
      const approximate = t.approximate || covered.some((e) => e.approximate);
      for (const e of covered) events.splice(events.indexOf(e), 1);
      events.push({ members: covered.flatMap((e) => e.members), value, approximate, when: t.when, where: t.where });
    }
    summary[kind] = events.length === 0 && aggregate
      ? { count: aggregate.value, approximate: aggregate.approximate }
      : { count: events.reduce((sum, e) => sum + e.value, 0), approximate: events.some((e) => e.approximate) };
  }
  return summary;
}
