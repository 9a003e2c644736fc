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
import { GENERIC_PERSON_PLURALS } from './casualty-lexicon.js';

interface Event {
  /** Per sentence of its members: how many members carry each value. */
  sentences: Map<string, Map<number, number>>;
  /** The distinct scopes its members have. */
  scopes: Set<string>;
  /** How many members. */
  size: number;
  /** How many of its victims earlier figures counted already (a restatement that started it): its value leaves them out. */
  counted: number;
  /** A member gives an exact count ("four"), not a vague one ("several"). */
  exact: boolean;
  value: number;
  approximate: boolean;
  when?: string;
  where?: string;
  who?: string;
}

const GENERIC_WHO = new Set(['people', 'others']);
/** A sentence that updates or compares reports ("updating an earlier report of one killed"): its figures restate, never add. */
const UPDATE_RE = /\b(?:earlier|previous(?:ly)?|initial(?:ly)?|updat\w*|revis\w*|rais\w*|rose|risen|report(?:s|ed)?|instead|from)\b/i;
/**
 * How many of the latest events a figure is compared with: a restatement stands near what it
 * restates, and the bound keeps a document with thousands of figures linear.
 */
const EVENT_WINDOW = 64;

/** A figure's lower bound: "more than 10" is at least 11. */
function valueOf(f: CasualtyFigure): number {
  return Math.max(f.count ?? 0, f.min ?? 0);
}

function compatible<T>(a: T | undefined, b: T | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** O(1): the member index answers "another value in this sentence" and "another scope". */
function sameEvent(e: Event, f: CasualtyFigure, value: number, sideBySide: boolean, scope: string | undefined): boolean {
  // The same number twice in one sentence ("20 were killed … 20 bodies") is a restatement; two numbers side by side are parts.
  if (sideBySide) {
    const values = e.sentences.get(f.sentence);
    if (values) {
      let others = 0;
      for (const [v, n] of values) if (v !== value) others += n;
      if (others > 0) return false;
    }
  }
  if (scope !== undefined && (e.scopes.size > 1 || (e.scopes.size === 1 && !e.scopes.has(scope)))) return false;
  // "two suspected insurgents … two males were detained": the same count told with a generic noun ("men", "suspects") is the same victims.
  const generic = value === e.value && (ANYONE_WHO.has(e.who ?? '') || ANYONE_WHO.has(f.who ?? ''));
  const whoOk = compatible(e.who, f.who) || GENERIC_WHO.has(e.who ?? '') || GENERIC_WHO.has(f.who ?? '') || sameWho(e.who, f.who) || generic;
  // The same number of the same victims on the same day is a restatement, though one sentence names the district and the other the province.
  const whereOk = compatible(e.where, f.where) || (value === e.value && sameWho(e.who, f.who));
  return whoOk && compatible(e.when, f.when) && whereOk;
}

/** Both name victims, and some of the same ("commanders, insurgents" and "insurgents"). */
function sameWho(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || GENERIC_WHO.has(a) || GENERIC_WHO.has(b)) return false;
  const as = a.split(', ');
  return b.split(', ').some((w) => as.includes(w));
}

function addMember(e: Event, sentence: string, value: number, scope: string | undefined): void {
  const values = e.sentences.get(sentence) ?? new Map<number, number>();
  values.set(value, (values.get(value) ?? 0) + 1);
  e.sentences.set(sentence, values);
  if (scope !== undefined) e.scopes.add(scope);
  e.size++;
}

/** What find-casualties and the document structure know of a figure beyond its record fields. */
export interface FigureHint {
  /** The figure stands in a headline, which restates the body: it counts only when the body has no figure of its kind. Default false. */
  headline?: boolean;
  /** How many of its victims are named definitely and were named before ("the facilitator", "the two insurgents"): they restate an earlier figure of the kind (or of its sibling, captured/detained) and do not add. Default 0. */
  restates?: number;
  /** Who those restated victims are ("facilitators"); undefined stands for anyone ("the individual"). Default: anyone. */
  restatesWho?: ReadonlyArray<string | undefined>;
  /** "several more were killed": adds to what came before, never merges with it. Default false. */
  more?: boolean;
}

/** Victims a vague figure may name while restating an exact one of others ("two suspects … several men were detained"). */
const ANYONE_WHO = new Set([...GENERIC_PERSON_PLURALS, 'others']);

/** Victims of a vague figure that an exact figure's victims may be: the same, or either unnamed or anyone. */
function vagueMatches(vague: string | undefined, exact: string): boolean {
  return !vague || ANYONE_WHO.has(vague) || ANYONE_WHO.has(exact) || sameWho(vague, exact) || vague === exact;
}

/**
 * The figures of one kind without the vague ones that restate an exact one: a release's lead sums up what its body
 * counts ("detained numerous suspected insurgents … detained eight insurgents" is 8; "detained two men … several
 * men were detained" is 2). A vague figure that says it adds ("several more", "several other … also") stays, and
 * so does one whose day or victims differ. Only the EVENT_WINDOW nearest figures are compared: linear.
 */
