import { describe, expect, it } from 'vitest';
import { cleanAuthors } from '../../../../src/pipeline/parse/metadata/authors.js';

describe('cleanAuthors', () => {
  it('strips "By", roles, reading times and splits lists', () => {
    expect(cleanAuthors(['By Meg James, Staff Writer'])).toEqual(['Meg James']);
    expect(cleanAuthors(['By Anna Berg and Tom Reed'])).toEqual(['Anna Berg', 'Tom Reed']);
    expect(cleanAuthors(['Jane Doe | 4 Minute Read'])).toEqual(['Jane Doe']);
  });
  it('drops dates, e-mails, URLs, site names and duplicates', () => {
    expect(cleanAuthors(['Nov. 19, 2019', 'paul@example.com', 'https://example.com/staff/paul', 'Example News', 'Paul Kim', 'paul kim'], { siteName: 'Example News' })).toEqual(['Paul Kim']);
  });
});

describe('cleanAuthors, names and outlets', () => {
  it('keeps initials, drops an outlet after the name, agencies, placeholders and roles', () => {
    expect(cleanAuthors(['Sarah E. Needleman', 'Finian Cunningham. Sputnik International'])).toEqual(['Sarah E. Needleman', 'Finian Cunningham']);
    expect(cleanAuthors(['Reuters', 'admin', 'Гость', 'AP Auto Writer', 'Troy L. Smith, cleveland.com'])).toEqual(['Troy L. Smith']);
  });
});

describe('cleanAuthors, what layouts glue to names', () => {
  it('drops labels, dates and comment counts glued to the name, and quotes around it', () => {
    expect(cleanAuthors(['Nadia OkaforPublished', 'Pavel Ruiz UpdatedMarch 3, 2025', 'Lena HolmFeb 5, 2025 | 6 comments'])).toEqual(['Nadia Okafor', 'Pavel Ruiz', 'Lena Holm']);
    expect(cleanAuthors(['Posted by Oren Malik 14 Comments', '"Ida Brandt"'])).toEqual(['Oren Malik', 'Ida Brandt']);
  });
  it('drops a lower-case role after the name\'s comma', () => {
    expect(cleanAuthors(['Vera Lund, MD, gastroenterologist'])).toEqual(['Vera Lund']);
  });
  it('takes no byline label for a name', () => {
    expect(cleanAuthors(['Fact Checked', 'Website'])).toEqual([]);
  });
});

describe('cleanAuthors, roles and glued navigation', () => {
  it('drops a newsroom role set apart from the name, and refuses breadcrumbs glued into one line', () => {
    expect(cleanAuthors(['By Ben Aldo ⋅ Review Editor', 'Ana Ruiz, Staff Writer'])).toEqual(['Ben Aldo', 'Ana Ruiz']);
    expect(cleanAuthors(['Wedding ChecklistsJust EngagedWedding Planning', 'ServiceTitan', 'Mark SubbaRao'])).toEqual(['ServiceTitan', 'Mark SubbaRao']);
  });
});

