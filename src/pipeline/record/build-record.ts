import { createHash } from 'node:crypto';
import type { ParsedUnit } from '../../queues/job-data.js';
import { SCHEMA_VERSION, type ExtractedFacts, type SitrepRecord } from '../../record/record.js';

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** Pure: parsed article + facts + provenance → record v1. The id is the unit id, so retries rebuild the same record. */
export function buildRecord(data: ParsedUnit, facts: ExtractedFacts, processedAt: Date): SitrepRecord {
  const { article } = data;
  const finalUrl = data.finalUrl ?? article.url;
  return {
    id: data.unitId,
    ...article,
    finalUrl,
    source: { kind: data.source, host: hostOf(article.canonicalUrl ?? article.url ?? finalUrl), siteName: article.siteName },
    parentId: data.parentId,
    entities: facts.entities,
    casualties: facts.casualties,
    summary: facts.summary,
    ...(facts.extractedChars === undefined ? {} : { extractedChars: facts.extractedChars }),
    contentHash: createHash('sha256').update(article.text).digest('hex'),
    // A first version; versionRecord() numbers it against the stored one.
    version: 1,
    previousContentHash: null,
    changes: null,
    fetchedAt: data.fetchedAt,
    processedAt: processedAt.toISOString(),
    schemaVersion: SCHEMA_VERSION,
  };
}
