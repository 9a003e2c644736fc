/**
 * Document totals from the forms accident and conflict reports use to state the dead: "both …",
 * "the two …", "a crew of N", deaths later in the clause, parts on different vehicles or spots,
 * and parts side by side in one sentence. Invented texts.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/pipeline/extract/extract-facts.js';

function killed(text: string): number | undefined {
  return extractFacts(text, { publishedAt: '2024-01-03' }).summary.killed?.count;
}

describe('one person or a pair named by role', () => {
  it.each([
    ['The gunner jumped from the burning truck to his death.', 1],
    ['The courier was thrown from the boat to her death.', 1],
    ['One passenger could not leave the ferry and drowned.', 1],
    ['One fisherman refused to abandon the trawler and drowned.', 1],
    ['A medic was not able to reach the shelter and was killed.', 1],
    ['Three guards were hurt and both the driver and the radio operator were killed.', 2],
    ['Both the pilot and navigator died when the drone struck the hangar.', 2],
    ['The two sentries were killed at the checkpoint.', 2],
    ['The three volunteers died in the shelling.', 3],
  ])('%s → %i', (text, n) => expect(killed(text)).toBe(n));

  it('a doer is not a victim', () => {
    expect(killed('The gunman opened fire and killed four villagers.')).toBe(4);
    expect(killed('The sniper climbed the tower and shot the guard.')).toBeUndefined();
  });
  it('a negated first verb does not negate the death after "and"', () => {
    const f = extractFacts('One diver was not able to surface and drowned.').casualties;
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'killed', count: 1, negated: false });
  });
  it('"the 727" is a model, not a count', () => {
    expect(killed('All aboard the 727 were killed.')).toBeUndefined();
  });
});

describe('groups and sums of parts', () => {
  it.each([
    ['All four passengers and a crew of 3 were killed.', 7],
    ['The patrol boat sank with a crew of six; all were killed.', undefined],
    ['A crew of five died when the helicopter went down.', 5],
    ['Two aboard the jeep were killed along with 11 aboard the bus.', 13],
    ['Twenty were killed on the Antonov, six on the Mil helicopter.', 26],
    ['Thirty died on the ferry, four died on the tug.', 34],
    ['Two died and 3 were injured in the first car and 9 died in the second.', 11],
    ['All 9 killed aboard the transport and one aboard the escort jet were killed.', 10],
    ['One of 14 aboard the Mi-8 was killed and all 6 aboard the Ka-27 were killed.', 7],
  ])('%s → %s', (text, n) => expect(killed(text)).toBe(n));

  it('parts on different vehicles in different sentences add up', () => {
    expect(killed('Seven out of 9 aboard the first truck were killed. Four out of 5 aboard the second truck were killed.')).toBe(11);
    expect(killed('Eleven soldiers aboard the Mi-8 were killed. Two crew members aboard the Ka-52 died.')).toBe(13);
  });
  it('ground deaths add to those aboard', () => {
    expect(killed('The bomber crashed, killing all 12 aboard and 3 people on the ground.')).toBe(15);
    expect(killed('Nine crew aboard the tanker plane were killed. Two people on the ground also died.')).toBe(11);
  });
  it('a restated figure still counts once', () => {
    expect(killed('Twelve soldiers were killed on Monday. The twelve soldiers killed on Monday were buried on Friday.')).toBe(12);
    expect(killed('At least 20 people were killed and 20 bodies were recovered.')).toBe(20);
    expect(killed('Five people were killed in Kharkiv. Officials said the five killed were civilians.')).toBe(5);
  });
});

describe('clauses between the victims and their fate', () => {
  it.each([
    ['Four workers, waiting for the evening bus were killed by the blast.', 4],
    ['Three soldiers, who had just returned from leave, died in the strike.', 3],
    ['Two medics, carrying a stretcher, were wounded.', undefined],
  ])('%s → %s', (text, n) => expect(killed(text)).toBe(n));
  it('a figure inside the clause stays its own', () => {
    const f = extractFacts('Three gunmen, who killed two guards, were arrested.').casualties;
    expect(f.map((x) => [x.kind, x.count])).toEqual([['killed', 2]]);
  });
});

describe('named victims', () => {
  it.each([
    ['The strike killed commander Oleg Mirny and his driver.', 2],
    ['Shelling killed journalist Daria Lys, 31, and two volunteers.', 3],
    ['Colonel Petro Hrytsenko was killed in the raid along with three soldiers.', 4],
  ])('%s → %i', (text, n) => expect(killed(text)).toBe(n));
  it('the doer after "killed by" is no victim', () => {
    expect(killed('The farmer was killed by Oleg Mirny.')).toBe(1);
  });
});

describe('"both" with a plural head starts a list', () => {
  it.each([
    ['Both gunners and one medic were killed.', 3],
    ['Both drivers and the radio man died.', 3],
    ['Both the gunner and the loader died.', 2],
  ])('%s → %i', (text, n) => expect(killed(text)).toBe(n));
});

describe('an update in one sentence restates', () => {
  it.each([
    ['Two people were killed, the governor said, updating an earlier report of one killed.', 2],
    ['A missile strike killed 7 people on Saturday; earlier reports said 5 people were killed.', 7],
    ['Nine soldiers died, up from six reported on Monday.', 9],
  ])('%s → %i', (text, n) => expect(killed(text)).toBe(n));
});

describe('"all aboard" counts the number the text said were aboard', () => {
  it.each([
    ['The transport plane, carrying 23 soldiers and 5 crew, went down. All aboard were killed.', 28],
    ['A helicopter with 12 people on board crashed, killing everyone aboard.', 12],
    ['A bus carrying 40 pilgrims was hit by a missile; all the passengers were killed.', 40],
    ['Nine marines were aboard the landing craft. All of those aboard died.', 9],
  ])('%s → %i', (text, n) => expect(killed(text)).toBe(n));
  it('without a stated number there is no figure', () => {
    expect(killed('The boat capsized and all aboard were killed.')).toBeUndefined();
  });
  it('the number aboard does not carry into the next paragraph', () => {
    expect(killed('A bus carrying 40 pilgrims left Najaf.\n\nA drone hit a van near Basra; all aboard were killed.')).toBeUndefined();
  });
  it('the figure notes where its number came from', () => {
    const f = extractFacts('A jeep carrying 4 medics hit a mine. All aboard were killed.').casualties;
    expect(f).toHaveLength(1);
    expect(f[0].note).toMatch(/aboard/);
  });
});

describe('a closed clause gives way to the verb after it', () => {
  it('"The man, who was wounded, later died" is one death', () => {
    const f = extractFacts('The guard, who was wounded, later died.').casualties;
    expect(f.map((x) => [x.kind, x.count])).toEqual([['killed', 1]]);
  });
});

describe('conflict-event notes', () => {
  const sum = (text: string) => extractFacts(text, { publishedAt: '2024-01-03' }).summary;
  it.each([
    ['On 5 March 2023, shelling hit Kherson city, killing 3 civilians and injuring 5 others.', 3, 5],
    ['Gunmen attacked a checkpoint, killing a soldier and two militia members.', 3, undefined],
    ['An IED exploded under a patrol vehicle, killing the driver and wounding 3 soldiers.', 1, 3],
    ['Two civilians were killed and another wounded when a drone struck their car.', 2, 1],
    ['The attack left one policeman dead and three injured.', 1, 3],
    ['Security forces killed 15 militants; 2 soldiers also died.', 17, undefined],
    ['Three were killed; another died in hospital.', 4, undefined],
  ])('%s', (text, k, i) => {
    const s = sum(text);
    expect(s.killed?.count).toBe(k);
    expect(s.injured?.count).toBe(i);
  });
});
