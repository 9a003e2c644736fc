import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../src/pipeline/extract/extract-facts.js';
import { DEFENCE_ENTITY_FIXTURES, scoreEntities } from './defence-entities.fixture.js';

describe('entities on invented defence-domain paragraphs', () => {
  const scores = scoreEntities(DEFENCE_ENTITY_FIXTURES, (text) => extractFacts(text).entities);

  it.each([
    ['person', 0.85],
    ['organization', 0.85],
    ['location', 0.85],
    ['weapon', 0.75],
  ] as const)('%s F1 ≥ %s (document level)', (type, floor) => {
    expect(scores[type].f1, scores[type].errors.join('; ')).toBeGreaterThanOrEqual(floor);
  });

  it('the scorer counts aliases as the entity and extras as false positives', () => {
    const s = scoreEntities(
      [{ text: 'x', expected: { person: ['A B'], organization: [], location: ['Kyiv'], weapon: [] } }],
      () => [
        { name: 'A B', type: 'person', mentions: [] },
        { name: 'Kyiv', type: 'location', aliases: ['Kiev'], mentions: [] },
        { name: 'C D', type: 'person', mentions: [] },
      ],
    );
    expect(s.person).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(s.location).toMatchObject({ tp: 1, fp: 0, fn: 0 });
  });
});

describe('organizations and weapons: general cases', () => {
  const names = (text: string, type: string): string[] => extractFacts(text).entities.filter((e) => e.type === type).map((e) => e.name);
  it('a country\'s armed service in lower case is an organization named by its nationality', () => {
    expect(names("Russia's navy moved two frigates.", 'organization')).toEqual(['Russian Navy']);
    expect(names('The Ukrainian air force said it downed a drone.', 'organization')).toEqual(['Ukrainian Air Force']);
    expect(names("Poland's armed forces raised their readiness.", 'organization')).toEqual(['Polish Armed Forces']);
  });
  it('a direction or scope adjective may open an organization name', () => {
    expect(names('The Eastern Military Command denied the claim.', 'organization')).toContain('Eastern Military Command');
    expect(names('Officers of the State Border Guard Service said the crossing was closed.', 'organization')).toContain('State Border Guard Service');
  });
  it('but it is still not a person', () => {
    expect(names('Southern Ukraine was shelled again, Western officials said.', 'person')).toEqual([]);
  });
  it('weapon aliases merge into the canonical system', () => {
    const w = extractFacts('A Vampire rocket launcher fired at the town. The RM-70 was later destroyed.').entities.filter((e) => e.type === 'weapon');
    expect(w.map((e) => e.name)).toEqual(['RM-70 Vampire']);
  });
});

describe("a place's authorities in lower case", () => {
  const orgs = (text: string): string[] => extractFacts(text).entities.filter((e) => e.type === 'organization').map((e) => e.name);
  it.each([
    ['The Kharkiv regional military administration reported new strikes.', 'Kharkiv Regional Military Administration'],
    ['Kherson city council members were evacuated.', 'Kherson City Council'],
  ])('%s', (text, name) => expect(orgs(text)).toEqual([name]));
  it('a country is not a local body', () => {
    expect(orgs('Ukraine city council elections are postponed.')).toEqual([]);
  });
});

describe('a composed organization also mentions its place', () => {
  it.each([
    ["Ukraine's air force reported the launch.", 'Ukraine'],
    ["Russia's Defense Ministry denied it.", 'Russia'],
    ['The Sumy regional administration ordered an evacuation.', 'Sumy'],
  ])('%s', (text, place) => {
    const e = extractFacts(text).entities;
    expect(e.filter((x) => x.type === 'location').map((x) => x.name)).toEqual([place]);
    expect(e.filter((x) => x.type === 'organization')).toHaveLength(1);
  });
});

describe('numbered units', () => {
  const orgs = (text: string): string[] => extractFacts(text).entities.filter((e) => e.type === 'organization').map((e) => e.name);
  it('keep their ordinal', () => {
    expect(orgs('The 47th Mechanized Brigade fought near the village.')).toEqual(['47th Mechanized Brigade']);
    expect(orgs('Soldiers of the 3rd Assault Brigade, said the unit held.')).toEqual(['3rd Assault Brigade']);
  });
  it('an ordinal date is no unit', () => {
    expect(orgs('On the 24th February Russian Troops crossed the border.')).toEqual([]);
  });
});
