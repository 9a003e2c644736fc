import { describe, expect, it } from 'vitest';
import { buildRecord } from '../../../src/pipeline/record/build-record.js';
import type { ParsedUnit } from '../../../src/queues/job-data.js';

const data: ParsedUnit = {
  runId: 'r1',
  unitId: 'abc123',
  depth: 1,
  parentId: 'parent9',
  source: 'fetched',
  finalUrl: 'https://www.example.com/story?page=1',
  fetchedAt: '2024-01-03T10:00:00.000Z',
  article: {
    url: 'https://example.com/story',
    canonicalUrl: 'https://www.example.com/story',
    title: 'T',
    authors: [],
    publishedAt: '2024-01-03',
    modifiedAt: null,
    language: 'en',
    siteName: 'Example',
    description: null,
    image: null,
    tags: [],
    text: 'Body.',
    references: [],
  },
};

describe('buildRecord', () => {
  it('is deterministic for the same unit and input (retries rebuild the same record)', () => {
    const facts = { entities: [], casualties: [], summary: {} };
    const at = new Date('2024-01-03T10:00:01.000Z');
    const a = buildRecord(data, facts, at);
    expect(a).toEqual(buildRecord(structuredClone(data), facts, at));
    expect(a).toMatchObject({
      id: 'abc123',
      parentId: 'parent9',
      finalUrl: 'https://www.example.com/story?page=1',
      source: { kind: 'fetched', host: 'www.example.com', siteName: 'Example' },
      schemaVersion: 1,
      processedAt: '2024-01-03T10:00:01.000Z',
    });
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
