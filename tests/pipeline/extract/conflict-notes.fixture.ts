/**
 * Invented conflict-event notes and incident summaries (written for sitrep, in the styles of
 * ACLED/UCDP event notes and news incident summaries), each with the count a human coder of such
 * datasets would record. Shared by the test and `npm run bench:extract`.
 *
 * Coding conventions (those of ACLED-style event coding, applied to every note alike):
 * - killed: all deaths in the event the note describes, whoever they are: civilians, soldiers,
 *   and perpetrators too (an attacker shot dead, a suicide bomber, a gunman who killed himself).
 * - One event per note: a figure restated, broken down ("including 3 children") or updated ("the
 *   death toll rose to 12" after "8 killed") is counted once, at the latest/total figure.
 * - Unknown or unstated fatalities ("Fatalities: unknown", "an unknown number of", "property
 *   damage reported", "no casualties reported") are coded 0.
 * - Vague words: "dozens" 12, "hundreds" 100, "a dozen" 12 (ACLED's lower bounds); "several"
 *   and "many" 10 (ACLED's convention for an unspecified plural, as we understand its codebook).
 *   sitrep's own convention reads "several" as its lower bound 3 and "many" as no count, so those
 *   notes are known disagreements, kept as misses rather than recoded.
 * - Claims: a count a party claims ("Ukrainian forces claimed to have killed 40 Russian
 *   soldiers") is coded as claimed when it is the only figure; when the two sides give different
 *   figures for the same event, the lower (most conservative) one is coded.
 * - Wounded who later died are counted among the killed; wounded is coded only where the note
 *   states it, as the number still wounded as the note gives it.
 * - Arrests, abductions, equipment, buildings and numbers of strikes are never fatalities.
 * `parts` lists other numbers the note states about the same victims (breakdowns, earlier tolls):
 * a figure with such a count is correct, though it is not the total.
 */
import type { ExtractedFacts } from '../../../src/record/record.js';

export interface ConflictNote {
  text: string;
  killed: number;
  /** Coded only where the note states it. */
  wounded?: number;
  parts?: number[];
}

const n = (text: string, killed: number, wounded?: number, parts?: number[]): ConflictNote => ({ text, killed, wounded, parts });

export const CONFLICT_NOTES_PUBLISHED_AT = '2024-03-01';

