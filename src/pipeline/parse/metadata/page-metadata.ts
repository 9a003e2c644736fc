import type { ParsedArticle } from '../../../record/record.js';
import { canonicalizeUrl } from '../../discover/canonicalize-url.js';
import type { PageScan } from '../generic/scan-page.js';
import { cleanAuthors } from './authors.js';
import { dateFromUrl, isPlausibleDate, normalizeDate, type DatePlausibility } from './dates.js';
import { findArticleNode, findNodeOfType, parseJsonLd, stringOf, stringsOf, typesOf, type JsonLdNode } from './json-ld.js';
import { normalizeLanguage } from './language.js';
import { cleanTitle } from './title.js';
import { decodeEntities } from '../text/decode-entities.js';

/** Everything but the body: what the page says about itself (`language` only as declared in markup). */
export interface PageMetadata
  extends Pick<ParsedArticle, 'canonicalUrl' | 'title' | 'authors' | 'publishedAt' | 'modifiedAt' | 'language' | 'siteName' | 'description' | 'image' | 'tags'> {
  /** The page declares itself an article (JSON-LD Article type or og:type article). */
  declaredArticle: boolean;
  /** articleBody from JSON-LD or itemprop, raw. */
  declaredBody: string | null;
  /** Every JSON-LD @type on the page, lower-cased (Product, ItemList, QAPage… tell non-articles apart). */
  declaredTypes: string[];
}

/** Options of metadata reading: the date plausibility window (see DatePlausibility). */
export type MetadataOptions = DatePlausibility;

const first = (scan: PageScan, ...keys: string[]): string | null => {
  for (const key of keys) {
    const values = scan.meta.get(key);
    if (values !== undefined) for (const v of values) if (v.trim() !== '') return v.trim();
  }
  return null;
};

function tryCanonical(href: string | null | undefined, base: string | null): string | null {
  if (!href) return null;
  try {
    return canonicalizeUrl(href.trim(), base ?? undefined);
  } catch {
    return null;
  }
}

/** AMP and print variants name their canonical page; when they do not, strip the usual markers. */
const AMP_PATH_RE = /\/(?:amp|print)(?=\/|$)|[.-]amp(?=\.html?$|\/?$)/;
function unAmpUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname.startsWith('amp.')) parsed.hostname = parsed.hostname.slice(4);
  parsed.pathname = parsed.pathname.replace(AMP_PATH_RE, '') || '/';
  for (const key of ['amp', 'outputType', 'print']) parsed.searchParams.delete(key);
  return parsed.toString();
}

function isAmpOrPrint(url: string): boolean {
  const parsed = new URL(url);
  return parsed.hostname.startsWith('amp.') || AMP_PATH_RE.test(parsed.pathname) || /(?:^|&)(?:amp|print)(?:=|&|$)|outputType=amp/.test(parsed.search.slice(1));
}

/** Bylines and datelines: short blocks near the top of the page ("Nov. 19, 2019 5:50 PM"). */
const DATELINE_BLOCKS = 80;
const DATELINE_MAX_CHARS = 80;
function datelineCandidates(scan: PageScan): string[] {
  const out: string[] = [];
  for (const block of scan.blocks.slice(0, DATELINE_BLOCKS)) if (block.text.length <= DATELINE_MAX_CHARS && /\d{4}/.test(block.text)) out.push(block.text);
  return out;
}

function firstDate(candidates: Array<string | null | undefined>, options: DatePlausibility): string | null {
  for (const raw of candidates) {
    if (!raw) continue;
    const date = normalizeDate(raw);
    if (date !== null && isPlausibleDate(date, options)) return date;
  }
  return null;
}

