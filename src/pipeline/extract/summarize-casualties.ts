/**
 * The document summary: per kind, the conservative total of distinct casualties. Figures that
 * may describe the same event (same kind; dates, places and victims compatible — unknown or
 * generic matches anything) are one event counted at its largest figure, so a restated or
 * updated figure ("at least 20 … the toll rose to 25") and a breakdown never add up twice.
 * Figures flagged as aggregates over a period ("in recent days", "since Oct. 7", "bringing the
 * toll to") overlap the events and reach beyond the report: they make the total only when the
 * document reports no single event (then the largest one counts), so a report describing one
 * incident comes out with that incident's total.
 */
import type { CasualtyFigure, CasualtyKind, CasualtySummary } from '../../record/record.js';

interface Event {
  value: number;
  approximate: boolean;
  when?: string;
  where?: string;
  who?: string;
}

const GENERIC_WHO = new Set(['people', 'others']);

function compatible<T>(a: T | undefined, b: T | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

function sameEvent(e: Event, f: CasualtyFigure): boolean {
  const whoOk = compatible(e.who, f.who) || GENERIC_WHO.has(e.who ?? '') || GENERIC_WHO.has(f.who ?? '');
  return whoOk && compatible(e.when, f.when) && compatible(e.where, f.where);
}

export function summarizeCasualties(figures: CasualtyFigure[]): CasualtySummary {
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
      const e = events.find((x) => sameEvent(x, f));
      if (e) {
        if (value > e.value) e.value = value;
        e.approximate ||= f.approximate;
        e.when ??= f.when;
        e.where ??= f.where;
        if (!e.who || GENERIC_WHO.has(e.who)) e.who = f.who ?? e.who;
      } else {
        events.push({ value, approximate: f.approximate, when: f.when, where: f.where, who: f.who });
      }
    }
    // A running total ("the death toll rose to 25") covers every event it is compatible with, whoever the victims.
    for (const t of totals) {
      const covered = events.filter((e) => compatible(e.when, t.when) && compatible(e.where, t.where));
      const value = Math.max(t.count ?? t.min ?? 0, covered.reduce((sum, e) => sum + e.value, 0));
      const approximate = t.approximate || covered.some((e) => e.approximate);
      for (const e of covered) events.splice(events.indexOf(e), 1);
      events.push({ value, approximate, when: t.when, where: t.where });
    }
    summary[kind] = events.length === 0 && aggregate
      ? { count: aggregate.value, approximate: aggregate.approximate }
      : { count: events.reduce((sum, e) => sum + e.value, 0), approximate: events.some((e) => e.approximate) };
  }
  return summary;
}
