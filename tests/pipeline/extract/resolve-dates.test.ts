import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/pipeline/extract/extract-facts.js';

/** `when` of the single figure in `text`, published on `publishedAt`. */
function when(text: string, publishedAt: string | null = '2024-01-03') {
  const figures = extractFacts(text, { publishedAt }).casualties;
  expect(figures, JSON.stringify(figures)).toHaveLength(1);
  return figures[0].when;
}

describe('event dates resolved against the publication date (Wednesday 2024-01-03)', () => {
  it('a bare weekday is the most recent one on or before publication', () => {
    expect(when('On Saturday, 25 residents were killed.')).toBe('2023-12-30');
    expect(when('On Wednesday, 2 people were killed.')).toBe('2024-01-03');
    expect(when('Three soldiers were killed on Thursday.')).toBe('2023-12-28');
  });
  it('the day before counts from the last day the narrative named', () => {
    expect(when('The day before, one person was killed.')).toBe('2024-01-02');
    const text = 'The governor spoke on Monday.\n\nThe day before, two people were killed.';
    expect(when(text)).toBe('2023-12-31');
  });
  it('overnight, yesterday, last night', () => {
    expect(when('Overnight, 2 people were killed in shelling.')).toBe('2024-01-03');
    expect(when('There were no reports of any deaths in the overnight attacks.')).toBe('2024-01-03');
    expect(when('Yesterday, 3 people were injured.')).toBe('2024-01-02');
    expect(when('Four people were wounded last night.')).toBe('2024-01-02');
  });
  it('"an overnight raid" yields to the day the sentence names; a day right before a speech verb is the statement\'s', () => {
    expect(when('Rangers killed two gunmen during an overnight raid near the dam yesterday.')).toBe('2024-01-02');
    expect(when('Police today confirmed the death of bandit chief Musa Kolo in a shoot-out near Gusau, Sunday.')).toBe('2023-12-31');
  });
  it('last week is an ISO week; months keep month precision', () => {
    expect(when('Last week 5 soldiers were killed.')).toBe('2023-W52');
    expect(when('In December, 40 people were killed.')).toBe('2023-12');
  });
  it('month and day, never into the future', () => {
    expect(when('On Jan. 2, four people were killed.')).toBe('2024-01-02');
    expect(when('On Dec. 30, four people were killed.')).toBe('2023-12-30');
    expect(when('On 30 December, four people were killed.')).toBe('2023-12-30');
    expect(when('On December 30, 2022, four people were killed.')).toBe('2022-12-30');
  });
  it('a day written as an ordinal: "Dec. 30th", "the 30th of December", "2nd January, 2023"', () => {
    expect(when('Four herders were killed on Dec. 30th.')).toBe('2023-12-30');
    expect(when('Four herders were killed on the 30th of December.')).toBe('2023-12-30');
    expect(when('Four herders were killed on 2nd January, 2023.')).toBe('2023-01-02');
    // "the 3rd Battalion" is no date; a year after the month still is a month.
    expect(when('Four soldiers of the 3rd Battalion were killed in November 2023.')).toBe('2023-11');
  });
  it('explicit dates need no publication date; relative ones stay undefined without it', () => {
    expect(when('On December 30, 2023, four people were killed.', null)).toBe('2023-12-30');
    expect(when('On Saturday, four people were killed.', null)).toBeUndefined();
  });
  it('the date a statement was made is not the event date', () => {
    expect(when('Gladkov said Wednesday that 2 people were killed on Tuesday.')).toBe('2024-01-02');
    expect(when('The ministry said on Wednesday that 2 people were killed.')).toBeUndefined();
  });
  it('"since" and "until" dates are not the event date', () => {
    expect(when('On Saturday, 25 people were killed in the deadliest strike since February 2022.')).toBe('2023-12-30');
  });
  it('a later sentence of the same paragraph keeps the date', () => {
    expect(when('A missile hit the market on Saturday. Seven people were killed.')).toBe('2023-12-30');
  });
  it('a day naming an earlier event ("the March 3 ambush") dates only what that event did, never the narrative', () => {
    const text = 'JALALABAD, Afghanistan (Jan. 3, 2024) – Police today confirmed the death of the militant leader behind the Nov. 20 market ambush that killed two guards.\nThe militant leader was killed in a raid on his farm in Rodat district on Monday.\nAlso killed in the raid were three of his couriers.';
    const f = extractFacts(text, { publishedAt: null }).casualties.filter((x) => x.kind === 'killed');
    expect(f.map((x) => [x.count, x.when])).toEqual([[1, '2024-01-01'], [1, '2024-01-01'], [3, '2024-01-01']]);
    // The named event's own figure, right after it, is dated by it.
    expect(when('The Dec. 28 bombing of the depot killed four watchmen.')).toBe('2023-12-28');
    // "on the Saturday night" is a time, not a name.
    expect(when('Six were wounded on the Saturday night.')).toBe('2023-12-30');
  });
  it('a reference number alone gives a month: relative days stay in it, no day is invented; a written date takes its year', () => {
    const head = 'Regional Press Office\n2011-05-XY-033\nFor Immediate Release\n';
    expect(when(`${head}A patrol killed two gunmen in Herat province yesterday.`, null)).toBe('2011-05');
    expect(when(`${head}On Tuesday night a patrol killed two gunmen in Herat province.`, null)).toBe('2011-05');
    expect(when(`${head}A patrol killed two gunmen in Herat province on May 9.`, null)).toBe('2011-05-09');
    // A dateline later in the text gives the day again.
    expect(when(`${head}HERAT (May 12, 2011) – A patrol killed two gunmen in Herat province yesterday.`, null)).toBe('2011-05-11');
  });
  it('a newswire dateline\'s date is the reference, not the date of the clause that names its own day (N8)', () => {
    expect(when('LAGOS, Jan. 3 (Reuters) - Gunmen killed six traders in a market in Oyo state on Monday.')).toBe('2024-01-01');
    expect(when('MOGADISHU, Somalia, Jan. 3, 2024 – Troops killed four fighters near Baidoa on Monday.', null)).toBe('2024-01-01');
    expect(when('KIDAL, Mali — Jan. 3, 2024 — Two soldiers were killed by a mine on Monday.', null)).toBe('2024-01-01');
  });
  it('aggregates over a period get no single date', () => {
    expect(when('On Wednesday officials said 40 people had been killed in recent days.')).toBeUndefined();
  });
});

describe('days ago', () => {
  it('counts back from publication', () => {
    expect(when('Two days ago, 3 people were killed.')).toBe('2024-01-01');
    expect(when('Five people were injured 3 days ago.')).toBe('2023-12-31');
    expect(when('Two guards were shot dead two nights ago.')).toBe('2024-01-01');
  });
  it('weeks ago is a week, not a day', () => {
    expect(when('Two guards were shot dead a week ago.')).toBe('2023-W52');
  });
});

describe('weekdays relative to the week and to the narrative', () => {
  it('"Tuesday last week" is that day of the week before; "last Wednesday" said on a Wednesday is a week back', () => {
    expect(when('Two guards were shot dead on Tuesday last week.')).toBe('2023-12-26');
    expect(when('Two guards were shot dead last Wednesday.')).toBe('2023-12-27');
    expect(when('Two guards were shot dead on Wednesday.')).toBe('2024-01-03');
  });
  it('"the previous night" counts back from the narrative\'s day', () => {
    expect(when('The convoy reached Gao on Monday. Two guards had been shot dead the previous night.')).toBe('2023-12-31');
  });
});
