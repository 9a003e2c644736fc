import { describe, expect, it } from 'vitest';
import { normalizeLanguage } from '../../../../src/pipeline/parse/metadata/language.js';

describe('normalizeLanguage', () => {
  it('keeps the primary subtag, lower-case', () => {
    expect(normalizeLanguage('en-US')).toBe('en');
    expect(normalizeLanguage('pt_BR')).toBe('pt');
    expect(normalizeLanguage('  ')).toBeNull();
  });
});
