/**
 * The document summary: per kind, the conservative total of distinct casualties. Figures that
 * may describe the same event (same kind; dates, places and victims compatible — unknown or
 * generic matches anything) are one event counted at its largest figure, so a restated or
 * updated figure ("at least 20 … the toll rose to 25") and a breakdown never add up twice.
 * Figures flagged as aggregates over a period overlap the events: the total is the larger of
 * the events' sum and the largest aggregate.
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
    for (const f of stated) {
      const value = f.count ?? f.min ?? 0;
      if (f.aggregate) {
        if (!aggregate || value > aggregate.value) aggregate = { value, approximate: f.approximate };
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
    const total = events.reduce((s, e) => s + e.value, 0);
    summary[kind] = aggregate && aggregate.value > total
      ? { count: aggregate.value, approximate: aggregate.approximate }
      : { count: total, approximate: events.some((e) => e.approximate) };
  }
  return summary;
}
