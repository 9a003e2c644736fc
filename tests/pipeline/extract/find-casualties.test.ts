import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/pipeline/extract/extract-facts.js';

const PUBLISHED = '2024-01-03'; // a Wednesday

function figures(text: string, publishedAt: string | null = PUBLISHED) {
  return extractFacts(text, { publishedAt }).casualties.map((f) => ({ ...f, phrase: text.slice(f.start, f.end) }));
}
function one(text: string) {
  const all = figures(text);
  expect(all, JSON.stringify(all)).toHaveLength(1);
  return all[0];
}

describe('counts in every form', () => {
  it.each([
    ['25 people were killed in the attack.', 'killed', 25, '25 people were killed'],
    ['About 1,200 residents were evacuated from the area.', 'evacuated', 1200, 'About 1,200 residents were evacuated'],
    ['Seven people died after the shelling.', 'killed', 7, 'Seven people died'],
    ['Twenty-five civilians were wounded.', 'injured', 25, 'Twenty-five civilians were wounded'],
    ['A dozen soldiers were killed.', 'killed', 12, 'A dozen soldiers were killed'],
    ['One person was killed.', 'killed', 1, 'One person was killed'],
    ['A man was killed when a drone hit his car.', 'killed', 1, 'A man was killed'],
    ['Two children were injured.', 'injured', 2, 'Two children were injured'],
    ['A family of four was killed in the strike.', 'killed', 4, 'A family of four was killed'],
    ['Three hundred twelve passengers were killed.', 'killed', 312, 'Three hundred twelve passengers were killed'],
  ])('%s', (text, kind, count, phrase) => {
    const f = one(text);
    expect(f).toMatchObject({ kind, count, phrase, negated: false });
  });

  it('keeps who as a plural noun', () => {
    expect(one('A man was killed.').who).toBe('men');
    expect(one('Two children were injured.').who).toBe('children');
    expect(one('25 residents of Belgorod were killed.').who).toBe('residents');
  });
});

describe('bounds, ranges and vague quantities', () => {
  it('at least / more than / up to / nearly', () => {
    expect(one('At least 4 people were killed.')).toMatchObject({ count: 4, min: 4, approximate: true });
    expect(one('More than 20 people were injured.')).toMatchObject({ kind: 'injured', count: 20, min: 21, approximate: true });
    expect(one('Up to 10 people may have been killed.')).toMatchObject({ count: 10, max: 10, approximate: true });
    expect(one('Nearly 30 people died.')).toMatchObject({ count: 30, max: 30, approximate: true });
  });

  it('ranges give min and max, no single count', () => {
    for (const text of ['10 to 15 people were killed.', '10-15 people were killed.', 'Between 10 and 15 people were killed.']) {
      expect(one(text)).toMatchObject({ count: null, min: 10, max: 15, approximate: true });
    }
  });

  it('vague quantities take the conventional lower bound', () => {
    expect(one('Dozens of people were killed.')).toMatchObject({ count: null, min: 12, approximate: true });
    expect(one('Scores of people were injured.')).toMatchObject({ count: null, min: 20 });
    expect(one('Hundreds of civilians were killed.')).toMatchObject({ count: null, min: 100, who: 'civilians' });
    expect(one('Tens of thousands of people were displaced.')).toMatchObject({ kind: 'displaced', count: null, min: 10_000 });
  });
});

describe('totals and parts', () => {
  it('"5 people, including 2 children" is 5', () => {
    expect(one('Five people, including two children, were killed.')).toMatchObject({ count: 5, who: 'people' });
  });
  it('coordinated groups add up in one figure', () => {
    expect(one('22 passengers and 3 crew members were killed.')).toMatchObject({ count: 25 });
    expect(one('The plane crashed, killing all 44 aboard and 3 people on the ground.')).toMatchObject({ count: 47 });
    expect(one('Thirty-two killed on the DC-6, seven on the York.')).toMatchObject({ count: 39 });
  });
  it('"one of them" is a part, not another count', () => {
    expect(one('Five people were injured, one of them a child.')).toMatchObject({ count: 5 });
    expect(one('В Шебекино ранены двое мирных жителей, один из них в тяжелом состоянии.')).toMatchObject({ count: 2 });
  });
  it('"both the pilot and copilot" is two', () => {
    expect(one('Both the pilot and copilot were killed.')).toMatchObject({ count: 2 });
  });
  it('named victims count one each', () => {
    expect(one('Jim Reeves and Dean Manuel were killed.')).toMatchObject({ count: 2 });
    expect(one('UN Secretary General Dag Hammarskjöld, 56, killed.')).toMatchObject({ count: 1 });
  });
});

