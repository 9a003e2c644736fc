import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/pipeline/extract/extract-facts.js';
import { summarizeCasualties } from '../../../src/pipeline/extract/summarize-casualties.js';

function summary(text: string) {
  return extractFacts(text, { publishedAt: '2024-01-03' }).summary;
}

describe('document summary: distinct casualties, no double counting', () => {
  it('a restated or updated figure counts once, at its largest', () => {
    expect(summary('At least 20 people were killed in the strike. The death toll later rose to 25. Among the dead, 5 children were killed.').killed)
      .toEqual({ count: 25, approximate: true });
  });
  it('a running total covers the figures it restates, whoever the victims', () => {
    const text = 'Ten passengers died in the crash. Two more victims died in hospital, bringing the death toll to 12.';
    expect(summary(text).killed).toEqual({ count: 12, approximate: false });
    const figure = extractFacts(text, { publishedAt: '2024-01-03' }).casualties.find((f) => f.total);
    expect(figure).toMatchObject({ count: 12, total: true });
    expect(summary('Three passengers and one crew member died in the weeks that followed, making the total 103.').killed)
      .toEqual({ count: 103, approximate: false });
  });
  it('different places add up', () => {
    expect(summary('Two people were killed in Kharkiv. Three people were killed in Odesa.').killed).toEqual({ count: 5, approximate: false });
  });
  it('different days add up', () => {
    expect(summary('One person was killed on Monday and another was killed on Tuesday.').killed).toEqual({ count: 2, approximate: false });
  });
  it('different victims add up', () => {
    expect(summary('Two soldiers were killed in the morning. Three civilians died later.').killed).toEqual({ count: 5, approximate: false });
  });
  it('an aggregate over a period reaches beyond the report: the incidents make the total', () => {
    expect(summary('Attacks have killed dozens of people in recent days. On Saturday, 5 people were killed.').killed)
      .toEqual({ count: 5, approximate: false });
    expect(summary('Five Palestinians were killed in Rafah on Saturday, bringing the death toll in Gaza to over 20,000.').killed)
      .toEqual({ count: 5, approximate: false });
  });
  it('with no single event, the largest aggregate is the total', () => {
    expect(summary('Attacks have killed dozens of people in recent days.').killed).toEqual({ count: 12, approximate: true });
  });
  it('only negated figures: zero', () => {
    expect(summary('No casualties were reported.')).toEqual({ killed: { count: 0, approximate: false }, injured: { count: 0, approximate: false } });
  });
  it('a single incident report comes out with its total', () => {
    const s = summary('A passenger plane crashed near Kazan, killing all 50 people on board. Officials said 44 passengers and 6 crew members died.');
    expect(s.killed).toEqual({ count: 50, approximate: false });
  });
});

