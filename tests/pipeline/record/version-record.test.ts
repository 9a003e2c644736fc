import { describe, expect, it } from 'vitest';
import { recordChanges, versionRecord } from '../../../src/pipeline/record/version-record.js';
import type { CasualtyFigure } from '../../../src/record/record.js';
import { testRecord } from '../../api/test-record.js';

const killed = (count: number, sentence: string): CasualtyFigure => ({ kind: 'killed', count, approximate: false, negated: false, sentence, start: 0, end: 5 });
const injured = (count: number, sentence: string): CasualtyFigure => ({ ...killed(count, sentence), kind: 'injured' });

describe('versionRecord', () => {
  const v1 = testRecord('r1', '2026-01-01T00:00:00.000Z', {
    contentHash: '1'.repeat(64),
    text: 'One person was killed.',
    casualties: [killed(1, 'One person was killed.')],
    summary: { killed: { count: 1, approximate: false } },
  });

  it('makes the first record version 1, without changes', () => {
    expect(versionRecord(null, v1)).toEqual({ kind: 'new', record: { ...v1, version: 1, previousContentHash: null, changes: null } });
  });

  it('finds nothing new in the same text', () => {
    expect(versionRecord(v1, { ...v1, processedAt: '2026-01-02T00:00:00.000Z' }).kind).toBe('unchanged');
  });

  it('numbers a changed text n + 1 and says what moved: the summary first, then figures', () => {
    const later = testRecord('r1', '2026-01-02T00:00:00.000Z', {
      contentHash: '2'.repeat(64),
      title: 'Death toll rises to 25',
      text: 'The death toll rose to 25. Seven people were injured.',
      casualties: [killed(25, 'The death toll rose to 25.'), injured(7, 'Seven people were injured.')],
      summary: { killed: { count: 25, approximate: false }, injured: { count: 7, approximate: false } },
    });
    const result = versionRecord({ ...v1, version: 1 }, later);
    expect(result.kind).toBe('updated');
    if (result.kind !== 'updated') return;
    expect(result.record).toMatchObject({ version: 2, previousContentHash: '1'.repeat(64) });
    expect(result.record.changes).toEqual({
      summary: { killed: { from: 1, to: 25 }, injured: { from: null, to: 7 } },
      figuresAdded: [
        { kind: 'killed', count: 25, approximate: false, negated: false, sentence: 'The death toll rose to 25.' },
        { kind: 'injured', count: 7, approximate: false, negated: false, sentence: 'Seven people were injured.' },
      ],
      figuresRemoved: [{ kind: 'killed', count: 1, approximate: false, negated: false, sentence: 'One person was killed.' }],
      title: { from: 'Strike on r1', to: 'Death toll rises to 25' },
      textLength: { from: 22, to: 53 },
    });
    const third = versionRecord(result.record, { ...later, contentHash: '3'.repeat(64), text: `${later.text} Rescuers are still searching.` });
    expect(third.kind === 'updated' && third.record).toMatchObject({ version: 3, previousContentHash: '2'.repeat(64), changes: { summary: {}, figuresAdded: [], figuresRemoved: [] } });
  });

  it('matches figures one for one, so a figure reported twice and then once counts as removed once', () => {
    const twice = { ...v1, casualties: [killed(3, 'a'), killed(3, 'b')] };
    const once = { ...v1, casualties: [killed(3, 'a, reworded')] };
    expect(recordChanges(twice, once).figuresRemoved).toHaveLength(1);
    expect(recordChanges(twice, once).figuresAdded).toEqual([]);
  });
});
