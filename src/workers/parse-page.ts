import { parseArticle } from '../pipeline/parse/parse-article.js';
import type { ParsedArticle } from '../record/record.js';

const TEXT_TYPES = /^text\/(?:plain|markdown)\b/i;

/** A fetched or submitted document into an article: plain text and Markdown as text, the rest as HTML. */
export function parsePage(body: string, contentType: string, url: string | null): ParsedArticle {
  const input = TEXT_TYPES.test(contentType) ? { text: body } : { html: body };
  return parseArticle({ ...input, url, contentType });
}
