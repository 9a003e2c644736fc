import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/pipeline/extract/extract-facts.js';
import type { Entity } from '../../../src/record/record.js';

function entities(text: string): Entity[] {
  return extractFacts(text).entities;
}
function names(text: string, type: Entity['type']): string[] {
  return entities(text).filter((e) => e.type === type).map((e) => e.name);
}

describe('people', () => {
  it('titles are not part of names; surnames merge into the full name', () => {
    const text = 'President Vladimir Putin met Belgorod region Governor Vyacheslav Gladkov. Gladkov said the city was calm. Putin agreed.';
    const people = entities(text).filter((e) => e.type === 'person');
    expect(people.map((e) => e.name).sort()).toEqual(['Vladimir Putin', 'Vyacheslav Gladkov']);
    const gladkov = people.find((e) => e.name === 'Vyacheslav Gladkov') as Entity;
    expect(gladkov.mentions).toHaveLength(2);
    expect(gladkov.aliases).toEqual(['Gladkov']);
    expect(text.slice(gladkov.mentions[0].start, gladkov.mentions[0].end)).toBe('Vyacheslav Gladkov');
  });
  it('finds names by speech, age and given-name cues', () => {
    expect(names('“We are ready,” Oleksandr Prokudin said.', 'person')).toEqual(['Oleksandr Prokudin']);
    expect(names('Hammarskjöld said nothing. Kirby Morrow said it was over.', 'person')).toContain('Kirby Morrow');
    expect(names('Bill Graham, 60, was killed.', 'person')).toEqual(['Bill Graham']);
    expect(names('Defense Secretary Lloyd Austin visited Kyiv.', 'person')).toEqual(['Lloyd Austin']);
    expect(names('Kremlin spokesman Dmitry Peskov told reporters.', 'person')).toEqual(['Dmitry Peskov']);
  });
  it('headlines and capitalized phrases are not people or places', () => {
    const text = 'Related article: Russia Accidentally Bombs Own Village';
    expect(names(text, 'person')).toEqual([]);
    expect(names(text, 'location')).toEqual(['Russia']);
  });
});

describe('places', () => {
  it('merges aliases into one canonical place', () => {
    const all = entities('Kyiv and Kiev are one city. The Russian Federation is Russia. The Belgorod region borders Belgorod.');
    const kyiv = all.find((e) => e.name === 'Kyiv') as Entity;
    expect(kyiv.mentions).toHaveLength(2);
    expect(kyiv.aliases).toContain('Kiev');
    expect(all.find((e) => e.name === 'Russia')?.mentions).toHaveLength(2);
    expect(all.find((e) => e.name === 'Belgorod')?.aliases).toContain('Belgorod region');
    expect(all.filter((e) => e.type === 'location').map((e) => e.name).sort()).toEqual(['Belgorod', 'Kyiv', 'Russia']);
  });
  it('never includes trailing punctuation', () => {
    const text = 'Shelling hit Kharkiv.';
    const e = entities(text).find((x) => x.name === 'Kharkiv') as Entity;
    expect(text.slice(e.mentions[0].start, e.mentions[0].end)).toBe('Kharkiv');
  });
  it('finds places by cue: the village of X, X oblast', () => {
    expect(names('Troops entered the village of Krynky on Monday.', 'location')).toEqual(['Krynky']);
    expect(names('Shelling hit the Zolochiv district.', 'location')).toEqual(['Zolochiv']);
  });
  it('nationalities are not places', () => {
    const all = entities('Ukrainian drones hit a Russian refinery; Palestinians fled.');
    expect(all.filter((e) => e.type === 'location')).toEqual([]);
    expect(all.filter((e) => e.type === 'nationality').map((e) => e.name).sort()).toEqual(['Palestinian', 'Russian', 'Ukrainian']);
  });
  it('Cyrillic people and weapons', () => {
    const all = entities('Губернатор Вячеслав Гладков сообщил, что над Белгородом сбиты ракеты Точка-У.');
    expect(all.filter((e) => e.type === 'person').map((e) => e.name)).toEqual(['Вячеслав Гладков']);
    expect(all.filter((e) => e.type === 'weapon').map((e) => e.name)).toEqual(['Tochka-U']);
  });
  it('Cyrillic place names', () => {
    expect(names('Обстрел Белгорода продолжается. Атака на Київ.', 'location').sort()).toEqual(['Belgorod', 'Kyiv']);
    expect(names('Ракеты сбиты над Белгородом.', 'location')).toEqual(['Belgorod']);
    expect(names('Над Белгородской областью сбиты 12 ракет.', 'location')).toEqual(['Belgorod']);
  });
});