function restatedVague(stated: CasualtyFigure[], hintOf: Map<CasualtyFigure, FigureHint>, reduced: Map<CasualtyFigure, number>): CasualtyFigure[] {
  // A named victim ("X was killed") is often one of the several: only a count of named victims restates them.
  const exact = (f: CasualtyFigure): boolean => f.count !== null && f.who !== undefined && !f.aggregate && !f.total && !reduced.has(f);
  if (!stated.some(exact)) return stated;
  return stated.filter((f, i) => {
    if (f.count !== null || !f.approximate || f.aggregate || hintOf.get(f)?.more || reduced.has(f)) return true;
    for (let k = Math.max(0, i - EVENT_WINDOW); k < Math.min(stated.length, i + EVENT_WINDOW); k++) {
      const g = stated[k];
      if (exact(g) && compatible(g.when, f.when) && vagueMatches(f.who, g.who as string)) return false;
    }
    return true;
  });
}

/** Kinds whose figures restate each other: one person is "captured" in one sentence and "detained" in the next. */
const SIBLINGS: Partial<Record<CasualtyKind, CasualtyKind>> = { captured: 'detained', detained: 'captured' };

/**
 * `scopes[i]` (default: none) is the vehicle or spot of figure i's victims ("aboard the dc-9",
 * "on the ground"), as find-casualties reads it; `hints[i]` (default: none) as FigureHint says.
 */
