import { discoverReferences } from '../../src/pipeline/discover/discover-references.js';
import { extractFacts } from '../../src/pipeline/extract/extract-facts.js';
import { parseArticle } from '../../src/pipeline/parse/parse-article.js';
import type { Format } from './families.js';

/** The public functions that read untrusted text, each with the form of input it takes. */
export const TARGETS: Record<string, { format: Format; run: (input: string) => unknown }> = {
  'parseArticle html': { format: 'html', run: (input) => parseArticle({ html: input, url: 'https://news.example/a' }) },
  'parseArticle text': { format: 'text', run: (input) => parseArticle({ text: input, contentType: 'text/plain' }) },
  'parseArticle markdown': { format: 'markdown', run: (input) => parseArticle({ text: input, contentType: 'text/markdown' }) },
  extractFacts: { format: 'text', run: (input) => extractFacts(input, { publishedAt: '2024-01-02' }) },
  'discoverReferences html': { format: 'html', run: (input) => discoverReferences(input, { contentType: 'text/html', baseUrl: 'https://news.example/a' }) },
  'discoverReferences text': { format: 'text', run: (input) => discoverReferences(input, { contentType: 'text/plain' }) },
};