export const CONFLICT_NOTES: ConflictNote[] = [
  // ACLED-like notes
  n('On 3 January 2024, Russian forces shelled Kherson city (Kherson). 2 civilians were killed and 5 others injured.', 2, 5),
  n('On 4 January 2024, Russian forces shelled Nikopol (Dnipropetrovsk). Property damage reported. Fatalities: unknown.', 0),
  n('On 5 January 2024, Russian forces launched a drone attack on Odesa city (Odesa). No casualties reported.', 0),
  n('On 6 January 2024, Ukrainian forces shelled Horlivka (Donetsk). 1 civilian was killed and 3 were wounded.', 1, 3),
  n('On 7 January 2024, Russian forces struck Pokrovsk (Donetsk) with an Iskander missile. 11 people were killed, including 5 children.', 11, undefined, [5]),
  n('On 8 January 2024, Ukrainian forces claimed to have killed 40 Russian soldiers near Robotyne (Zaporizhia).', 40),
  n('On 9 January 2024, Russian forces conducted an air strike on Vovchansk (Kharkiv) using guided aerial bombs. An unknown number of civilians were injured.', 0),
  n('On 10 January 2024, al-Shabaab militants attacked a police station in Mahas (Hiraan). Several attackers were killed.', 10),
  n('On 11 January 2024, ISWAP fighters ambushed a military convoy near Monguno (Borno). Dozens of soldiers were killed.', 12),
  n('On 12 January 2024, unidentified gunmen abducted 15 passengers from a bus near Kaduna (Kaduna). No fatalities reported.', 0),
  n('On 13 January 2024, armed clashes between RSF and SAF in Omdurman (Khartoum) left 9 dead.', 9),
  n('On 14 January 2024, Israeli forces conducted an air strike on a house in Rafah (Gaza Strip), killing 14 people, among them 6 women.', 14, undefined, [6]),
  n('On 15 January 2024, a Russian drone hit a car in Beryslav (Kherson). The driver was killed.', 1),
  n('On 16 January 2024, Ukrainian drones struck an oil depot in Klintsy (Bryansk). A fire broke out; no casualties were reported.', 0),
  n('On 17 January 2024, Russian forces shelled Chasiv Yar (Donetsk), killing a man and wounding two women.', 1, 2),
  n('On 18 January 2024, JNIM militants attacked an army post in Boulkessi (Mali). The army said 18 soldiers were killed and the attackers lost 30 fighters.', 48, undefined, [18, 30]),
  n('On 19 January 2024, police opened fire on protesters in Nairobi (Kenya). Two protesters were shot dead and 11 others injured.', 2, 11),
  n('On 20 January 2024, a landmine exploded under a tractor near Izium (Kharkiv). The tractor driver died on the spot.', 1),
  n('On 21 January 2024, Russian forces shelled Kurakhove (Donetsk). Seven residential buildings and 2 schools were damaged. Fatalities: 0.', 0),
  n('On 22 January 2024, Ukrainian forces stated they destroyed 12 Russian tanks and 20 armoured vehicles near Avdiivka (Donetsk). No fatality figure was given.', 0),
  n('On 23 January 2024, an IED planted by unidentified militants exploded near a market in Mogadishu (Banadir), killing 4 civilians and injuring 9.', 4, 9),
  n('On 24 January 2024, a suicide bomber detonated an explosive vest at a checkpoint in Kabul city (Kabul), killing himself and 6 policemen.', 7),
  n('On 25 January 2024, clashes between two armed groups in Bunia (Ituri) killed 3 fighters on each side.', 6, undefined, [3]),
  n('On 26 January 2024, Russian forces launched a missile strike on Kharkiv city (Kharkiv). 1 person was killed and 17 injured. Later the death toll rose to 3.', 3, 17, [1]),
  n('On 27 January 2024, the Russian MoD claimed that 60 Ukrainian servicemen were killed in a strike near Kupiansk (Kharkiv); Ukrainian sources said 5 soldiers were killed.', 5, undefined, [60]),
  n('On 28 January 2024, unknown gunmen shot dead a local chief in Beni (North Kivu).', 1),
  n('On 29 January 2024, Houthi forces fired 3 anti-ship missiles at a merchant vessel in the Red Sea. The vessel was damaged; no injuries.', 0),
  n('On 30 January 2024, a Russian glide bomb struck Kostiantynivka (Donetsk), killing 2 and wounding 8.', 2, 8),
  n('On 31 January 2024, Boko Haram militants raided a village near Gwoza (Borno) and killed 8 farmers. 20 women were abducted.', 8),
  n('On 1 February 2024, Israeli forces shot and killed a Palestinian man during a raid in Jenin (West Bank). Another man was wounded.', 1, 1),
  n('On 2 February 2024, hundreds of civilians were reportedly killed in fighting in El Geneina (West Darfur).', 100),
  n('On 3 February 2024, a Ukrainian drone attack on Belgorod city (Belgorod) injured 4 people. Fatalities: none.', 0, 4),
  n('On 4 February 2024, a wounded soldier who was hit during shelling in Toretsk (Donetsk) on 2 February died in hospital.', 1),
  n('On 5 February 2024, security forces killed 5 suspected militants in an operation near Bannu (Khyber Pakhtunkhwa). Two soldiers also died in the exchange of fire.', 7, undefined, [5, 2]),
  n('On 6 February 2024, Russian forces shelled Huliaipole (Zaporizhia). A 67-year-old woman was killed.', 1),
  n('On 7 February 2024, a drone strike hit a wedding party near Kafr Nabl (Idlib), killing many civilians.', 10),
  n('On 8 February 2024, a grenade was thrown into a bar in Goma (North Kivu); 3 people were wounded. No one was killed.', 0, 3),
  n('On 9 February 2024, 2 Russian soldiers were reportedly killed by a Ukrainian FPV drone near Bakhmut (Donetsk).', 2),
  n('On 10 February 2024, police arrested 34 protesters in Tbilisi (Georgia). No injuries were reported.', 0),
  // UCDP-like notes
  n('Fighting between the government of Myanmar and the Arakan Army in Rathedaung left 14 dead, including 3 civilians.', 14, undefined, [3]),
  n('An attack by Fulani militia on the village of Mangu claimed the lives of 27 villagers; 12 others were injured.', 27, 12),
  n('Clashes between SPLA-IO and government troops in Upper Nile resulted in at least 21 deaths.', 21),
  n('ADF rebels attacked Oicha overnight. Local sources reported 12 civilians killed; the army later put the toll at 15.', 15, undefined, [12]),
  n('Government forces and TTP fighters clashed in North Waziristan. Four soldiers and 11 militants were killed.', 15, undefined, [4, 11]),
  n('One-sided violence: JNIM executed 6 men accused of collaborating with the army in Djibo.', 6),
  n('Battle between Azerbaijani and Armenian forces along the border: Armenia reported 4 of its soldiers killed; Azerbaijan reported 2 dead.', 6, undefined, [4, 2]),
  n('Fighting in Wad Madani between SAF and RSF killed between 10 and 15 combatants.', 10),
  n('A Turkish drone strike on a vehicle near Qamishli killed three SDF members.', 3),
  n('Al-Shabaab fighters overran a base in Bulo Marer; 17 soldiers died and 8 were taken prisoner.', 17),
  // Incident summaries
  n('A gunman opened fire at a shopping mall, killing five people and wounding eight before he was shot dead by police.', 6, 8, [5, 1]),
  n('A shooter killed three people at a school and then killed himself, police said.', 4, undefined, [3, 1]),
  n('A car bomb exploded outside a government building, killing 9 people and injuring 31. The death toll later rose to 12.', 12, 31, [9]),
  n('An IED blast struck a military patrol, killing two soldiers and injuring four others.', 2, 4),
  n('An air strike on a market killed at least 19 people and wounded dozens.', 19, 12),
  n('A drone attack on a power station injured two workers. There were no deaths.', 0, 2),
  n('A bus carrying pilgrims plunged into a ravine; 23 people died and 14 were hurt.', 23, 14),
  n('A fire at a crowded nightclub killed 32 people. Nine more died in hospital, bringing the death toll to 41.', 41, undefined, [32, 9]),
  n('A train collision near the station left 7 passengers dead and more than 50 injured.', 7, 50),
  n('An explosion at an ammunition depot killed one soldier. Authorities said nobody else was hurt.', 1),
  n('Two suicide bombers blew themselves up at a mosque during Friday prayers, killing 16 worshippers.', 18, undefined, [16, 2]),
  n('A missile hit an apartment block. Rescuers pulled 8 bodies from the rubble; 20 residents were injured.', 8, 20),
  n('Three people were wounded in a knife attack. The attacker was arrested.', 0, 3),
  n('A police officer was killed and two others were hurt when gunmen attacked a checkpoint. One of the gunmen was also killed.', 2, 2, [1]),
  n('Six people were injured when a drone hit a residential building; one of them later died in hospital.', 1, undefined, [6]),
  n('Shelling killed a family of four in their home.', 4),
  n('A landslide buried a mining camp; 12 miners are missing and 3 bodies have been recovered.', 3),
  n('An air strike destroyed a bridge and 4 trucks. There were no casualties.', 0),
  n('Militants stormed a hotel, killing 11 guests and 2 guards. All four attackers were killed by special forces.', 17, undefined, [11, 2, 13, 4]),
  n('A ferry capsized on the river. 40 passengers were rescued; 9 drowned and 5 remain missing.', 9),
  n('The blast injured 14 people, three of them seriously. No one died.', 0, 14, [3]),
  n('A rocket attack on the base wounded 6 US service members. No fatalities.', 0, 6),
  n('A truck rammed into a crowd at a festival, killing 10 and injuring 25. The driver was later shot dead.', 11, 25, [10, 1]),
  n('A bomb hidden in a motorcycle went off near a school, killing a teacher and two pupils.', 3),
  // Russian and Ukrainian one-liners
  n('В результате обстрела погибли двое мирных жителей, еще пятеро ранены.', 2, 5),
  n('Загинули троє людей, ще семеро поранені.', 3, 7),
  n('В результате удара беспилотника погиб мужчина, ранены две женщины.', 1, 2),
  n('Внаслідок ракетного удару по місту загинули 4 людини, 12 отримали поранення.', 4, 12),
  n('Пострадавших нет, повреждены три жилых дома.', 0),
  n('Внаслідок обстрілу поранено 6 цивільних. Загиблих немає.', 0, 6),
  n('Число погибших выросло до 9 человек, ранены 20.', 9, 20),
  n('Під час атаки дронів загинула жінка.', 1),
  n('ВСУ заявили об уничтожении 30 российских военных под Бахмутом.', 30),
  n('Обстрел Белгорода: погибли 25 человек, в том числе 5 детей, ранены 109.', 25, 109, [5]),
  // Written after the rules above were fixed and kept whatever they score, a check against tuning (15/16 killed at first).
  n('On 11 February 2024, Russian forces hit a residential area of Selydove (Donetsk) with cluster munitions. Three civilians were killed, among them a 14-year-old boy, and 6 were injured.', 3, 6, [1]),
  n('On 12 February 2024, a military helicopter crashed during a training flight near Kraljevo (Serbia), killing both pilots.', 2),
  n('On 13 February 2024, unidentified armed men attacked a mining site near Kamituga (South Kivu). At least 7 artisanal miners were killed and 4 wounded.', 7, 4),
  n('On 14 February 2024, Pakistani security forces killed 8 militants during an intelligence-based operation in Zhob (Balochistan). One soldier was killed.', 9, undefined, [8, 1]),
  n('On 15 February 2024, a Ukrainian drone struck a bus in Horlivka (Donetsk). 1 person was killed and 8 were injured, according to the Russian-appointed authorities.', 1, 8),
  n('On 16 February 2024, Israeli air strikes on Deir al-Balah (Gaza Strip) killed at least 30 Palestinians, including 12 children. The Gaza health ministry said the overall death toll since October had reached 28,000.', 30, undefined, [12, 28000]),
  n('On 17 February 2024, armed herders attacked farmers in Bokkos (Plateau). Local leaders said 11 people were killed and several houses were burned.', 11),
  n('On 18 February 2024, an unexploded shell detonated while children were playing near Kupiansk (Kharkiv); two boys died and one girl was seriously injured.', 2, 1),
  n('On 19 February 2024, a protester died after being hit by a tear gas canister in Dakar (Senegal).', 1),
  n('On 20 February 2024, Russian forces shelled Kherson city (Kherson). No one was injured; a power line was damaged.', 0),
  n('A roadside bomb hit a minibus carrying wedding guests, killing 13 people, most of them women, and wounding 9.', 13, 9),
  n('Gunmen stormed a church during Sunday service and opened fire, killing 15 worshippers. Police said two of the attackers were killed in a shootout.', 17, undefined, [15, 2]),
  n('A fuel tanker exploded after a collision on the highway; 48 people were killed and more than 60 injured. The toll is expected to rise.', 48, 60),
  n('Three policemen were killed and two civilians wounded in an ambush on the road to Gao. The assailants fled.', 3, 2),
  n('По данным губернатора, в результате атаки беспилотников погибли три человека, еще 11 пострадали.', 3, 11),
  n('Внаслідок обстрілу Херсона загинули двоє чоловіків, поранено 5 людей.', 2, 5),
  // A second batch written after those rules were fixed, scored as it came (10/12 before the two fixes it prompted).
  n('On 21 February 2024, a Russian Shahed drone hit an apartment building in Odesa city (Odesa), killing 12 people, among them 5 children. 8 people were rescued from the rubble.', 12, undefined, [5]),
  n('On 22 February 2024, Sudanese Armed Forces shelled a market in Nyala (South Darfur). Medical sources reported 16 dead and dozens injured.', 16, 12),
  n('On 23 February 2024, unknown assailants threw a grenade at a police vehicle in Srinagar (Jammu and Kashmir). Two officers sustained injuries.', 0, 2),
  n('On 24 February 2024, M23 rebels and FARDC soldiers clashed near Sake (North Kivu). Fatalities unknown; thousands of residents were displaced.', 0),
  n('On 25 February 2024, an Israeli drone strike on a car near Nabatieh (Lebanon) killed two Hezbollah members and a civilian.', 3),
  n('Armed bandits killed nine villagers and abducted 30 others in an overnight raid on a village in Zamfara.', 9),
  n('A mortar round landed near a school, wounding four pupils; one of them died of his injuries the next day.', 1, undefined, [4]),
  n('A suicide car bomb targeted a military convoy, killing 5 soldiers and the bomber.', 6, undefined, [5]),
  n('Під час обстрілу Нікополя загинула 72-річна жінка, ще двоє людей поранені.', 1, 2),
  n('В Донецке в результате обстрела погибли 3 человека, среди них ребенок.', 3, undefined, [1]),
  n('Авіаудар по селу забрав життя шести людей.', 6),
  n('Firefighters recovered 14 bodies from the collapsed building after the missile strike; 37 people were hospitalized.', 14, 37),
];

