import type { ParsedArticle } from '../../record/record.js';
import { parseGenericHtml } from './generic/parse-generic.js';
import type { MetadataOptions } from './metadata/page-metadata.js';
import { parseTelegramPost } from './sites/telegram.js';

/**
 * Site parsers keyed by host (crawlee-style router): the fetched body goes to the parser of its
 * URL's host, the generic article extractor by default. Which URL the fetch stage requests for a
 * site (its parseable view) is fetch-url.ts: the fetch stage runs without the parsers.
 */

export interface SiteParser {
  /** Parses the fetched HTML of `url` (canonical, possibly null for submitted HTML). */
  parse(html: string, url: string | null, options: MetadataOptions): ParsedArticle;
}

const telegram: SiteParser = {
  parse: (html, url) => {
    // The record schema has no place for channel/views: they stay on parseTelegramPost's result.
    const { channel: _channel, views: _views, ...article } = parseTelegramPost(html, url);
    return article;
  },
};

const generic: SiteParser = { parse: parseGenericHtml };

const SITE_PARSERS: ReadonlyMap<string, SiteParser> = new Map([
  ['t.me', telegram],
  ['telegram.me', telegram],
  ['telegram.dog', telegram],
]);

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

export function parserFor(url: string | null): SiteParser {
  const host = hostOf(url);
  return (host === null ? undefined : SITE_PARSERS.get(host)) ?? generic;
}
