import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../../../src/pipeline/extract/extract-facts.js';
import { nerModel, tagNames } from '../../../../src/pipeline/extract/ner/tag-names.js';
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
  it('mentions exclude a leading "the" (E17)', () => {
    const text = 'She fled with her family to the United States in 1948.';
    const us = extractFacts(text).entities.find((e) => e.type === 'location');
    expect(us && text.slice(us.mentions[0].start, us.mentions[0].end)).toBe('United States');
  });
});
