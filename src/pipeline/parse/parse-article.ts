import { SitrepError } from '../../errors/sitrep-error.js';
import type { ParsedArticle } from '../../record/record.js';
import { canonicalizeUrl } from '../discover/canonicalize-url.js';
import type { MetadataOptions } from './metadata/page-metadata.js';
import { parserFor } from './router.js';
import { parsePlainText } from './sites/plain-text.js';

export interface ParseArticleInput {
  /** Decoded HTML. Exactly one of html/text. */
  html?: string;
  /** Plain text or Markdown. */
  text?: string;
  /** The page's URL (fetched or stated by the submitter); picks the site parser and resolves links. Default: none. */
  url?: string | null;
  /** text/plain or text/markdown → text path, text/html → HTML path. Default: from which of html/text is given. */
  contentType?: string;
}

/** Options of parseArticle: the date plausibility window (see DatePlausibility). */
export type ParseArticleOptions = MetadataOptions;

const TEXT_TYPE_RE = /^\s*text\/(?:plain|markdown|x-markdown)\b/i;

/**
 * The parse stage: a decoded page or a submitted text → the article record fields. Pure and
 * synchronous. Throws SITREP_ERR_NO_ARTICLE when the page holds no article (never an empty body),
 * SITREP_ERR_INVALID_URL for an unusable url, SITREP_ERR_INVALID_INPUT when neither or both of
 * html/text are given.
 */
export function parseArticle(input: ParseArticleInput, options: ParseArticleOptions = {}): ParsedArticle {
  const given = (input.html !== undefined ? 1 : 0) + (input.text !== undefined ? 1 : 0);
  if (given !== 1) throw new SitrepError('SITREP_ERR_INVALID_INPUT', 'parseArticle needs exactly one of html or text');
  const content = (input.html ?? input.text)!;
  const url = input.url ? canonicalizeUrl(input.url) : null;
  const asText = input.text !== undefined ? !/html/i.test(input.contentType ?? '') : TEXT_TYPE_RE.test(input.contentType ?? '');

  if (asText) {
    const article = parsePlainText(content, url, options);
    if (article.text === '') throw new SitrepError('SITREP_ERR_NO_ARTICLE', 'the submitted text has no prose', { details: { url } });
    return article;
  }
  return parserFor(url).parse(content, url, options);
}
