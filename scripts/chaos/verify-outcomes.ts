import { canonicalizeUrl, urlKey } from '../../src/pipeline/discover/canonicalize-url.js';
import type { DeadLetter } from '../../src/queues/dead-letter-queue.js';
import type { SitrepRecord } from '../../src/record/record.js';
import type { Outcome, PlannedUrl } from './behaviours.js';

/**
 * The conservation law, checked per unit: exactly one outcome (a record or a dead letter), the
 * expected one, and every record in the stream. Pure: the harness gathers what Redis and the CLI
 * say, this judges it.
 */

export interface Observed {
  /** Dead letters as `sitrep dlq list --json` prints them. */
  deadLetters: DeadLetter[];
  /** Records found in the record store, by id. */
  stored: Map<string, SitrepRecord>;
  /** Record ids of the stream's entries, in order (duplicates kept). */
  streamIds: string[];
  /** Records of the stream, by id (the first entry of each). */
  streamed: Map<string, SitrepRecord>;
}

export interface Problem {
  url: string;
  behaviour: string;
  expected: string;
  got: string;
}

export interface OutcomeCounts {
  units: number;
  records: number;
  deadLetters: number;
  /** Neither a record nor a dead letter. */
  lost: number;
  /** A record and a dead letter. */
  both: number;
  /** More than one dead letter (different stages or jobs) for one unit. */
  multipleDeadLetters: number;
  /** One outcome, not the expected one (record for dead letter, another code, another page's record). */
  wrongOutcome: number;
  /** In the record store but not in the stream (so never delivered to consumers). */
  missingFromStream: number;
  streamEntries: number;
  /** Stream entries beyond the first per record id (at-least-once; consumers de-duplicate). */
  streamDuplicates: number;
  /** Records or dead letters of units nobody expected. */
  unexpectedUnits: number;
}

export interface Verdict {
  counts: OutcomeCounts;
  byBehaviour: Record<string, { units: number; lost: number; both: number; wrong: number; missingFromStream: number }>;
  problems: Problem[];
}

function describe(outcome: Outcome): string {
  return outcome.kind === 'record' ? 'record' : `dead letter ${outcome.code}`;
}

export function unitIdOf(url: string): string {
  return urlKey(canonicalizeUrl(url));
}

export function verifyOutcomes(units: PlannedUrl[], observed: Observed): Verdict {
  const lettersByUnit = new Map<string, DeadLetter[]>();
  for (const letter of observed.deadLetters) {
    const id = letter.unitId ?? '';
    lettersByUnit.set(id, [...(lettersByUnit.get(id) ?? []), letter]);
  }
  const counts: OutcomeCounts = {
    units: units.length,
    records: 0,
    deadLetters: 0,
    lost: 0,
    both: 0,
    multipleDeadLetters: 0,
    wrongOutcome: 0,
    missingFromStream: 0,
    streamEntries: observed.streamIds.length,
    streamDuplicates: observed.streamIds.length - new Set(observed.streamIds).size,
    unexpectedUnits: 0,
  };
  const byBehaviour: Verdict['byBehaviour'] = {};
  const problems: Problem[] = [];
  const expectedIds = new Set<string>();

  for (const unit of units) {
    const id = unitIdOf(unit.url);
    expectedIds.add(id);
    const row = (byBehaviour[unit.behaviour] ??= { units: 0, lost: 0, both: 0, wrong: 0, missingFromStream: 0 });
    row.units++;
    const record = observed.stored.get(id) ?? observed.streamed.get(id);
    const letters = lettersByUnit.get(id) ?? [];
    if (record) counts.records++;
    if (letters.length) counts.deadLetters++;
    const got = [record ? `record "${record.title ?? ''}"` : '', ...letters.map((l) => `dead letter ${l.code} at ${l.stage} (${l.attemptsMade} attempt(s))`)].filter(Boolean).join(' + ') || 'nothing';
    const problem = () => problems.push({ url: unit.url, behaviour: unit.behaviour, expected: describe(unit.expect), got });

    if (observed.stored.has(id) && !observed.streamed.has(id)) {
      counts.missingFromStream++;
      row.missingFromStream++;
      problems.push({ url: unit.url, behaviour: unit.behaviour, expected: 'record in the stream', got: 'record in the store only' });
    }
    if (letters.length > 1) counts.multipleDeadLetters++;
    if (!record && letters.length === 0) {
      counts.lost++;
      row.lost++;
      problem();
    } else if (record && letters.length > 0) {
      counts.both++;
      row.both++;
      problem();
    } else {
      const right =
        unit.expect.kind === 'record'
          ? record !== undefined && (record.title ?? '').includes(unit.token)
          : letters.length > 0 && letters.every((l) => l.code === (unit.expect as { code: string }).code);
      if (!right) {
        counts.wrongOutcome++;
        row.wrong++;
        problem();
      } else if (letters.length > 1) problem();
    }
  }
  const seenIds = new Set([...observed.stored.keys(), ...observed.streamed.keys(), ...lettersByUnit.keys()]);
  for (const id of seenIds) if (!expectedIds.has(id)) counts.unexpectedUnits++;
  return { counts, byBehaviour, problems };
}