export function summarizeCasualties(figures: CasualtyFigure[], scopes: ReadonlyArray<string | undefined> = [], hints: ReadonlyArray<FigureHint | undefined> = []): CasualtySummary {
  const scopeOf = new Map(figures.map((f, i) => [f, scopes[i]]));
  const hintOf = new Map(figures.map((f, i) => [f, hints[i] ?? {}]));
  // A definite restatement does not add to what its kind (or sibling kind) stated before: "detained two
  // suspects … the two suspects were taken in" is two; "several … the five suspects" is five.
  const reduced = new Map<CasualtyFigure, number>();
  /** Per kind group: the figures stated so far, with their victims. */
  const before = new Map<CasualtyKind, Array<{ kind: CasualtyKind; who?: string; value: number; aggregate?: boolean }>>();
  for (const f of figures) {
    if (f.negated || hintOf.get(f)?.headline) continue;
    const group = f.kind === 'detained' ? 'captured' : f.kind;
    const earlier = before.get(group) ?? [];
    const hint = hintOf.get(f);
    let r = hint?.restates ?? 0;
    if (r > 0) {
      // Only what an earlier figure of the same victims stated is restated ("one of the gunmen" after "an officer was killed" is new).
      const whos = hint?.restatesWho ?? [undefined];
      const generic = whos.some((w) => w === undefined || GENERIC_WHO.has(w));
      // The latest few only: a restatement stands near what it restates, and the bound keeps this linear.
      const match = earlier.slice(-8).filter((e) => generic || e.who === undefined || GENERIC_WHO.has(e.who) || ANYONE_WHO.has(e.who) || whos.some((w) => sameWho(e.who, w)));
      r = Math.min(r, match.reduce((n, e) => n + e.value, 0));
      // "captured a leader, a facilitator and several associates … the facilitator and several additional individuals
      // were taken into custody": a retelling in the sibling kind counts at the larger of the two, not at their sum.
      // (A period's total is no retelling of the event.)
      const latest = match[match.length - 1];
      if (r > 0 && !latest.aggregate && match.every((e) => e.kind !== f.kind)) r = Math.min(valueOf(f), Math.max(r, latest.value));
    }
    if (r > 0) reduced.set(f, Math.max(0, valueOf(f) - r));
    earlier.push({ kind: f.kind, who: f.who, value: reduced.get(f) ?? valueOf(f), aggregate: f.aggregate });
    before.set(group, earlier);
  }
  const valueAfter = (f: CasualtyFigure): number => reduced.get(f) ?? valueOf(f);
  // A sentence told again word for word elsewhere (an update release quoting the first one) restates its figures.
  // Keyed by the sentence itself, then kind and value: a key built by concatenating the sentence would cost its length
  // per figure (quadratic on one huge sentence), while a sentence string's hash is computed once.
  const firstAt = new Map<string, Map<string, number>>();
  const repeated = (f: CasualtyFigure): boolean => {
    let ofSentence = firstAt.get(f.sentence);
    if (ofSentence === undefined) firstAt.set(f.sentence, (ofSentence = new Map()));
    const key = `${f.kind}\u0000${valueOf(f)}`;
    const at = ofSentence.get(key);
    if (at === undefined) ofSentence.set(key, f.start);
    return at !== undefined && Math.abs(f.start - at) > f.sentence.length;
  };
  const summary: CasualtySummary = {};
  // A report of one event ("detained a facilitator yesterday") that adds a period's total of another kind ("teams have
  // killed two since Dec. 1") gives that total as background: it is no figure of the event.
  const singleEvent = figures.some((f) => !f.negated && !f.aggregate && !hintOf.get(f)?.headline && valueAfter(f) > 0);
  const kinds = new Set<CasualtyKind>(figures.map((f) => f.kind));
  for (const kind of kinds) {
    const all = figures.filter((f) => f.kind === kind);
    const body = all.filter((f) => !hintOf.get(f)?.headline);
    const ofKind = body.some((f) => !f.negated) ? body : all;
    const stated = restatedVague(ofKind.filter((f) => !f.negated && valueAfter(f) > 0 && !repeated(f)), hintOf, reduced);
    if (stated.length === 0) {
      summary[kind] = { count: 0, approximate: false };
      continue;
    }
    const events: Event[] = [];
    // One regex test per sentence, not per figure pair.
    const updates = new Map<string, boolean>();
    let aggregate: { value: number; approximate: boolean } | undefined;
    const totals: CasualtyFigure[] = [];
    for (const f of stated) {
      const value = valueAfter(f);
      const more = hintOf.get(f)?.more === true;
      // A definite restatement ("the man and three additional suspects") is the event it restates, told at its full
      // count: it is compared at that count, and only what it adds beyond the earlier figures stands alone.
      const restated = reduced.has(f);
      const full = restated ? valueOf(f) : value;
      if (f.aggregate) {
        if (!aggregate || value > aggregate.value) aggregate = { value, approximate: f.approximate };
        continue;
      }
      if (f.total) {
        totals.push(f);
        continue;
      }
      const scope = scopeOf.get(f);
      let update = updates.get(f.sentence);
      if (update === undefined) updates.set(f.sentence, (update = UPDATE_RE.test(f.sentence)));
      let e: Event | undefined;
      const from = Math.max(0, events.length - EVENT_WINDOW);
      // A restatement refers back to the latest event it fits.
      if (restated) for (let k = events.length - 1; k >= from && !e && !more; k--) if (sameEvent(events[k], f, full, !update, scope)) e = events[k];
      for (let k = from; k < events.length && !e && !more; k++) if (sameEvent(events[k], f, full, !update, scope)) e = events[k];
      // "detained four suspects … detained the facilitator and three of his associates": a definite group of the
      // same size on the same day retells the event, though it names the victims differently.
      if (!e && !more && full > 1 && (hintOf.get(f)?.restates ?? 0) > 0) {
        for (let k = events.length - 1; k >= from && !e; k--) if (events[k].value === full && events[k].when !== undefined && events[k].when === f.when) e = events[k];
      }
      if (e) {
        addMember(e, f.sentence, full, scope);
        // "several suspected insurgents … four suspected insurgents": the exact count of the same victims wins over the vague one.
        const exact = f.count !== null;
        // Compared at full counts; the event keeps leaving out what was counted before it began.
        if (exact && !e.exact && sameWho(e.who, f.who)) e.value = Math.max(0, full - e.counted);
        else if (full > e.value + e.counted && (restated || exact || !e.exact || !sameWho(e.who, f.who))) e.value = full - e.counted;
        e.exact ||= exact;
        e.approximate ||= f.approximate;
        e.when ??= f.when;
        e.where ??= f.where;
        if (!e.who || GENERIC_WHO.has(e.who)) e.who = f.who ?? e.who;
      } else {
        const fresh: Event = { sentences: new Map(), scopes: new Set(), size: 0, counted: full - value, exact: f.count !== null, value, approximate: f.approximate, when: f.when, where: f.where, who: f.who };
        addMember(fresh, f.sentence, value, scope);
        events.push(fresh);
      }
    }
    // A running total ("the death toll rose to 25") covers every event it is compatible with, whoever the victims
    // (among the latest EVENT_WINDOW: the bound keeps it linear).
    for (const t of totals) {
      const from = Math.max(0, events.length - EVENT_WINDOW);
      const covered = events.slice(from).filter((e) => compatible(e.when, t.when) && compatible(e.where, t.where));
      const value = Math.max(valueOf(t), covered.reduce((sum, e) => sum + e.value, 0));
      // The smaller events' members go into the largest one: each member moves O(log n) times over all totals.
      const base = covered.reduce<Event | undefined>((a, e) => (!a || e.size > a.size ? e : a), undefined);
      const merged: Event = base ?? { sentences: new Map(), scopes: new Set(), size: 0, counted: 0, exact: true, value, approximate: false };
      for (const e of covered) {
        if (e === base) continue;
        for (const [sentence, values] of e.sentences) for (const [v, n] of values) for (let c = 0; c < n; c++) addMember(merged, sentence, v, undefined);
        for (const sc of e.scopes) merged.scopes.add(sc);
      }
      Object.assign(merged, { value, counted: 0, approximate: t.approximate || covered.some((e) => e.approximate), when: t.when, where: t.where, who: undefined });
      const gone = new Set(covered);
      const kept = events.slice(from).filter((e) => !gone.has(e));
      events.length = from;
      events.push(...kept, merged);
    }
    summary[kind] = events.length === 0 && aggregate && !singleEvent
      ? { count: aggregate.value, approximate: aggregate.approximate }
      : { count: events.reduce((sum, e) => sum + e.value, 0), approximate: events.some((e) => e.approximate) };
  }
  return summary;
}