describe('organizations', () => {
  it('ministries: the bare form takes the country named elsewhere in the document', () => {
    const all = entities('Russia’s Defense Ministry said it downed drones. “The attack failed,” the Defense Ministry said.');
    const ministry = all.find((e) => e.type === 'organization') as Entity;
    expect(ministry.name).toBe('Russian Defense Ministry');
    expect(ministry.mentions).toHaveLength(2);
    expect(names('The Ministry of Defence of Ukraine reported losses.', 'organization')).toEqual(['Ukrainian Defense Ministry']);
  });
  it('agencies, NGOs, armed groups and generic organization names', () => {
    const orgs = names('UNICEF, the World Health Organization (WHO), the Red Cross and Hamas commented. The Royal Thai Air Force denied it.', 'organization');
    expect(orgs).toEqual(expect.arrayContaining(['UNICEF', 'World Health Organization', 'International Committee of the Red Cross', 'Hamas', 'Royal Thai Air Force']));
    expect(orgs.filter((o) => o === 'World Health Organization')).toHaveLength(1);
  });
});

describe('weapons', () => {
  it('systems and munitions from the list and by code shape', () => {
    const text = 'Ukraine fired HIMARS and Storm Shadow missiles; Russia used Shahed drones, Iskander-M, S-300, Kh-101 and an RM-70 Vampire. A Su-34 was downed.';
    expect(names(text, 'weapon').sort()).toEqual(['HIMARS', 'Iskander', 'Kh-101', 'RM-70 Vampire', 'S-300', 'Shahed', 'Storm Shadow', 'Su-34'].sort());
  });
  it('counts mentions', () => {
    const shahed = entities('Two Shaheds were downed. Another Shahed hit a house.').find((e) => e.name === 'Shahed') as Entity;
    expect(shahed.mentions).toHaveLength(2);
  });
});

describe('names with plural possessives', () => {
  it('"Palestinian Prisoners\' Society" is one organization', () => {
    expect(names("Israeli forces detained 25 people, according to the Palestinian Prisoners' Society.", 'organization')).toEqual(['Israeli forces', "Palestinian Prisoners' Society"]);
  });
  it('generic weapon classes in running text', () => {
    expect(names('The regime dropped barrel bombs and used chemical weapons; cruise missiles hit Lviv.', 'weapon').sort()).toEqual(['barrel bombs', 'chemical weapons', 'cruise missiles']);
  });
});

describe('organizations that speak', () => {
  it('acronyms and statements speak for organizations; a title word does not make "Premier League" a person', () => {
    expect(names('NASA said the launch slipped.', 'organization')).toEqual(['NASA']);
    expect(names('Tottenham said in a statement that the deal was done.', 'organization')).toEqual(['Tottenham']);
    expect(names('He won three Premier League titles.', 'person')).toEqual([]);
    expect(names('He won three Premier League titles.', 'organization')).toEqual(['Premier League']);
  });
});

describe('where the tagger reads a longer name than a rule', () => {
  it('a nationality or people inside an institution yields to it', () => {
    const all = entities('Delegates of the Australian Council of Trade Unions and the Muslim Party of Indonesia arrived in British Columbia.');
    expect(all.filter((e) => e.type === 'organization').map((e) => e.name).sort()).toEqual(['Australian Council of Trade Unions', 'Muslim Party of Indonesia']);
    expect(all.filter((e) => e.type === 'location').map((e) => e.name)).toEqual(['British Columbia']);
    expect(all.filter((e) => e.type === 'nationality' || e.type === 'group')).toEqual([]);
  });
  it('but a person is never read around a nationality', () => {
    expect(names('Australian Julia Merton won the race.', 'nationality')).toEqual(['Australian']);
  });
  it('an organization word followed by "of" or "for" names the whole run (E9)', () => {
    expect(names('Tenants sued the Housing Authority of Port Blanc and the Commission for Coastal Affairs.', 'organization').sort()).toEqual(['Commission for Coastal Affairs', 'Housing Authority of Port Blanc']);
    expect(names('Tenants sued the Housing Authority of Port Blanc.', 'location')).toEqual([]);
    expect(names('The Farmers Party of Moldova and Green Action merged.', 'organization')).toContain('Farmers Party of Moldova');
    expect(names('The Tax Review and Institute for Growth merged.', 'organization')).not.toContain('Tax Review and Institute for Growth');
  });
  it('"and" after an organization word starts the next organization', () => {
    expect(names('The Rural Workers Party and Federation of the Greens signed the pact on Friday.', 'organization').sort()).toEqual(['Federation of the Greens', 'Rural Workers Party']);
  });
  it('a name may start with a place when no title comes before it', () => {
    expect(names('Chad Robert Ellison was born in 1983 in Ohio.', 'person')).toEqual(['Chad Robert Ellison']);
    expect(names('Minister for Africa Henrietta Morgan said the plan was sound.', 'person')).toEqual(['Henrietta Morgan']);
  });
});

