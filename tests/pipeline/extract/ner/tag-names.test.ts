import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../../src/pipeline/extract/extract-facts.js';
import { nerModel, segmentDocument, tagDocument, tagNames, wordCache } from '../../../../src/pipeline/extract/ner/tag-names.js';
import { tokenizeText } from '../../../../src/pipeline/extract/tokenize-text.js';

const names = (text: string, type: string): string[] => extractFacts(text).entities.filter((e) => e.type === type).map((e) => e.name);

describe('the shipped NER model', () => {
  it('loads once and says where it comes from', () => {
    const { header } = nerModel();
    expect(nerModel().tagger).toBe(nerModel().tagger);
    expect(JSON.stringify(header.about)).toMatch(/CC BY-SA 4\.0/);
    expect(header.labels).toContain('B-PER');
  });
  it('tags names with no title or speech cue', () => {
    const text = 'Maria Sandoval beat Anna Petrova in the second round in Madrid.';
    const { tokens } = tokenizeText(text);
    const found = tagNames(text, tokens).map((s) => `${s.type}:${text.slice(tokens[s.first].start, tokens[s.last - 1].end)}`);
    expect(found).toEqual(['PER:Maria Sandoval', 'PER:Anna Petrova', 'LOC:Madrid']);
  });
});

describe('the lazy view of a document', () => {
  it('tags as the full view does: placeholders stand only where the tagger reads nothing', () => {
    // Names and place words at every distance from lower-case runs, digits after capitals, a shouted line.
    const words = ['Maria', 'Sandoval', 'Madrid', 'Kyiv', 'Ukraine', 'the', 'in', 'of', 'said', 'a', 'town', 'people', 'were', '3', '12', 'and', 'near', 'General', 'Motors'];
    let seed = 7;
    const pick = (): string => words[(seed = (seed * 1103515245 + 12345) % 2147483648) % words.length];
    const text = Array.from({ length: 60 }, () => Array.from({ length: 25 }, pick).join(' ')).join('.\n') + '\nWORLD CUP - GERMANY BEAT SPAIN 2-1 IN BERLIN';
    const { tokens } = tokenizeText(text);
    const { tagger } = nerModel();
    const lazy = tagDocument(tagger, segmentDocument(text, tokens, wordCache(), true));
    expect(lazy).toEqual(tagDocument(tagger, segmentDocument(text, tokens, wordCache(), false)));
  });
});

describe('the tagger on a line in capitals', () => {
  it('reads it in the case running text would use', () => {
    const text = 'SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .';
    const { tokens } = tokenizeText(text);
    const found = tagNames(text, tokens).map((s) => text.slice(tokens[s.first].start, tokens[s.last - 1].end));
    expect(found).toEqual(expect.arrayContaining(['JAPAN', 'CHINA']));
    expect(found).not.toContain('GET');
    expect(found).not.toContain('WIN');
  });
});