export function readPageMetadata(scan: PageScan, url: string | null, options: MetadataOptions = {}): PageMetadata {
  const nodes = parseJsonLd(scan.jsonLd);
  const article: JsonLdNode | null = findArticleNode(nodes);
  const website = findNodeOfType(nodes, ['website', 'organization', 'newsmediaorganization']);
  const host = url === null ? null : new URL(url).hostname;

  const canonicalHref = scan.links.get('canonical')?.[0] ?? first(scan, 'og:url') ?? stringOf(article?.mainEntityOfPage, ['@id', 'url']) ?? stringOf(article?.url);
  let canonicalUrl = tryCanonical(canonicalHref, url);
  if (canonicalUrl === null && url !== null && isAmpOrPrint(url)) canonicalUrl = tryCanonical(unAmpUrl(url), null);

  const siteName =
    [first(scan, 'og:site_name', 'application-name'), stringOf(article?.publisher), stringOf(website?.name)].find(
      (name): name is string => name !== null && !/^https?:\/\//i.test(name),
    ) ?? null;

  const rawTitle = stringOf(article?.headline) ?? first(scan, 'og:title', 'twitter:title') ?? scan.h1[0] ?? scan.titleTag;
  const title = rawTitle === null ? null : cleanTitle(decodeEntities(rawTitle), { siteName, host, headline: scan.h1[0] ?? null }) || null;

  const authorSources: string[] = [];
  if (article?.author !== undefined) {
    const authors = Array.isArray(article.author) ? article.author : [article.author];
    for (const author of authors) {
      // An Organization as author is the publisher, not a person.
      if (author !== null && typeof author === 'object' && typesOf(author as JsonLdNode).includes('organization')) continue;
      authorSources.push(...stringsOf(author));
    }
  }
  if (authorSources.length === 0) {
    for (const key of ['author', 'article:author', 'dc.creator', 'sailthru.author', 'parsely-author']) {
      for (const value of scan.meta.get(key) ?? []) if (!/^https?:/i.test(value)) authorSources.push(value);
    }
  }
  if (authorSources.length === 0) authorSources.push(...(scan.itemprops.get('author') ?? []).slice(0, 3));
  const authors = cleanAuthors(authorSources, { siteName });

  const publishedAt = firstDate(
    [
      stringOf(article?.datePublished),
      stringOf(article?.dateCreated),
      first(scan, 'article:published_time', 'og:article:published_time', 'datepublished', 'dc.date.issued', 'dc.date', 'dcterms.created', 'date', 'pubdate', 'publishdate', 'sailthru.date', 'parsely-pub-date'),
      scan.itemprops.get('datepublished')?.[0],
      canonicalUrl === null ? null : dateFromUrl(canonicalUrl),
      url === null ? null : dateFromUrl(url),
      scan.times[0],
      ...datelineCandidates(scan),
    ],
    options,
  );
  const modifiedAt = firstDate(
    [
      stringOf(article?.dateModified),
      first(scan, 'article:modified_time', 'og:updated_time', 'datemodified', 'dc.date.modified', 'dcterms.modified', 'last-modified'),
      scan.itemprops.get('datemodified')?.[0],
    ],
    options,
  );

  const language = normalizeLanguage(
    scan.htmlLang ?? first(scan, 'content-language', 'og:locale', 'dc.language', 'language') ?? stringOf(article?.inLanguage),
  );
  const description = first(scan, 'og:description', 'description', 'twitter:description', 'dc.description') ?? stringOf(article?.description);
  const imageHref = first(scan, 'og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src') ?? stringOf(article?.image, ['url', 'contentUrl', '@id']);
  const image = tryCanonical(imageHref, url);

  const tagSources = scan.meta.get('article:tag') ?? [];
  const keywords = article?.keywords;
  const tagList =
    tagSources.length > 0
      ? tagSources
      : Array.isArray(keywords)
        ? keywords.filter((k): k is string => typeof k === 'string')
        : typeof keywords === 'string'
          ? keywords.split(',')
          : (first(scan, 'news_keywords')?.split(',') ?? []);
  // "@post-id:123"-style entries are CMS plumbing, not topics.
  const tags = [...new Set(tagList.map((t) => decodeEntities(t).trim()).filter((t) => t !== '' && t.length <= 80 && !t.startsWith('@')))];

  const declaredArticle = article !== null || /article/i.test(first(scan, 'og:type') ?? '');
  const declaredBody = typeof article?.articleBody === 'string' ? article.articleBody : (scan.itemprops.get('articlebody')?.[0] ?? null);

  const declaredTypes = [...new Set(nodes.flatMap(typesOf))];
  return { canonicalUrl, title, authors, publishedAt, modifiedAt, language, siteName, description, image, tags, declaredArticle, declaredBody, declaredTypes };
}
