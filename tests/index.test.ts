import { describe, expect, it } from 'vitest';
import * as sitrep from '../src/index.js';

describe('package root (library API, no Redis)', () => {
  it('exports the three pure stages and they compose', () => {
    const text = 'Officials said three people were killed in Kharkiv.\n\nhttps://example.com/report?utm_source=x\n';
    expect(sitrep.discoverReferences(text)).toEqual({ references: [{ url: 'https://example.com/report' }] });
    const article = sitrep.parseArticle({ text, url: 'https://news.example/2024/05/06/kharkiv-strike' });
    expect(article.publishedAt).toBe('2024-05-06');
    const facts = sitrep.extractFacts(article.text, { publishedAt: article.publishedAt });
    expect(facts.casualties).toEqual([expect.objectContaining({ kind: 'killed', count: 3 })]);
    expect(sitrep.SCHEMA_VERSION).toBe(1);
  });
});