describe('one-incident event descriptions come out with the incident total', () => {
  // Invented notes in the style of conflict-event datasets, one incident each.
  it.each([
    ['On 5 March 2023, unidentified gunmen attacked a village in Zamfara state, killing 12 people and abducting 30 others.', 12],
    ['On 3 January 2024, Russian forces shelled Kherson city, killing 2 civilians and injuring 5 others.', 2],
    ['Israeli forces killed a Palestinian man during a raid in Jenin.', 1],
    ['Clashes between JNIM and the Malian army resulted in the deaths of 4 soldiers.', 4],
    ['Al Shabaab militants ambushed a convoy near Mogadishu. 7 soldiers and 3 militants were killed.', 10],
    ['Unknown gunmen shot dead a local chief in Kasai. 1 fatality.', 1],
    ['Police fired live rounds at protesters in Khartoum, killing at least three and wounding dozens.', 3],
    ['A Russian missile strike on a residential building in Dnipro killed 46 people, including 6 children, and injured 80.', 46],
    ['Fighting between the RSF and SAF in El Fasher left 15 dead, according to local sources.', 15],
    ['Boko Haram militants killed five farmers and kidnapped two women in Borno.', 5],
    ['An airstrike hit a market, killing an unknown number of civilians.', 0],
    ['Two people were killed and 11 others injured when a car bomb exploded in Mogadishu.', 2],
    ['The bodies of three men with gunshot wounds were found in Culiacan.', 3],
    ['Ukrainian forces said 25 Russian soldiers were killed in the attack on Avdiivka.', 25],
    ['Five Palestinians were killed by Israeli strikes in Rafah on Saturday, bringing the death toll in Gaza to over 20,000.', 5],
    ['A drone strike killed a Hezbollah commander and two fighters in southern Lebanon.', 3],
    ['Gunmen killed 3 police officers at a checkpoint. Two attackers were also killed.', 5],
    ['Russian shelling of Kupiansk killed a 67-year-old woman.', 1],
    ['One civilian was killed and another wounded in Kharkiv oblast.', 1],
    ['On 12 June 2023, ADF militants attacked Lhubiriha village, killing 42 people, mostly students.', 42],
    ['Military forces clashed with JNIM near Boni, resulting in 3 fatalities.', 3],
    ['Armed men abducted 2 civilians in Kidal; 1 of them was later found dead.', 1],
    ['Protesters clashed with police in Nairobi. 1 protester was shot and killed.', 1],
    ['Fatalities: 4. Russian artillery shelled the outskirts of Orikhiv.', 4],
    ['A suicide bomber detonated explosives at a mosque in Peshawar, killing 101 and injuring 220.', 101],
    ['Unidentified gunmen killed a man and his wife in Jos North.', 2],
    ['Two soldiers and one civilian were killed when an IED exploded in Tillaberi.', 3],
    ['On 8 May, police killed 3 suspected militants in a gunfight. No police casualties reported.', 3],
    ['Three children died after an unexploded shell detonated in a field near Izium.', 3],
    ['Israeli forces shot and killed a Palestinian man at a checkpoint near Huwara.', 1],
    ['RSF fighters killed at least 23 people in an attack on Wad al-Noura village.', 23],
    ['Rebels killed 12 soldiers and lost 5 of their own fighters.', 12],
    ['Several people were killed in clashes between rival militias in Tripoli.', 3],
    ['A drone strike killed four members of the same family in Gaza City.', 4],
    ['The bodies of 7 migrants were recovered off the coast.', 7],
    ['Clashes left 6 people dead and 14 injured in Kasai province.', 6],
    ['Russian forces shelled Nikopol, killing one man; 3 others were wounded.', 1],
    ['An explosion at a weapons depot killed 8 soldiers; the cause is unknown.', 8],
    ['Gunmen opened fire on a bus, killing its driver and 11 passengers.', 12],
  ])('%s', (text, killed) => {
    expect(summary(text).killed?.count ?? 0).toBe(killed);
  });
});

describe('scopes and side-by-side parts', () => {
  const fig = (count: number, sentence: string, start: number) => ({
    kind: 'killed' as const, count, approximate: false, negated: false, sentence, start, end: start + 5,
  });
  it('figures on different vehicles add up; the same vehicle is one event', () => {
    const a = fig(8, 'Eight aboard the first truck were killed.', 0);
    const b = fig(5, 'Five aboard the second truck were killed.', 50);
    expect(summarizeCasualties([a, b], ['the first truck', 'the second truck']).killed?.count).toBe(13);
    expect(summarizeCasualties([a, b], ['the first truck', 'the first truck']).killed?.count).toBe(8);
    expect(summarizeCasualties([a, b]).killed?.count).toBe(8);
  });
  it('two different figures side by side in one sentence add up, unless the sentence updates a report', () => {
    const s = 'Twenty were killed on the jet, six on the helicopter.';
    expect(summarizeCasualties([fig(20, s, 0), fig(6, s, 30)]).killed?.count).toBe(26);
    const u = 'Twenty were killed, up from six reported earlier.';
    expect(summarizeCasualties([fig(20, u, 0), fig(6, u, 30)]).killed?.count).toBe(20);
  });
});
