import type { DiscoverInput } from '../../queues/job-data.js';
import { canonicalizeUrl } from './canonicalize-url.js';
import { discoverReferences, looksLikeHtml } from './discover-references.js';

/** What the discover stage decided for one input. */
export type DiscoveryPlan =
  | { kind: 'fetch'; url: string }
  | {
      kind: 'article';
      /** The article's own canonical URL, if it names one. */
      url: string | null;
      body: string;
      contentType: string;
      /** Canonical URLs the article references, own URL excluded, first occurrence first. */
      references: string[];
    };

/** text/html when the submitter did not say and the content looks like markup, else text/plain. */
export function sniffContentType(content: string, declared?: string): string {
  return declared ?? (looksLikeHtml(content) ? 'text/html' : 'text/plain');
}

/** Pure: a URL goes to fetch; an article goes to parse itself and sends its references to fetch. */
export function planDiscovery(input: DiscoverInput): DiscoveryPlan {
  if (input.kind === 'url') return { kind: 'fetch', url: canonicalizeUrl(input.url) };
  const contentType = sniffContentType(input.content, input.contentType);
  const found = discoverReferences(input.content, { contentType, ...(input.url ? { baseUrl: input.url } : {}) });
  const url = input.url ? canonicalizeUrl(input.url) : (found.url ?? null);
  return {
    kind: 'article',
    url,
    body: input.content,
    contentType,
    references: found.references.map((r) => r.url).filter((u) => u !== url),
  };
}
