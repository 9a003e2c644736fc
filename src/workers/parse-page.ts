import { decodeBody } from '../pipeline/fetch/decode-body.js';
import type { RawBody } from '../pipeline/fetch/fetch-page.js';
import { parseArticle } from '../pipeline/parse/parse-article.js';
import type { ParsedArticle } from '../record/record.js';

const TEXT_TYPES = /^text\/(?:plain|markdown)\b/i;

/**
 * A fetched or submitted document into an article: plain text and Markdown as text, the rest as
 * HTML. A fetched body comes undecoded and is decoded here, in the CPU thread.
 */
export function parsePage(body: string | RawBody, contentType: string, url: string | null): ParsedArticle {
  const text = typeof body === 'string' ? body : decodeBody(body.bytes, body.contentTypeHeader).text;
  const input = TEXT_TYPES.test(contentType) ? { text } : { html: text };
  return parseArticle({ ...input, url, contentType });
}