describe('zero: negated figures', () => {
  it.each([
    ['No deaths were reported.', ['killed']],
    ['No casualties were reported.', ['killed', 'injured']],
    ['Nobody was hurt.', ['injured']],
    ['No one was killed in the attack.', ['killed']],
    ['There were no injuries.', ['injured']],
    ['The pilot was not injured.', ['injured']],
    ['No civilians were killed, officials said.', ['killed']],
    ['None of the 88 aboard the Convair were killed.', ['killed']],
  ])('%s', (text, kinds) => {
    const all = figures(text);
    expect(all.map((f) => f.kind)).toEqual(kinds);
    for (const f of all) expect(f).toMatchObject({ count: 0, negated: true });
  });
});

describe('verbs and nouns', () => {
  it('finds each kind', () => {
    const all = figures('The attack left 3 dead and 12 wounded.');
    expect(all.map((f) => [f.kind, f.count])).toEqual([['killed', 3], ['injured', 12]]);
    expect(one('Two people lost their lives.')).toMatchObject({ kind: 'killed', count: 2 });
    expect(one('Rescuers recovered 15 bodies from the rubble.')).toMatchObject({ kind: 'killed', count: 15 });
    expect(one('The death toll rose to 41 on Thursday.')).toMatchObject({ kind: 'killed', count: 41 });
    expect(one('Four people were hospitalized.')).toMatchObject({ kind: 'injured', count: 4 });
    expect(one('Three people remain missing.')).toMatchObject({ kind: 'missing', count: 3 });
    expect(one('Two fishermen are unaccounted for.')).toMatchObject({ kind: 'missing', count: 2 });
    expect(one('Militants abducted 12 villagers.')).toMatchObject({ kind: 'captured', count: 12 });
    expect(one('Five journalists were taken hostage.')).toMatchObject({ kind: 'captured', count: 5 });
    expect(one('Police detained 40 protesters.')).toMatchObject({ kind: 'detained', count: 40 });
    expect(one('The shelling killed 25 people.')).toMatchObject({ kind: 'killed', count: 25, phrase: 'killed 25 people' });
  });
  it('"among the dead" names a part of the dead', () => {
    expect(one('A 7-year-old girl was among those killed.')).toMatchObject({ kind: 'killed', count: 1 });
    expect(one('Among the dead were 5 children.')).toMatchObject({ kind: 'killed', count: 5 });
  });
  it('says what it assumed for "casualties"', () => {
    const f = one('The strike caused 15 casualties.');
    expect(f).toMatchObject({ kind: 'injured', count: 15 });
    expect(f.note).toMatch(/casualties/);
  });
  it('an active verb with a person object is not a passive subject', () => {
    expect(one('The hijacker killed one male passenger.')).toMatchObject({ count: 1, phrase: 'killed one male passenger' });
  });
});

describe('never a casualty', () => {
  it.each([
    'Air defenses downed 12 missiles over the region.',
    'Six Tochka-U missiles were destroyed by air defense systems.',
    'The drone struck 5 km from the border, damaging 3 buildings.',
    'The strikes caused $5 million in damage; 30 percent of homes lost power.',
    'Parliament voted 250 to 3 to extend martial law.',
    'It was the 10th anniversary of the attack.',
    'Russia launched 40 drones and 12 missiles overnight.',
    'School holidays were extended until Jan. 19.',
  ])('%s', (text) => {
    expect(figures(text)).toEqual([]);
  });

  it('ages, dates and counts of strikes are not the count', () => {
    expect(one('A 25-year-old man was killed.')).toMatchObject({ count: 1 });
    expect(one('The strike on Jan. 2 killed 3 people.')).toMatchObject({ count: 3 });
    expect(one('The 12 strikes killed 4 people.')).toMatchObject({ count: 4 });
    expect(one('The driver, 35, was killed.')).toMatchObject({ count: 1 });
    expect(one('Stevie Ray Vaughan, 35 was killed.')).toMatchObject({ count: 1 });
    expect(one('All 162 aboard the 727 were killed.')).toMatchObject({ count: 162 });
  });

  it('a quiet night: only the negated figure', () => {
    const all = figures('Two tanks were destroyed and 3 drones were shot down; no one was hurt.');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'injured', count: 0, negated: true });
  });
});

