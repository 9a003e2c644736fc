import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/pipeline/extract/extract-facts.js';
import { CONFLICT_NOTES, CONFLICT_NOTES_PUBLISHED_AT, scoreConflictNotes } from './conflict-notes.fixture.js';

describe('summary counts on invented conflict-event notes and incident summaries', () => {
  const score = scoreConflictNotes(CONFLICT_NOTES, (text) => extractFacts(text, { publishedAt: CONFLICT_NOTES_PUBLISHED_AT }));

  it('has at least 80 notes', () => {
    expect(score.notes).toBeGreaterThanOrEqual(80);
  });

  it('the summary killed count equals the coded count on ≥ 90% of notes', () => {
    expect(score.killedEqual / score.notes, score.misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('the summary wounded count equals the coded count on ≥ 90% of notes that state it', () => {
    expect(score.woundedEqual / score.woundedStated, score.misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('figure precision (killed/injured figures whose count the note codes) ≥ 0.95', () => {
    expect(score.figuresCoded / score.figures, score.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('the scorer reads an absent killed summary as 0 and checks figures against the coded numbers', () => {
    const s = scoreConflictNotes([{ text: 'x', killed: 0, wounded: 2, parts: [1] }], () => ({
      entities: [],
      casualties: [
        { kind: 'injured', count: 2, approximate: false, negated: false, sentence: 'x', start: 0, end: 1 },
        { kind: 'injured', count: 1, approximate: false, negated: false, sentence: 'x', start: 0, end: 1 },
        { kind: 'injured', count: 7, approximate: false, negated: false, sentence: 'x', start: 0, end: 1 },
      ],
      summary: { injured: { count: 2, approximate: false } },
    }));
    expect(s).toMatchObject({ killedEqual: 1, woundedEqual: 1, woundedStated: 1, figures: 3, figuresCoded: 2 });
  });
});