export interface ConflictNoteScore {
  notes: number;
  killedEqual: number;
  woundedStated: number;
  woundedEqual: number;
  /** Stated (not negated) killed and injured figures, and those whose count (or lower bound) is a number the note codes. */
  figures: number;
  figuresCoded: number;
  misses: string[];
}

/** Summary killed (absent = 0) and wounded against the coded counts; figure precision against the coded numbers. */
export function scoreConflictNotes(notes: ConflictNote[], extract: (text: string) => ExtractedFacts): ConflictNoteScore {
  const score: ConflictNoteScore = { notes: notes.length, killedEqual: 0, woundedStated: 0, woundedEqual: 0, figures: 0, figuresCoded: 0, misses: [] };
  for (const note of notes) {
    const facts = extract(note.text);
    const killed = facts.summary.killed?.count ?? 0;
    const wounded = facts.summary.injured?.count ?? 0;
    if (killed === note.killed) score.killedEqual++;
    else score.misses.push(`killed ${killed} ≠ ${note.killed}: ${note.text}`);
    if (note.wounded !== undefined) {
      score.woundedStated++;
      if (wounded === note.wounded) score.woundedEqual++;
      else score.misses.push(`wounded ${wounded} ≠ ${note.wounded}: ${note.text}`);
    }
    const coded = new Set([note.killed, note.wounded, ...(note.parts ?? [])]);
    for (const f of facts.casualties) {
      if (f.negated || (f.kind !== 'killed' && f.kind !== 'injured')) continue;
      score.figures++;
      if (coded.has(f.count ?? f.min ?? -1)) score.figuresCoded++;
      else score.misses.push(`figure ${f.kind} ${f.count ?? f.min} not coded: "${note.text.slice(f.start, f.end)}" in ${note.text}`);
    }
  }
  return score;
}