describe('entities with the model', () => {
  it('persons without cues (E1) and a later surname merged into the full name', () => {
    const all = extractFacts('Maria Sandoval beat Anke Dorr in the second round. Sandoval next plays in Rome.').entities;
    const maria = all.find((e) => e.name === 'Maria Sandoval');
    expect(maria?.type).toBe('person');
    expect(maria?.mentions).toHaveLength(2);
    expect(names('Maria Sandoval beat Anke Dorr in the second round.', 'person').sort()).toEqual(['Anke Dorr', 'Maria Sandoval']);
  });
  it('never joins lines (E15)', () => {
    const all = extractFacts('Talks on Yemen\nJohn Smith\nA Home Office spokesman said the talks would go on.').entities;
    expect(all.some((e) => /\n| Yemen John|Smith A/.test(e.name))).toBe(false);
    expect(all.find((e) => e.name === 'Yemen')?.type).toBe('location');
  });
  it('a city next to a score or a result word is its club; countries stay places (E16)', () => {
    const text = 'Rotterdam beat Utrecht 2-0 while Ajax drew with Groningen.';
    expect(names(text, 'organization')).toEqual(expect.arrayContaining(['Rotterdam', 'Utrecht', 'Groningen']));
    expect(names(text, 'location')).toEqual([]);
    expect(names('Russia beat Ukraine 3-1 in Kyiv.', 'location')).toEqual(['Russia', 'Ukraine', 'Kyiv']);
    expect(names('Shelling hit Kharkiv on Monday; 2-3 people were hurt.', 'location')).toEqual(['Kharkiv']);
  });
  it('number words and titles are not names', () => {
    expect(names('Thirty died on the ferry, four died on the tug.', 'person')).toEqual([]);
    expect(names('Ms Pugh and Dr Lee met Lord Halifax.', 'person')).toEqual(expect.arrayContaining(['Pugh', 'Lee', 'Halifax']));
  });
  it('mentions exclude a leading "the" (E17)', () => {
    const text = 'She fled with her family to the United States in 1948.';
    const us = extractFacts(text).entities.find((e) => e.type === 'location');
    expect(us && text.slice(us.mentions[0].start, us.mentions[0].end)).toBe('United States');
  });
});

describe('rules for what the corpora do not cover', () => {
  it('acronym organizations, collectives, regimes, transcript surnames (E2, E4, E5, E6)', () => {
    expect(names('Officials from the JTF and the ISF briefed AMISOM and UNSOM.', 'organization').sort()).toEqual(['AMISOM', 'ISF', 'JTF', 'UNSOM']);
    expect(names('DRONE STRIKE HITS FUEL DEPOT', 'organization')).toEqual([]);
    expect(names('The CEO spoke on TV.', 'organization')).toEqual([]);
    expect(names('Call today: the first lesson is FREE and the TEXT is online.', 'organization')).toEqual([]);
    expect(names('The Coalition conducted four strikes.', 'organization')).toEqual(['Coalition']);
    expect(names('The Mugabe regime denied it.', 'organization')).toEqual(['Mugabe regime']);
    expect(names('QUESTION: Is that right? MR PRICE: Yes.', 'person')).toEqual(['Price']);
    expect(names('Da’esh claimed the attack.', 'organization')).toEqual(['Islamic State']);
  });
  it("a people's or country's forces are an organization (E7, E11)", () => {
    expect(names('The Kenyan opposition and Somali security forces met on Tuesday.', 'organization')).toEqual(['Kenyan opposition', 'Somali security forces']);
    expect(names('U.S. forces and the U.S. Department of State responded.', 'organization')).toEqual(['U.S. forces', 'U.S. Department of State']);
    expect(names('U.S. forces responded.', 'location')).toEqual([]);
  });
  it('continents, UK nations and Afghan provinces are places (E12, E13)', () => {
    const places = names('He studied in northern England and later in Asia and Africa, then served in Helmand.', 'location');
    expect(places).toEqual(expect.arrayContaining(['England', 'Asia', 'Africa', 'Helmand']));
  });
  it('generic weapons in lower case and weapon acronyms (E18)', () => {
    const text = 'The rebels fired mortar rounds and rockets; helicopters and armored vehicles responded, and two VBIEDs and a UAV were destroyed.';
    const weapons = extractFacts(text).entities.filter((e) => e.type === 'weapon');
    const forms = weapons.map((e) => [e.name, ...(e.aliases ?? [])]);
    for (const w of ['mortar rounds', 'rockets', 'helicopters', 'armored vehicles', 'VBIEDs', 'UAV']) expect(forms.some((f) => f.includes(w)), w).toBe(true);
    expect(weapons).toHaveLength(6);
  });
  it('a class word after a named system is part of its mention; names and other tanks are not weapons', () => {
    expect(names('Russia launched Shahed drones overnight.', 'weapon')).toEqual(['Shahed']);
    expect(names('The Houston Rockets won again. Think tanks and fuel tanks were discussed.', 'weapon')).toEqual([]);
  });
});