describe('mention spans', () => {
  it('a lower-case "region" or "district" is not part of the place\'s mention but stays an alias', () => {
    const text = 'Shelling hit the Zolochiv district and the Belgorod region, officials in Kherson Oblast said.';
    const all = entities(text).filter((e) => e.type === 'location');
    expect(all.map((e) => text.slice(e.mentions[0].start, e.mentions[0].end))).toEqual(['Zolochiv', 'Belgorod', 'Kherson Oblast']);
    expect(all.find((e) => e.name === 'Belgorod')?.aliases).toContain('Belgorod region');
  });
  it('oceans, seas and straits are places (E13)', () => {
    expect(names('Tankers crossed the Pacific and the Strait of Hormuz into the Gulf of Aden.', 'location')).toEqual(['Pacific Ocean', 'Strait of Hormuz', 'Gulf of Aden']);
  });
  it('a demonym spelled as its country names the place', () => {
    expect(names('The convoy reached Djibouti at dawn.', 'location')).toEqual(['Djibouti']);
  });
});

describe('acronyms that are common nouns', () => {
  it('plural, after an article or pronoun, or a known common abbreviation, are not organizations', () => {
    expect(names('She hired a CPA after my DUI; several NGOs complained. The IPO raised cash for HR.', 'organization')).toEqual([]);
    expect(names('Officials of the CPA met the JTF.', 'organization')).toEqual(['CPA', 'JTF']);
    expect(names("The KRP's leaders met.", 'organization')).toEqual(['KRP']);
  });
});

describe('weapons and platforms (E18)', () => {
  it('generic munitions, platforms and their acronyms in lower case', () => {
    const text = 'Gunmen opened small arms fire and launched grenade launchers and an ATGM at the convoy of Humvees and MRAPs; anti-aircraft guns and a MANPADS answered, and a truck bomb and an EFP were found.';
    expect(names(text, 'weapon').sort()).toEqual(
      ['Humvee', 'anti-aircraft guns', 'anti-tank missiles', 'armored vehicles', 'car bombs', 'grenade launchers', 'improvised explosive devices', 'small arms', 'surface-to-air missiles'].sort(),
    );
  });
  it('designations: a plural "s" joins the system, and a visa is no bomber', () => {
    const all = entities('Two F-16s escorted an F-16 and a B-52; AH-64 Apaches and AK-47s were seen. B-1 visas were issued.').filter((e) => e.type === 'weapon');
    expect(all.map((e) => e.name).sort()).toEqual(['AH-64 Apache', 'AK-47', 'B-52', 'F-16']);
    expect(all.find((e) => e.name === 'F-16')?.mentions).toHaveLength(2);
  });
  it('a named warship is one platform, neither an organization nor a person', () => {
    const all = entities('The USS Harlow and HMS Dwight D. Fenton shot down two drones.');
    expect(all.filter((e) => e.type === 'weapon').map((e) => e.name)).toEqual(['USS Harlow', 'HMS Dwight D. Fenton', 'drones']);
    expect(all.filter((e) => e.type === 'person' || e.type === 'organization')).toEqual([]);
  });
});

describe('facilities and formations', () => {
  it('a named facility is a place even when the tagger reads an organization (E14)', () => {
    const all = entities('Drones struck the Novoshakhtinsk Oil Refinery and the Kerch Bridge; troops left Bagram Air Base.');
    expect(all.filter((e) => e.type === 'location').map((e) => e.name)).toEqual(['Novoshakhtinsk Oil Refinery', 'Kerch Bridge', 'Bagram Air Base']);
    expect(all.filter((e) => e.type === 'organization')).toEqual([]);
    expect(names('Inspectors reached the Zaporizhzhia Nuclear Power Plant.', 'location')).toEqual(['Zaporizhzhia Nuclear Power Plant']);
  });
  it('an ordinal and a unit word name a unit, whatever comes between', () => {
    expect(names('Troops of the 104th Airborne Division, the 6th Battalion and the 9th Marines landed.', 'organization')).toEqual(['104th Airborne Division', '6th Battalion', '9th Marines']);
  });
  it('a name before "group of forces" or "operational group" is a formation', () => {
    expect(names('General Ivan Holub, who leads the Siversk group of forces, spoke.', 'organization')).toEqual(['Siversk group of forces']);
    expect(names('The Odesa operational group reported calm.', 'organization')).toEqual(['Odesa operational group']);
  });
});
