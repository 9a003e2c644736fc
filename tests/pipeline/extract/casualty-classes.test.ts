/**
 * One invented case (or two) per error class of ../shared/notes/extraction-error-classes.md, written
 * for sitrep and unlike that note's examples: the class is what is tested, not a sentence.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/pipeline/extract/extract-facts.js';
import type { CasualtyKind } from '../../../src/record/record.js';

const summary = (text: string) => extractFacts(text, { publishedAt: '2024-06-01' }).summary;
const count = (text: string, kind: CasualtyKind) => summary(text)[kind]?.count ?? 0;

describe('casualty error classes', () => {
  it('C1 one victim with no numeral: an indefinite role noun', () => {
    expect(count('On 5 May 2024, bandits shot and killed a herdsman near the river in Kaduna.', 'killed')).toBe(1);
    expect(count('The unit captured a Taliban financier in Zurmat district.', 'captured')).toBe(1);
  });
  it('C1 a named victim followed by a parenthesis ("(alias …)", an age) is still the subject of its verb', () => {
    expect(count('Yusuf Danjuma (alias Kawu) was shot dead by vigilantes near Funtua.', 'killed')).toBe(1);
    expect(count('Grace Obi (27) and Tunde Bako (30) were hurt when the stall collapsed.', 'injured')).toBe(2);
    // A nickname splitting one name is not a second victim.
    expect(count('Pilot Kurt (Buzz) Lang killed.', 'killed')).toBe(1);
  });
  it('C1 a role and a name with no article: "killed militia commander Haruna"', () => {
    expect(summary('Troops killed militia commander Haruna near Lokoja on Friday.').killed).toEqual({ count: 1, approximate: false });
    expect(count('Police confirmed the death of gang leader Bako Tanko after the raid.', 'killed')).toBe(1);
    expect(count('The unit arrested cell financier Musa Adamu and two couriers.', 'detained')).toBe(3);
    // Number words are no role nouns: "killed three SDF members".
    expect(count('A drone strike killed three PKK members near Zakho.', 'killed')).toBe(3);
  });
  it('C2 a person word modifying the casualty noun; a role ending at "along with"', () => {
    expect(summary('The clash ended in seven militant deaths.').killed).toEqual({ count: 7, approximate: false });
    expect(count('Rescuers recovered two civilian bodies from the river.', 'killed')).toBe(2);
    expect(count('Soldiers killed a bandit sub-commander along with several gunmen in the forest.', 'killed')).toBe(4);
    expect(count('The patrol returned fire, which resulted in the killing of several of the raiders.', 'killed')).toBe(3);
  });
  it('C2 a participle or the acronym "IS" between the number and the verb', () => {
    expect(count('Three Kenyan policemen escorting a convoy were killed when militants ambushed it near Mandera.', 'killed')).toBe(3);
    expect(count('5 IS fighters were killed in the strike.', 'killed')).toBe(5);
  });
  it('C3 coordinated named victims count each', () => {
    expect(count('Constables Mark Odu and Ali Sani were wounded when the wall fell.', 'injured')).toBe(2);
    // Each name with a title of its own: "Sergeant A and Corporal B", "Sgt. A, Staff Sgt. B and Pvt. C".
    expect(count('Warden Rosa Diaz and Ranger Paul Okoro were hurt when the tower collapsed.', 'injured')).toBe(2);
    expect(count('Cpl. Ivan Petrov, Staff Sgt. Joe Mills and Pvt. Dan Cole were killed by the mine.', 'killed')).toBe(3);
  });
  it('C3 a definite plural object with no count is the group counted before ("killed the militants")', () => {
    expect(count('Scouts spotted multiple armed militants near the well. The patrol engaged and killed the militants.', 'killed')).toBe(3);
    expect(count('Later, four gunmen opened fire on the convoy. The escort returned fire, killing all individuals.', 'killed')).toBe(4);
    // Nobody counted before: no figure.
    expect(count('The patrol engaged and killed the militants.', 'killed')).toBe(0);
    // A figure that counted them already is restated, not added to.
    expect(count('The patrol killed two militants near the well. The patrol had engaged the militants after dusk, killing the militants.', 'killed')).toBe(2);
  });
  it('C2 inverted: the participle first, the victims after "were"', () => {
    expect(count('Police shot dead a bandit leader on Monday. Also killed in the raid were more than a dozen armed gunmen.', 'killed')).toBe(14);
    expect(count('Detained during the search was a courier.', 'detained')).toBe(1);
    expect(count('Also seized were two rifles.', 'captured')).toBe(0);
  });
  it('C2 a participle, a short "by …" agent, then "and killed": the subject suffered the second verb', () => {
    expect(count('A cyclist was struck by a delivery van and killed on the ring road.', 'killed')).toBe(1);
    expect(count('A nurse was bitten by a stray dog and injured.', 'injured')).toBe(1);
    // The agent's clause going on with a subject of its own is not the first subject's fate.
    expect(count('The patrol was ambushed by gunmen and returned fire, killing one.', 'killed')).toBe(1);
  });
  it('C3 "them" as the object of a killing or capture is the group counted last, in the sentence or the one before', () => {
    expect(count('Rangers surprised three suspects at the waterhole and arrested them.', 'detained')).toBe(3);
    expect(count('A drone tracked five gunmen across the ridge. An airstrike killed them near the pass.', 'killed')).toBe(5);
    // A retelling of a count already made adds nothing.
    expect(count('Police killed two robbers on Friday. The robbers fired first, so officers shot and killed them.', 'killed')).toBe(2);
    // With no group counted, "them" is no figure.
    expect(summary('The patrol spotted armed men near the dam and killed them.').killed).toBeUndefined();
  });
  it('C4 the killer is not a victim', () => {
    expect(count('A farmer shot dead a thief who broke into his barn.', 'killed')).toBe(1);
    // The object a role noun ("a trespasser", "two raiders"), the verb a phrase ("shot dead"): still active.
    expect(count('A ranger shot dead a trespasser near the lodge.', 'killed')).toBe(1);
    expect(count('A watchman shot dead two raiders at the depot.', 'killed')).toBe(2);
    expect(count('Four villagers were gunned down at the well.', 'killed')).toBe(4);
  });
  it('C4 the source after a comma ("…, police said") reports the figure; it is not a victim', () => {
    expect(summary('Raiders killed three herders near Katsina on Sunday, police said.')).toEqual({ killed: { count: 3, approximate: false } });
    expect(count('Rebels killed four rangers and a driver, park officials told reporters.', 'killed')).toBe(5);
    expect(count('Soldiers detained six smugglers at the crossing, local officials said.', 'detained')).toBe(6);
    expect(count('Bandits killed five farmers near Gusau, police and villagers said.', 'killed')).toBe(5);
    // People joined by "and" with no speech verb after them are victims still.
    expect(count('Bandits killed five farmers, two herders and a trader near Gusau.', 'killed')).toBe(8);
  });
  it('C5 "killed N X, and M others were hurt": the killed are not added to the wounded', () => {
    expect(summary('The army said it had killed 9 militants, and 3 others were wounded.')).toMatchObject({ killed: { count: 9 }, injured: { count: 3 } });
  });
  it('C5 a list of noun-first figures: a conjunct with a verb of its own is its own figure', () => {
    expect(summary('The clash left 11 raiders killed, two wounded and three herders taken into custody.')).toMatchObject({
      killed: { count: 11 }, injured: { count: 2 }, detained: { count: 3 },
    });
  });
  it('C6 a death someone is suspected of is no casualty of this event', () => {
    expect(summary('Police arrested two men believed to have killed a trader last year.')).toEqual({ detained: { count: 2, approximate: false } });
  });
  it('C5/C8 a wounded victim who dies later in the same clause is a death, not also an injury', () => {
    // The record counts the wounded who died among the killed only.
    expect(summary('A herder was badly hurt in the stampede and later died at the clinic.')).toEqual({ killed: { count: 1, approximate: false } });
    expect(summary('Two miners suffered severe burns in the blast and died on Sunday.')).toEqual({ killed: { count: 2, approximate: false } });
    // Another subject dying, or a clause of its own, leaves the wounded as they are.
    expect(summary('Four pilgrims were injured when the bus overturned and one later died.')).toMatchObject({ injured: { count: 4 } });
    expect(summary('Six porters were wounded in the ambush and two later died.')).toMatchObject({ injured: { count: 6 }, killed: { count: 2 } });
    expect(summary('A teacher was wounded and her son was killed.')).toEqual({ injured: { count: 1, approximate: false }, killed: { count: 1, approximate: false } });
    expect(summary('The driver was injured and was flown to Nairobi.')).toEqual({ injured: { count: 1, approximate: false } });
  });
  it('C5/C8 a subject, a relative clause with no commas ("who was hit …"), then its own death', () => {
    expect(summary('A farmer who was struck by a stray bullet near Goma (North Kivu) on 3 May died in hospital.')).toEqual({ killed: { count: 1, approximate: false } });
    expect(summary('Two herders who were injured in the stampede succumbed overnight.')).toEqual({ killed: { count: 2, approximate: false } });
    // No death of the subject's own: the wounded stay wounded, a survivor is nobody's figure.
    expect(summary('Two herders who were injured in the stampede were taken to Goma.')).toEqual({ injured: { count: 2, approximate: false } });
    expect(summary('A farmer who was swept away by the river survived.')).toEqual({});
  });
  it('C5/C8 "wounded"/"injured" before a person noun whose own verb is a death: killed, not injured', () => {
    expect(summary('Three injured miners died before the rescuers reached them.')).toEqual({ killed: { count: 3, approximate: false } });
    expect(summary('An injured herder who was trampled near the well succumbed at dawn.')).toEqual({ killed: { count: 1, approximate: false } });
    // Any other verb keeps the injury.
    expect(summary('Four wounded villagers were carried to the clinic.')).toEqual({ injured: { count: 4, approximate: false } });
  });
  it('C8 injury phrasings; property damage never adds to the injured', () => {
    expect(count('Two firemen suffered burns when the depot caught fire.', 'injured')).toBe(2);
    expect(count('The explosion caused three injuries, and nine shops were damaged.', 'injured')).toBe(3);
  });
  it('C8 "suffered/sustained/received" with words before the injury noun; "fatal injuries" are deaths', () => {
    expect(count('Five wardens sustained minor to moderate injuries in the riot.', 'injured')).toBe(5);
    expect(count('After the mortar round landed, two more porters suffered shrapnel wounds.', 'injured')).toBe(2);
    expect(count('A nurse received a broken arm when the ambulance overturned.', 'injured')).toBe(1);
    expect(summary('One cyclist received fatal injuries at the crossing.')).toEqual({ killed: { count: 1, approximate: false } });
    expect(count('Four tenants were treated for smoke inhalation after the blaze.', 'injured')).toBe(4);
    // A thing suffering damage is no injury.
    expect(summary('The bridge suffered heavy damage in the flood.').injured).toBeUndefined();
  });
  it('N1 a headline restating the body counts once; a definite restatement adds nothing', () => {
    const s = summary('Three Killed, Two Detained in Logar\nKABUL, Afghanistan (June 3, 2011) – Afghan forces killed three insurgents and detained two suspects in Logar province, Thursday.');
    expect(s).toMatchObject({ killed: { count: 3 }, detained: { count: 2 } });
    expect(count('The patrol killed two gunmen on Monday. The two gunmen were killed after they fired on the patrol.', 'killed')).toBe(2);
    const c = summary('The force captured a Haqqani facilitator on Monday. The force detained the facilitator and one other suspect.');
    expect((c.captured?.count ?? 0) + (c.detained?.count ?? 0)).toBe(2);
  });
  it('N1 a vague lead restated by an exact count of the same victims counts once, at the exact count', () => {
    const lead = 'KABUL, Afghanistan (May 4, 2011) – Afghan forces detained numerous suspected militants in Ghor province yesterday.';
    expect(count(`${lead}\nAfter questioning the villagers, the force detained five militants.`, 'detained')).toBe(5);
    expect(count('Police detained a smuggler and one courier on Monday. Several men were detained during the search.', 'detained')).toBe(2);
    // "the five" after "several" is five, not three plus the five.
    expect(count('Troops detained several suspects on Monday. The five suspects were detained after questioning.', 'detained')).toBe(5);
    // A vague count that says it adds is added: "several other … also".
    expect(count('The patrol killed one gunman on Monday. Several other gunmen were also killed in the fight.', 'killed')).toBe(4);
    // A named victim is often one of the several.
    expect(count('The strike killed several fighters on Monday. Commander Abu Omar was killed in the strike.', 'killed')).toBe(3);
  });
  it('N1 a lead "N suspects including a <role>" restated by "the <role> along with M of his associates" counts once', () => {
    const lead = 'HERAT, Afghanistan (May 4, 2011) – Police detained two suspects in Herat province Tuesday including a smuggling ring organiser.';
    expect(count(`${lead}\nAfter questioning villagers, the police detained the organiser along with one of his associates.`, 'detained')).toBe(2);
    const vague = 'HERAT, Afghanistan (May 4, 2011) – Police detained several suspects in Herat province Tuesday, including a cell organiser.';
    expect(count(`${vague}\nThe police detained the organiser and two of his associates.`, 'detained')).toBe(3);
  });
  it('N8 "an overnight operation" is the night of the day the release is about', () => {
    const text = 'HERAT, Afghanistan (May 4, 2011) – Police detained numerous suspects during two raids in Herat province Tuesday.\nOne team detained three suspects during an overnight operation in Guzara district.';
    expect(extractFacts(text, { publishedAt: null }).casualties.map((f) => f.when)).toEqual(['2011-05-03', '2011-05-03']);
  });
  it('N1 a definite group of the same size on the same day retells the event ("four suspects … the courier and three of his associates")', () => {
    const text = 'HERAT, Afghanistan (May 4, 2011) – Police detained four suspects in Herat province Tuesday while searching for a smuggling courier.\nAfter questioning villagers on Tuesday, police detained the courier and three of his associates.';
    expect(count(text, 'detained')).toBe(4);
    // On another day, only the associates are new.
    expect(count(text.replace('on Tuesday', 'on Monday'), 'detained')).toBe(7);
  });
  it('N1 "one of several … detained" is one of the group counted before', () => {
    expect(count('Police detained several smugglers on Monday. One of several smugglers detained was a customs officer.', 'detained')).toBe(3);
    // "two of the raiders" after "two men": a group named before under another name.
    expect(count('Guards killed two men at the gate on Monday. The guards returned fire, killing two of the raiders.', 'killed')).toBe(2);
    // One of the attackers is no restatement of the officer killed before.
    expect(count('An officer was killed when gunmen attacked the post on Monday. One of the gunmen was also killed.', 'killed')).toBe(2);
  });
  it('N1 a definite restatement with new parts adds only the new ones', () => {
    expect(count('The force detained a bomb maker on Monday. The force detained the bomb maker and several associates in the village.', 'detained')).toBe(4);
    expect(count('The force detained a courier and two suspects on Monday. The force detained the courier and two additional suspects after a search.', 'detained')).toBe(3);
  });
  it('C6 a killing the sentence blames on someone is background', () => {
    expect(summary('Police detained a bomb maker on Monday. He is accused of planning an ambush that killed six guards in May.')).toEqual({ detained: { count: 1, approximate: false } });
    expect(count('The captured man was linked to the killing of two teachers last year.', 'killed')).toBe(0);
    // The forces' own capture stays, whatever the target is blamed for.
    expect(count('Forces raided the home of a courier responsible for ambushes, detaining the courier and three suspects.', 'detained')).toBe(4);
  });
  it('C6 an earlier month\'s toll framed "In June, …" is background to a later release\'s event; a month inside a clause frames nothing', () => {
    const text = 'HERAT, Afghanistan (July 20, 2011) – Police detained two smugglers in Herat province today.\nIn June, smugglers ambushed a police convoy in the same valley. The police responded, killing more than 20 smugglers.';
    expect(summary(text)).toMatchObject({ detained: { count: 2 }, killed: { count: 0 } });
    const clause = 'HERAT, Afghanistan (July 20, 2011) – Police captured a cell leader today. He is suspected in an ambush on a convoy last month. Police detained several other suspects during the raid.';
    expect(extractFacts(clause).casualties.map((f) => f.when)).toEqual(['2011-07-20', '2011-07-20']);
  });
  it('C6 what forces "have recently" done is background to the release\'s event', () => {
    const text = 'HERAT, Afghanistan (May 4, 2011) – Police detained a smuggler in Herat province yesterday.\nPolice have conducted raids across the province recently and killed or captured a large number of smugglers.';
    expect(summary(text)).toMatchObject({ detained: { count: 1 }, captured: { count: 0 } });
  });
  it('C6 a period total beside a report of one event is background', () => {
    const s = summary('Police detained a bomb maker in Kunduz on Monday. Police teams have killed three and detained more than 40 suspects since March 1.');
    expect(s).toMatchObject({ detained: { count: 1 } });
    expect(s.killed?.count).toBe(0);
  });
  it('N2 vague quantities at the conventional minimum, approximate', () => {
    expect(summary('The force detained numerous suspected militants.').detained).toEqual({ count: 4, approximate: true });
    expect(summary('Troops detained multiple suspects.').detained).toEqual({ count: 3, approximate: true });
    expect(summary('Police detained a handful of protesters.').detained).toEqual({ count: 4, approximate: true });
    expect(summary('The patrol detained suspected insurgents near the village.').detained).toEqual({ count: 2, approximate: true });
    expect(summary('Gunships strafed the convoy, killing many of the raiders.').killed).toEqual({ count: 4, approximate: true });
    expect(summary('Medics could not say how many villagers were hurt.').injured).toBeUndefined();
    const f = extractFacts('Soldiers killed several gunmen.').casualties[0];
    expect(f).toMatchObject({ kind: 'killed', count: null, min: 3, approximate: true });
  });
  it('N3 capture phrasings: apprehended, a role and his associates', () => {
    expect(count('Border police apprehended four men at the crossing.', 'detained')).toBe(4);
    expect(count('The unit detained a bomb maker and two of his associates.', 'detained')).toBe(3);
  });
  it('N3 "along with several of his associates", after a relative clause or a passive "who was detained"', () => {
    expect(count('Rangers detained the smuggler along with several of his associates without a fight.', 'detained')).toBe(4);
    expect(count('Villagers helped identify the smuggler, who was detained along with two of his associates.', 'detained')).toBe(3);
    expect(count('Rangers detained a smuggler who ran goods out of Spin Boldak, along with one other suspect, during the raid.', 'detained')).toBe(2);
    // "and one of them" is still part of the figure.
    expect(count('Five were killed and one of them was a boy.', 'killed')).toBe(5);
  });
  it('N3 a capture object ends at a date word; a subject ends at its place apposition', () => {
    expect(count('Rangers arrested a cattle rustler yesterday.', 'detained')).toBe(1);
    expect(count('A cell leader in Nawa district, Ghazni province, was arrested by the police today.', 'detained')).toBe(1);
    expect(count('A cell leader in Deh ‘Abdullah district was arrested by the police today.', 'detained')).toBe(1);
  });
  it('N4 counted events are not victims', () => {
    expect(count('Observers recorded 14 truce violations, two civilians killed', 'killed')).toBe(2);
  });
  it('N5 "destroyed N soldiers" is killed; destroyed tanks are not', () => {
    expect(count('Our artillery destroyed 40 enemy soldiers and two tanks near the river', 'killed')).toBe(40);
  });
  it('N6 a list ending in a bare singular', () => {
    expect(count('Three soldiers, policeman killed in ambush', 'killed')).toBe(4);
  });
  it('N7 a long "death toll from …" phrase', () => {
    expect(count('The death toll from the collapse of the apartment block rises to 12', 'killed')).toBe(12);
  });
  it("N8 a clause's own weekday beats the dateline's date", () => {
    const f = extractFacts('HERAT, Afghanistan (Oct. 4, 2011) – A patrol killed two gunmen in Shindand district of Herat province, Sunday.').casualties;
    expect(f.map((x) => [x.kind, x.count, x.when])).toEqual([['killed', 2, '2011-10-02']]);
  });
  it('N8 a figure the dateline alone dates takes the first day its release names later; a headline date stands in for a missing dateline', () => {
    const text = 'GHAZNI, Afghanistan (March 10, 2012) – Police confirmed the death of a bomb maker.\nThe patrol had surrounded his house on Thursday before the firefight.';
    expect(extractFacts(text, { publishedAt: null }).casualties.map((f) => f.when)).toEqual(['2012-03-08']);
    const headed = 'March 9: Patrols in Ghazni\nRegional Press Office - Ghazni\n2012-03-XY-011\nA patrol killed three gunmen in Andar district.';
    expect(extractFacts(headed, { publishedAt: null }).casualties.map((f) => [f.count, f.when])).toEqual([[3, '2012-03-09']]);
  });
  it('N8 a later release appended to a text: its dateline without a year is the date nearest the first, not a year back', () => {
    const text = 'HERAT, Afghanistan (Dec. 30) – Police detained two smugglers in Herat province today.\n----\nUPDATE\nHERAT, Afghanistan (Jan. 2) – Police killed a smuggler in Guzara district yesterday.';
    const f = extractFacts(text, { publishedAt: '2011-12-30' }).casualties;
    expect(f.map((x) => [x.kind, x.when])).toEqual([['detained', '2011-12-30'], ['killed', '2012-01-01']]);
  });
  it('N9 a dateline with a full stop between day and year ("(Apr. 3. 2013)") still dates the release', () => {
    const text = '2013-04-S-007\nJALALABAD, Afghanistan (Apr. 3. 2013)\nA patrol killed one gunman in Nangarhar province yesterday and detained two others today.';
    const f = extractFacts(text, { publishedAt: null }).casualties;
    expect(f.map((x) => [x.kind, x.count, x.when])).toEqual([['killed', 1, '2013-04-02'], ['detained', 2, '2013-04-03']]);
  });
  it('N9 header lines joined by U+2028 stay out of the figure’s sentence; "yesterday" counts from the dateline', () => {
    const text = 'Press Office\u20282011-05-S-010\u2028For Immediate Release\u2028HERAT (May 9, 2011)\u2028A patrol killed two insurgents in Herat province yesterday.';
    const [f] = extractFacts(text, { publishedAt: null }).casualties;
    expect(f).toMatchObject({ kind: 'killed', count: 2, when: '2011-05-08', sentence: 'A patrol killed two insurgents in Herat province yesterday.' });
  });
  it('N1 "N suspects, one of whom …" is part of the N, not one more', () => {
    expect(count('Police raided a farmhouse near Kismayo and detained three suspects, one of whom was the gang\'s driver.', 'detained')).toBe(3);
    expect(count('Troops detained two couriers, one of them a known recruiter, at the checkpoint.', 'detained')).toBe(2);
  });
  it('N1 a sentence quoted word for word in an update release counts once, though the update dates it differently', () => {
    const text = 'BAIDOA, Somalia (June 3, 2024) – Soldiers raided a militia camp in Bay region today. Two gunmen were killed and one courier was detained during the raid.\n----\nBAIDOA, Somalia (June 5, 2024) – The army today named the bomb maker the raid had targeted.\nTwo gunmen were killed and one courier was detained during the raid.';
    expect(summary(text)).toMatchObject({ killed: { count: 2 }, detained: { count: 1 } });
  });
  it('C6 a campaign\'s total "this month" is background to the release\'s event', () => {
    const text = 'The task force said its campaign has led to 12 militia leaders being captured or killed across the district this month. On Tuesday the task force detained a weapons courier in Baidoa.';
    expect(count(text, 'captured') + count(text, 'detained')).toBe(1);
    expect(count(text, 'killed')).toBe(0);
  });
  it('N3 "the two wounded were detained": a definite group of one kind takes the next clause\'s fate too', () => {
    const text = 'Troops shot dead four raiders and wounded three others near Beledweyne on Sunday. The three wounded were later detained by police for questioning.';
    expect(summary(text)).toMatchObject({ killed: { count: 4 }, injured: { count: 3 }, detained: { count: 3 } });
    expect(count('The two injured were taken to hospital.', 'detained')).toBe(0);
  });
  it('N3 a role described by a phrase of its own, "…, along with N of his associates"', () => {
    expect(count('Police arrested a smuggler for moving fuel, arms and cash across the border, along with four of his associates in Garissa.', 'detained')).toBe(5);
  });
  it('N1 the same count told again with a generic noun ("two males", "two men") on the same day is the same victims', () => {
    const text = 'MOGADISHU, Somalia (June 9, 2024) – A raid resulted in two suspected militants being detained in Afgoye district on Friday. During the search, two males matching the description of wanted militants were detained for questioning.';
    expect(count(text, 'detained')).toBe(2);
  });
  it('N1 a captured role named again among the detained ("several suspects including the sub-commander") counts once across the two kinds', () => {
    const text = 'GAROWE, Somalia (June 9, 2024) – Police captured a pirate sub-commander in Eyl district overnight. The team detained several suspects including the commander, who ran the gang\'s boats. The team detained the commander and two of his associates.';
    expect(count(text, 'captured') + count(text, 'detained')).toBe(3);
  });
  it('N1 a capture retold as a detention ("the bomb maker and several additional men were taken into custody") counts at the larger of the two', () => {
    const retold = 'KISMAYO, Somalia (June 9, 2024) – Troops captured a militia leader, a bomb maker and several of their guards in Jamame district overnight. The bomb maker and several additional men were identified and taken into custody after questioning.';
    expect(count(retold, 'captured') + count(retold, 'detained')).toBe(5);
    // More in the retelling than in the capture: the new ones add.
    const grown = 'KISMAYO, Somalia (June 9, 2024) – Troops captured a bomb maker in Jamame district overnight. Troops detained the bomb maker and three other men after questioning.';
    expect(count(grown, 'captured') + count(grown, 'detained')).toBe(4);
  });
  it('N3 a sentence opening with a definite group and a passive capture ("The occupants were taken into custody") counts the group counted before', () => {
    expect(count('Police stopped a pickup carrying four men near Jowhar. The occupants, believed to be arms couriers, were taken into custody.', 'detained')).toBe(4);
    // No group counted before: no figure; a count inside the phrase is its own figure's.
    expect(count('The occupants were taken into custody.', 'detained')).toBe(0);
    expect(count('During the raid three men were detained.', 'detained')).toBe(3);
    expect(count('The unit questioned local residents, resulting in the courier and one of his helpers being detained.', 'detained')).toBeGreaterThan(0);
  });
  it('N1 "the leader was captured" retells the capture of the release\'s one target, whatever role named it first', () => {
    const text = 'MOGADISHU, Somalia (June 9, 2024) – Troops captured a militia financier in Afgoye district yesterday.\nThe financier paid fighters and bought weapons for attacks on the highway.\nThe leader was captured during a search of his compound.';
    expect(count(text, 'captured')).toBe(1);
  });
  it('N3 a bare role in a comma list of the detained counts ("the courier, recruiter and three of their helpers"); "a leader and facilitator" is one man', () => {
    expect(count('Police detained the courier, recruiter and three of their helpers at a farm near Baidoa.', 'detained')).toBe(5);
    expect(count('Troops killed a militia leader and financier near Baidoa on Monday.', 'killed')).toBe(1);
  });
  it('C6 a lead\'s total over several operations ("during three raids") is background to the one operation the body reports', () => {
    const text = 'MOGADISHU, Somalia (June 9, 2024) – Police detained more than 12 suspects during three raids in Mogadishu yesterday.\nIn Hodan district, police detained several suspects during a raid on a safe house.';
    expect(summary(text).detained).toEqual({ count: 3, approximate: true });
    // Alone, the total is the report's figure.
    expect(count('Police detained more than 12 suspects during three raids in Mogadishu yesterday.', 'detained')).toBe(13);
    const separate = 'MOGADISHU, Somalia (June 9, 2024) – Police detained numerous suspects during separate search operations in Banadir region today.\nIn Hodan district, officers detained two suspects at a checkpoint.';
    expect(count(separate, 'detained')).toBe(2);
  });
});