describe('who, where and attribution', () => {
  it('places from the sentence, aliases resolved', () => {
    expect(one('Three civilians were killed in Kharkiv.')).toMatchObject({ who: 'civilians', where: 'Kharkiv' });
    expect(one('Two people were killed in Kiev.')).toMatchObject({ where: 'Kyiv' });
  });
  it('"the region" refers back to the place named before', () => {
    const all = figures('Shelling hit the Kherson region on Monday.\n\nThe day before, two people were killed in attacks on the region, which borders Ukraine.');
    expect(all[0].where).toBe('Kherson');
  });
  it('who said it', () => {
    expect(one('Two people were killed, Governor Vyacheslav Gladkov said.').attribution).toBe('Vyacheslav Gladkov');
    expect(one('According to the Health Ministry, 12 people were killed.').attribution).toBe('Health Ministry');
    const text = "Ukraine's Defense Ministry reported heavy fighting. Three soldiers were killed, the ministry said.";
    expect(figures(text)[0].attribution).toBe('Ukrainian Defense Ministry');
    expect(one('Two people were wounded, local officials said.').attribution).toBe('local officials');
  });
});

describe('Russian and Ukrainian', () => {
  it('Russian core patterns', () => {
    const all = figures('В результате обстрела погибли 5 человек, ещё 12 ранены.');
    expect(all.map((f) => [f.kind, f.count])).toEqual([['killed', 5], ['injured', 12]]);
    expect(figures('Двое мирных жителей погибли.').map((f) => f.count)).toEqual([2]);
    expect(figures('Погибших нет.')[0]).toMatchObject({ kind: 'killed', count: 0, negated: true });
    expect(figures('Никто не пострадал.')[0]).toMatchObject({ kind: 'injured', count: 0, negated: true });
  });
  it('Ukrainian core patterns', () => {
    const all = figures('Внаслідок удару загинули двоє людей, ще троє поранені.');
    expect(all.map((f) => [f.kind, f.count])).toEqual([['killed', 2], ['injured', 3]]);
    expect(figures('Загиблих немає.')[0]).toMatchObject({ kind: 'killed', count: 0, negated: true });
  });
  it('detects the language from the script', () => {
    expect(figures('Погибли 3 человека.').map((f) => f.count)).toEqual([3]);
    expect(extractFacts('Погибли 3 человека.', { language: 'en' }).casualties).toEqual([]);
  });
});

describe('numbers after capitalized words', () => {
  it('a date or a place before the count does not make it an identifier', () => {
    expect(one('On Saturday 3 people were killed.')).toMatchObject({ count: 3, when: '2023-12-30' });
    expect(one('In Kharkiv 3 people were killed.')).toMatchObject({ count: 3, where: 'Kharkiv' });
  });
  it('a model number is not a count', () => {
    expect(one('The Boeing 737 crashed into a hillside, killing 5.')).toMatchObject({ count: 5 });
    expect(figures('In 2004 the agreement was signed; none died.').map((f) => f.count)).toEqual([0]);
  });
});

describe('conflict reporting', () => {
  it('a running total since a date is an aggregate', () => {
    const f = one('The Gaza Health Ministry said 21,507 Palestinians have been killed since Oct. 7.');
    expect(f).toMatchObject({ count: 21507, who: 'palestinians', aggregate: true, attribution: 'Gaza Health Ministry' });
    expect(f.when).toBeUndefined();
  });
  it('a toll with a qualifier before its number', () => {
    expect(one("The army's death toll in the ground operation rose to 172.")).toMatchObject({ kind: 'killed', count: 172 });
  });
  it('a singular nationality noun is a person', () => {
    expect(one('A 17-year-old Palestinian was shot dead near Ramallah.')).toMatchObject({ count: 1, who: 'palestinians', where: 'Ramallah' });
  });
  it('a sentence without a place takes the place its paragraph named', () => {
    const all = figures('A missile struck Kupiansk, killing two men. Another four people were wounded.');
    expect(all.map((f) => [f.kind, f.count, f.where])).toEqual([['killed', 2, 'Kupiansk'], ['injured', 4, 'Kupiansk']]);
  });
  it('figures over the past day are aggregates', () => {
    const all = figures('Russian attacks killed at least 11 people and injured 36 others over the past day, officials said.');
    expect(all.map((f) => f.aggregate)).toEqual([true, true]);
    expect(all[0].attribution).toBe('officials');
  });
});

