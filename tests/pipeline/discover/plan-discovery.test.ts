import { describe, expect, it } from 'vitest';
import { planDiscovery, sniffContentType } from '../../../src/pipeline/discover/plan-discovery.js';

describe('planDiscovery', () => {
  it('sends a URL to fetch, canonicalized', () => {
    expect(planDiscovery({ kind: 'url', url: 'HTTPS://Example.COM:443/a?utm_source=x#top' })).toEqual({ kind: 'fetch', url: 'https://example.com/a' });
  });

  it('rejects a URL that is not http(s) with a coded error', () => {
    expect(() => planDiscovery({ kind: 'url', url: 'file:///etc/passwd' })).toThrow(expect.objectContaining({ code: 'SITREP_ERR_INVALID_URL' }));
  });

  it('sends an article to parse with its own URL apart from its references', () => {
    const content = 'Shelling hit the town, officials said.\n\nhttps://example.org/report\n\nOriginal url:\nhttps://news.example.com/2024/05/01/story\n';
    const plan = planDiscovery({ kind: 'article', content });
    expect(plan).toMatchObject({ kind: 'article', url: 'https://news.example.com/2024/05/01/story', contentType: 'text/plain', references: ['https://example.org/report'] });
  });

  it('uses the URL the submitter gave over one found in the text', () => {
    const plan = planDiscovery({ kind: 'article', content: 'See https://a.example/x', url: 'https://given.example/own' });
    expect(plan).toMatchObject({ url: 'https://given.example/own', references: ['https://a.example/x'] });
  });
});

describe('sniffContentType', () => {
  it('keeps a declared type and recognizes markup', () => {
    expect(sniffContentType('x', 'text/markdown')).toBe('text/markdown');
    expect(sniffContentType('<!DOCTYPE html><html><body><p>x</p></body></html>')).toBe('text/html');
    expect(sniffContentType('<p>Hello</p>')).toBe('text/html');
    expect(sniffContentType('5 < 6 and a > b')).toBe('text/plain');
  });
});
