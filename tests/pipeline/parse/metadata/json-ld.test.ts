import { describe, expect, it } from 'vitest';
import { findArticleNode, parseJsonLd, stringOf } from '../../../../src/pipeline/parse/metadata/json-ld.js';

describe('parseJsonLd', () => {
  it('flattens arrays, @graph and mainEntity', () => {
    const nodes = parseJsonLd([
      '[{"@type":"BreadcrumbList"},{"@type":"WebPage","mainEntity":{"@type":"BlogPosting","headline":"H"}}]',
      '{"@graph":[{"@type":"Organization","name":"O"}]}',
    ]);
    expect(nodes.map((n) => n['@type'])).toEqual(['BreadcrumbList', 'WebPage', 'BlogPosting', undefined, 'Organization']);
    expect(findArticleNode(nodes)?.headline).toBe('H');
  });
  it('repairs raw newlines, trailing commas and comment wrappers; skips the hopeless', () => {
    const nodes = parseJsonLd(['<!--{"@type":"NewsArticle","articleBody":"line one\nline two",}-->', '{"@type":']);
    expect(nodes).toHaveLength(1);
    expect(nodes[0].articleBody).toBe('line one line two');
  });
  it('prefers the article node that carries a body', () => {
    const nodes = parseJsonLd(['{"@type":"Article","headline":"teaser"}', '{"@type":"NewsArticle","headline":"full","articleBody":"text"}']);
    expect(findArticleNode(nodes)?.headline).toBe('full');
  });
});

describe('stringOf', () => {
  it('reads strings, arrays and objects', () => {
    expect(stringOf([{ name: 'A' }, 'B'])).toBe('A');
    expect(stringOf({ '@id': 'https://x' }, ['url', '@id'])).toBe('https://x');
    expect(stringOf(null)).toBeNull();
  });
});
