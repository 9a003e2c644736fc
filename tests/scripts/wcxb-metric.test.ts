import { describe, expect, it } from 'vitest';
import { foldQuotes, snippetsFound } from '../../scripts/wcxb-metric.js';

describe('wcxb metric', () => {
  it('finds snippets case-insensitively, whitespace collapsed, quotes exactly as written', () => {
    expect(snippetsFound('The council  said it WOULD act.', ['council said it would'])).toBe(1);
    expect(snippetsFound('The council’s plan', ["council's plan"])).toBe(0);
  });

  it('folds typographic quotes (the diagnostic line): both sides then match', () => {
    expect(snippetsFound(foldQuotes('The council’s “plan”'), [foldQuotes("council's \"plan\"")])).toBe(1);
  });
});