describe('perpetrators, pronouns, verb-first clauses and one-line notes', () => {
  const killed = (text: string) => extractFacts(text, { publishedAt: PUBLISHED }).summary.killed?.count ?? 0;

  it('"killing himself and 6 policemen" counts the attacker too', () => {
    expect(one('A bomber detonated a vest at a checkpoint, killing himself and 6 policemen.')).toMatchObject({ kind: 'killed', count: 7, phrase: 'killing himself and 6 policemen' });
  });

  it('"killed three people … and then killed himself" is 3 victims and the shooter, not 3 who killed themselves', () => {
    expect(figures('A shooter killed three people at a school and then killed himself.').map((f) => [f.count, f.phrase])).toEqual([
      [3, 'killed three people at a school'],
      [1, 'killed himself'],
    ]);
    expect(killed('A shooter killed three people at a school and then killed himself.')).toBe(4);
  });

  it('suicide bombers who blew themselves up are deaths', () => {
    expect(killed('Two suicide bombers blew themselves up at a mosque, killing 16 worshippers.')).toBe(18);
  });

  it('a pronoun subject\'s death counts once', () => {
    expect(killed('A gunman killed five people before he was shot dead by police.')).toBe(6);
    expect(killed('A soldier was killed in the shelling. He died on the spot.')).toBe(1);
    expect(figures('Police said he was arrested.')).toHaveLength(0);
  });

  it('active verbs of killing with a person object: executed, shot dead; a Russian claim of destroyed personnel but not of tanks', () => {
    expect(one('Militants executed 6 men in the village.')).toMatchObject({ kind: 'killed', count: 6 });
    expect(one('Gunmen shot dead a local chief.')).toMatchObject({ kind: 'killed', count: 1 });
    expect(one('ВСУ заявили об уничтожении 30 российских военных.')).toMatchObject({ kind: 'killed', count: 30 });
    expect(figures('Военные уничтожили 3 танка.')).toHaveLength(0);
  });

  it('verb first: the verb before a count is its own, and a count with a verb of its own starts a new clause', () => {
    const s = extractFacts('Обстрел: погибли 25 человек, в том числе 5 детей, ранены 109.').summary;
    expect(s).toMatchObject({ killed: { count: 25 }, injured: { count: 109 } });
    expect(extractFacts('Загинули 4 людини, 12 отримали поранення.').summary).toMatchObject({ killed: { count: 4 }, injured: { count: 12 } });
    expect(extractFacts('Погиб мужчина, ранены две женщины.').summary).toMatchObject({ killed: { count: 1 }, injured: { count: 2 } });
    expect(extractFacts('Під час атаки дронів загинула жінка.').summary).toMatchObject({ killed: { count: 1 } });
  });

  it('a one-line English note the language detector misjudges is still read as English', () => {
    expect(killed('A truck rammed into a crowd at a festival, killing 10 and injuring 25.')).toBe(10);
    expect(figures('Der Lastwagen fuhr in die Menge, zehn Menschen starben.')).toHaveLength(0);
  });
});

describe('breakdowns after the verb and per-side counts', () => {
  it('", among them a boy, and 6 were injured": the breakdown starts no figure', () => {
    const s = extractFacts('Three civilians were killed, among them a 14-year-old boy, and 6 were injured.').summary;
    expect(s).toMatchObject({ killed: { count: 3 }, injured: { count: 6 } });
  });

  it('"3 fighters on each side" is 6; "on both sides" is not multiplied', () => {
    expect(one('Clashes killed 3 fighters on each side.')).toMatchObject({ count: 6, phrase: 'killed 3 fighters on each side' });
    expect(one('Four soldiers were killed on both sides.')).toMatchObject({ count: 4 });
  });
});

describe('pronoun and reflexive deaths are suffered and done, not meant or inflicted', () => {
  it.each([
    'He then shot and killed the copilot.',
    'A passenger, who had said he was going to kill himself, shot the pilot.',
  ])('%s', (text) => {
    expect(figures(text).filter((f) => /^(he|she)\b|himself/i.test(f.phrase))).toHaveLength(0);
  });
});

describe('Russian and Ukrainian: modifiers, oblique number words, "claimed the lives"', () => {
  it.each([
    ['Під час обстрілу загинула 72-річна жінка.', 1],
    ['Погиб мирный житель.', 1],
    ['Авіаудар по селу забрав життя шести людей.', 6],
    ['Удар унес жизни семи человек.', 7],
  ])('%s', (text, count) => {
    expect(one(text)).toMatchObject({ kind: 'killed', count });
  });
});
