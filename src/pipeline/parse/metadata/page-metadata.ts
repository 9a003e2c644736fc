import type { ParsedArticle } from '../../../record/record.js';
import { canonicalizeUrl } from '../../discover/canonicalize-url.js';
import type { PageScan } from '../generic/scan-page.js';
import { cleanAuthors, isPersonName, withoutSiteName } from './authors.js';
import { inComments, visibleBylines } from './bylines.js';
import { dateFromUrl, isPlausibleDate, monthFirstReading, normalizeDate, unglue, type DatePlausibility } from './dates.js';
import { findArticleNode, findNodeOfType, parseJsonLd, stringOf, stringsOf, typesOf, type JsonLdNode } from './json-ld.js';
import { normalizeLanguage } from './language.js';
import { cleanTitle, hostName, simplify } from './title.js';
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
  /** publishedAt is only the JSON-LD WebPage node's date: SEO plugins date every page so, articles or not. */
  webPageDate: boolean;
  /** authors is only the credit the markup gives the site or an organization: SEO plugins credit every page so. */
  siteCredit: boolean;
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

/**
 * Where the headline stands: the first heading that agrees with the title both ways (pages whose
 * first <h1> is the site's name or a search box), else the first <h1>.
 */
function headlineIndex(scan: PageScan, title: string | null): number {
  if (title !== null) {
    const words = wordsOf(title);
    for (let i = 0; i < scan.blocks.length; i++) {
      const block = scan.blocks[i];
      if (block.heading && block.text.length <= 300 && agreement(block.text, words) >= 0.6 && agreement(title, wordsOf(block.text)) >= 0.6) return i;
    }
  }
  return scan.blocks.findIndex((block) => block.tag === 'h1');
}

/** Datelines: short blocks with a year around the headline (or at the top of a page without one). */
const DATELINE_BEFORE_H1 = 8;
const DATELINE_AFTER_H1 = 25;
const DATELINE_TOP_BLOCKS = 80;
const DATELINE_MAX_CHARS = 100;
const DATELINE_HEADING_MAX_CHARS = 40;
// Not preceded by a letter, so that a stamp glued to a date ("DECEMBER 22, 2022Updated: …") is found.
const UPDATE_RE = /(?<!\p{L})(?:updated|modified|last (?:updated|modified|published|reviewed)|reviewed|aktualisiert|mis à jour|actualizado|обновлено)(?!\p{L})/iu;
/** A table cell with another dated cell next to it is data ("1/1/2013", "2/1/2013" in a table of prices), not a dateline. */
const TABLE_CELL_TAGS = new Set(['td', 'th']);
function inDateColumn(scan: PageScan, index: number): boolean {
  if (!TABLE_CELL_TAGS.has(scan.blocks[index].tag)) return false;
  for (let i = Math.max(0, index - 2); i <= index + 2 && i < scan.blocks.length; i++) {
    if (i !== index && TABLE_CELL_TAGS.has(scan.blocks[i].tag) && /\d{4}/.test(scan.blocks[i].text)) return true;
  }
  return false;
}

function datelineCandidates(scan: PageScan, title: string | null): { published: string[]; updated: string[] } {
  const h1 = headlineIndex(scan, title);
  const from = h1 < 0 ? 0 : Math.max(0, h1 - DATELINE_BEFORE_H1);
  const to = h1 < 0 ? DATELINE_TOP_BLOCKS : h1 + DATELINE_AFTER_H1;
  const published: string[] = [];
  const updated: string[] = [];
  for (let i = from; i < to && i < scan.blocks.length; i++) {
    const block = scan.blocks[i];
    // A heading is a dateline only when it is short ("<h5>2024-11-06</h5>"), not a headline naming a year.
    if (block.text.length > (block.heading ? DATELINE_HEADING_MAX_CHARS : DATELINE_MAX_CHARS) || !/\d{4}/.test(block.text) || inDateColumn(scan, i)) continue;
    // "Published March 2, 2024 · Updated May 1, 2025": the part before the update stamp is the publication.
    // Words a layout glued ("HealthDECEMBER 22, 2022Updated: …", "UpdatedJanuary 25") are set apart first.
    const text = unglue(block.text);
    const stamp = UPDATE_RE.exec(text);
    if (stamp === null) published.push(text);
    else {
      if (stamp.index > 6) published.push(text.slice(0, stamp.index));
      updated.push(text.slice(stamp.index));
    }
  }
  return { published, updated };
}

/** "Published on: 15 August 2025" anywhere outside comments: the page's own label, when no dateline stood near the headline. */
const PUBLISHED_LABEL_RE = /^(?:published|posted|date published|publication date)\b/i;
/** The label alone, the date in the next element ("<h4>Published</h4><div>July 8, 2025</div>"). */
const BARE_PUBLISHED_LABEL_RE = /^(?:published|posted|date published|publication date|publish date)(?:\s+on)?\s*:?$/i;
/** "Updated March 13, 2024" far from the headline: the page's only date when nothing else dates it. */
const UPDATED_LABEL_RE = /^(?:last\s+)?(?:updated|modified)\b/i;
function labelledDates(scan: PageScan): { published: string[]; updated: string[] } {
  const published: string[] = [];
  const updated: string[] = [];
  for (let i = 0; i < scan.blocks.length; i++) {
    const block = scan.blocks[i];
    if (block.text.length > DATELINE_MAX_CHARS || inComments(block)) continue;
    if (PUBLISHED_LABEL_RE.test(block.text) && /\d{4}/.test(block.text)) published.push(block.text);
    else if (BARE_PUBLISHED_LABEL_RE.test(block.text) && scan.blocks[i + 1]?.text.length <= DATELINE_MAX_CHARS) published.push(scan.blocks[i + 1].text);
    else if (UPDATED_LABEL_RE.test(block.text) && /\d{4}/.test(block.text)) updated.push(block.text);
  }
  return { published, updated };
}

/**
 * Whether a short block outside comments shows this day as a date, not as an update stamp (the markup's date is on
 * the page, away from the headline; a markup date shown as "Updated …" is the modification).
 */
function pageShowsDay(scan: PageScan, day: string): boolean {
  for (const block of scan.blocks) {
    if (block.text.length > DATELINE_MAX_CHARS || !/\d{4}/.test(block.text) || inComments(block) || UPDATE_RE.test(block.text)) continue;
    if (normalizeDate(block.text)?.slice(0, 10) === day) return true;
  }
  return false;
}

/** A meta element named for the publication date in a site's own words ("w-published-date", "published_date"). */
const PUBLISHED_META_RE = /(?:^|[-_.:])(?:published|publish|pub)[-_.]?date$|(?:^|[-_.:])date[-_.]?published$/;
function publishedMeta(scan: PageScan): string | null {
  for (const [key, values] of scan.meta) if (PUBLISHED_META_RE.test(key) && values[0]?.trim()) return values[0];
  return null;
}

const wordsOf = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
/** Share of the heading's words found in the declared titles. */
function agreement(heading: string, declared: ReadonlySet<string>): number {
  const words = wordsOf(heading);
  let shared = 0;
  for (const word of words) if (declared.has(word)) shared++;
  return words.size === 0 ? 0 : shared / words.size;
}
/** A heading sharing less than this share of its words with every declared title is a blog or section name. */
const MIN_AGREEMENT = 0.34;
/** Blocks searched for a headline below a blog-name <h1>. */
const HEADLINE_SEARCH_BLOCKS = 60;

/**
 * The headline readers see: the page's <h1> when it reads as one (outside boilerplate, three words
 * or more, not the site's name) and agrees with the titles the markup declares (site names cleaned off
 * them, so that "The Go Blog" does not agree with "… - The Go Programming Language"); when the <h1> is a
 * blog's or section's name instead, the first <h1> or <h2> that agrees with them.
 */
function visibleHeadline(scan: PageScan, siteName: string | null, declaredTitles: ReadonlyArray<string | null>): string | null {
  const site = siteName?.toLowerCase().trim();
  const declared = wordsOf(declaredTitles.filter((t) => t !== null).join(' '));
  const reads = (text: string): boolean => text.length <= 250 && text.split(' ').length >= 3 && text.toLowerCase() !== site;
  const h1 = scan.blocks.findIndex((block) => block.tag === 'h1');
  if (h1 < 0) return null;
  const block = scan.blocks[h1];
  // The first <h1> names the site ("Houstonia Magazine"): the headline is a later <h1> that agrees with the markup.
  if (block.text.toLowerCase() === site && declared.size > 0) {
    for (let i = h1 + 1; i < scan.blocks.length && i < h1 + HEADLINE_SEARCH_BLOCKS; i++) {
      const later = scan.blocks[i];
      if (later.tag === 'h1' && !later.boilerplate && reads(later.text) && agreement(later.text, declared) >= 0.6) return later.text;
    }
  }
  if (block.boilerplate || !reads(block.text)) return null;
  if (declared.size === 0 || agreement(block.text, declared) >= MIN_AGREEMENT) return block.text;
  for (let i = 0; i < scan.blocks.length && i < HEADLINE_SEARCH_BLOCKS; i++) {
    const heading = scan.blocks[i];
    if ((heading.tag === 'h2' || heading.tag === 'h1') && !heading.boilerplate && reads(heading.text) && agreement(heading.text, declared) >= 0.6) return heading.text;
  }
  return null;
}

/** Headlines cut to a length limit (JSON-LD headlines at ~110 characters: "… Solutions (Including") are this long at least. */
const TRUNCATED_MIN_CHARS = 80;
/** The full declared title when the chosen one is its truncation ("… Solutions (Including" of "… Solutions (Including One …)"). */
function untruncated(title: string, declared: ReadonlyArray<string | null>): string {
  if (title.length < TRUNCATED_MIN_CHARS) return title;
  // The rest continues the sentence ("… (Including One Universal Trick …)"), not a suffix after a separator (" | by …").
  for (const full of declared) if (full !== null && full.length > title.length && full.startsWith(title) && /^\s[\p{L}\p{N}(]/u.test(full.slice(title.length))) return full;
  return title;
}

/** A short <h1> ("Webcams", "The Go Blog") is the title only when the <title> agrees with it or is missing. */
function shortHeadline(h1: string | undefined, titleTag: string | null): string | null {
  if (h1 === undefined) return titleTag;
  return titleTag === null || agreement(h1, wordsOf(titleTag)) >= MIN_AGREEMENT ? h1 : titleTag;
}

/** What a headline's element may add around the headline itself: a date, a label ("Blog:"), a link's domain and score. */
/** Two words glued: a long lower-case run, a capital, lower case ("AlternativesTop"; not "iPhone", "YouTube", "JavaScript"). */
const GLUED_HEADLINE_RE = /\p{Ll}{5}\p{Lu}\p{Ll}/u;
const HEADLINE_LABEL_RE = /^\p{L}+(?:\s\p{L}+)?:$/u;
const HEADLINE_SOURCE_RE = /^\(?[\w-]+(?:\.[\w-]+)+\)?(?:\s+\d+)?$/;
/**
 * The declared title when the headline is it plus a date, a label or a source glued on by the layout
 * ("Dec 18 2025 Preparing a transition", "Blog: Best agencies", "Grads find … (latimes.com) 87").
 */
function withoutHeadlineExtras(headline: string, declared: ReadonlyArray<string | null>): string {
  // A subtitle glued to the headline without a space ("The Best Notion AlternativesTop Note-taking Tools"): the
  // declared title that agrees with it is the headline as written.
  if (GLUED_HEADLINE_RE.test(headline)) {
    const words = wordsOf(unglue(headline));
    for (const title of declared) if (title !== null && agreement(title, words) >= 0.6 && !GLUED_HEADLINE_RE.test(title)) return title;
  }
  const lower = headline.toLowerCase();
  for (const title of declared) {
    if (title === null || title.length >= headline.length || title.split(' ').length < 3) continue;
    const at = lower.indexOf(title.toLowerCase());
    if (at !== 0 && at + title.length !== headline.length) continue;
    const extra = (at === 0 ? headline.slice(title.length) : headline.slice(0, at)).trim();
    if (extra.split(' ').length > 4) continue;
    if (normalizeDate(extra) !== null || HEADLINE_LABEL_RE.test(extra) || HEADLINE_SOURCE_RE.test(extra)) return title;
  }
  return headline;
}

/** SEO plugins' Twitter card pairs (twitter:label1 "Written by", twitter:data1 "Jane Doe"). */
const WRITTEN_BY_LABEL_RE = /^(?:written by|author)$/i;
function labelledTwitterData(scan: PageScan, label: RegExp): string[] {
  const out: string[] = [];
  for (const n of [1, 2]) {
    const data = scan.meta.get(`twitter:data${n}`)?.[0];
    if (data !== undefined && label.test(scan.meta.get(`twitter:label${n}`)?.[0]?.trim() ?? '')) out.push(data);
  }
  return out;
}

/** A CMS login rather than a name: one token, no capital letter, or joined by dots/underscores. */
function isHandle(name: string): boolean {
  return !name.includes(' ') && (!/\p{Lu}/u.test(name) || /[._]/.test(name));
}

/** Whether a block of the page shows the name (the markup's author is usually also in the byline or author box). */
function shownOnPage(scan: PageScan, name: string): boolean {
  for (const block of scan.blocks) if (block.text.includes(name)) return true;
  return false;
}

function firstNonEmpty(names: string[]): string[] | null {
  return names.length === 0 ? null : names;
}

/** Days between two ISO dates or instants, by their own calendar day. */
function dayGap(a: string, b: string): number {
  return Math.abs(Date.parse(a.slice(0, 10)) - Date.parse(b.slice(0, 10))) / 86_400_000;
}

/**
 * The publication date as readers see it wins over markup that disagrees: markup often holds the
 * instant in UTC ("…T03:05:00Z" for an evening story in California) or a stale or template date.
 * When a <time datetime> on the page has the visible day, it is used: it keeps the time and zone.
 * Otherwise, when the page also shows the declared day (another dateline, a <time datetime>, a short block
 * anywhere), the first dateline was some other date (a related story's, an ambiguous "8/1/2025") and the
 * markup stands.
 */
function reconcileWithDateline(scan: PageScan, declared: string | null, visible: string | null, datelines: readonly string[], options: DatePlausibility): string | null {
  if (visible === null) return declared;
  if (declared === null) return visible;
  const day = declared.slice(0, 10);
  if (day === visible.slice(0, 10)) return declared;
  const times = scan.times;
  const local = firstDate(times.filter((t) => normalizeDate(t)?.slice(0, 10) === visible.slice(0, 10)), options);
  if (local !== null && dayGap(local, declared) <= 1.5) return local;
  if (times.some((t) => t.startsWith(day)) || datelines.some((d) => normalizeDate(d)?.slice(0, 10) === day)) return declared;
  // "09.10.2024" read day first, where the markup's 2024-09-10 says the page writes month first.
  if (datelines.some((d) => monthFirstReading(d) === day)) return declared;
  // The declared day shown elsewhere on the page ("<h4>November 21, 2023</h4>" above a podcast player's dates).
  if (pageShowsDay(scan, day)) return declared;
  return visible;
}

/**
 * A labelled publication date anywhere on the page, else its one labelled update date: what dates a page no dateline
 * dated. Update stamps of several days are the policies in a shop's footer and modals ("Last Updated: 1/23/2025",
 * "Last Updated: February 26, 2025"), not the page's.
 */
function labelledDate(scan: PageScan, options: DatePlausibility): string | null {
  const labelled = labelledDates(scan);
  const published = firstDate(labelled.published, options);
  if (published !== null) return published;
  const days = new Set(labelled.updated.map((text) => normalizeDate(text)?.slice(0, 10)));
  return days.size === 1 ? firstDate(labelled.updated, options) : null;
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
  // SEO plugins date the WebPage node when they declare no Article (Yoast's graph on posts typed as pages).
  const webPage = article === null ? findNodeOfType(nodes, ['webpage', 'itempage', 'medicalwebpage']) : null;
  const pageUrl = url === null ? null : new URL(url);
  const host = pageUrl?.hostname ?? null;

  const canonicalHref = scan.links.get('canonical')?.[0] ?? first(scan, 'og:url') ?? stringOf(article?.mainEntityOfPage, ['@id', 'url']) ?? stringOf(article?.url);
  let canonicalUrl = tryCanonical(canonicalHref, url);
  if (canonicalUrl === null && url !== null && isAmpOrPrint(url)) canonicalUrl = tryCanonical(unAmpUrl(url), null);

  const siteName =
    [first(scan, 'og:site_name', 'application-name'), stringOf(article?.publisher), stringOf(website?.name)].find(
      (name): name is string => name !== null && !/^https?:\/\//i.test(name),
    ) ?? null;

  // The headline readers see comes first: og:title and JSON-LD headlines are often SEO variants of it.
  const titleContext = { siteName, host, path: pageUrl?.pathname ?? null };
  const declaredTitles = [stringOf(article?.headline), first(scan, 'og:title'), scan.titleTag].map((t) => (t === null ? null : cleanTitle(decodeEntities(t), titleContext)));
  const headline = visibleHeadline(scan, siteName, declaredTitles);
  const rawTitle = (headline === null ? null : withoutHeadlineExtras(headline, declaredTitles.slice(1))) ?? stringOf(article?.headline) ?? first(scan, 'og:title', 'twitter:title') ?? shortHeadline(scan.h1[0], scan.titleTag);
  const title = rawTitle === null ? null : untruncated(cleanTitle(decodeEntities(rawTitle), { ...titleContext, headline: scan.h1[0] ?? null }), declaredTitles) || null;

  const authorSources: string[] = [];
  // Typed Person nodes are people even when the site bears their name ("Rick Steves").
  const persons: string[] = [];
  const organizations: string[] = [];
  if (article?.author !== undefined) {
    const authors = Array.isArray(article.author) ? article.author : [article.author];
    for (const author of authors) {
      const types = author !== null && typeof author === 'object' ? typesOf(author as JsonLdNode) : [];
      // An Organization as author is the publisher, not a person.
      if (types.includes('organization')) {
        organizations.push(...stringsOf(author));
        continue;
      }
      (types.includes('person') ? persons : authorSources).push(...stringsOf(author));
    }
  }
  if (authorSources.length === 0 && persons.length === 0) {
    for (const key of ['author', 'article:author', 'dc.creator', 'sailthru.author', 'parsely-author', 'cxenseparse:author']) {
      for (const value of scan.meta.get(key) ?? []) if (!/^https?:/i.test(value)) authorSources.push(value);
    }
    authorSources.push(...labelledTwitterData(scan, WRITTEN_BY_LABEL_RE));
  }
  if (authorSources.length === 0 && persons.length === 0) authorSources.push(...(scan.itemprops.get('author') ?? []).slice(0, 3));
  const declaredAuthors = [...new Set([...cleanAuthors(persons, { structured: true }), ...cleanAuthors(authorSources, { siteName })])];
  // The visible byline when the markup names nobody, only a login handle ("jsmith", "andrew.keaveney"), or only the
  // site itself as a Person ("Cleveland Clinic"). A byline that names only the site ("By Loona Construction", a
  // personal blog's "By Mark Denney") is kept when it names nobody else: the page credits it.
  // A one-word brand that is the host's name ("Buzzsprout" on buzzsprout.com) is the site; "Sara Lind" on saralind.com is a person.
  const hostWords = host === null ? '' : hostName(host);
  const named = withoutSiteName(declaredAuthors, siteName).filter((name) => !isHandle(name) && !(!name.includes(' ') && simplify(name) === hostWords));
  let declaredPeople = named.length > 0;
  let bylines = declaredPeople ? [] : visibleBylines(scan);
  // Markup naming someone the page never shows, while the byline names another person: the CMS account that posted
  // a guest's story, or a template's default author. Readers see the byline.
  if (declaredPeople && !named.some((name) => shownOnPage(scan, name))) {
    const shown = visibleBylines(scan, { reviewers: false });
    if (cleanAuthors(shown).some(isPersonName)) {
      declaredPeople = false;
      bylines = shown;
    }
  }
  const visible = cleanAuthors(bylines);
  // When nobody is named anywhere, the page's credit to the site, an organization or a team ("Escalon", a blog named
  // after its owner, a JSON-LD Organization, "Staff") is what the page says.
  const credits =
    declaredAuthors.length === 0 && visible.length === 0
      ? (firstNonEmpty(cleanAuthors([...organizations, ...authorSources], { structured: true, teams: true })) ?? cleanAuthors(bylines, { teams: true }))
      : [];
  const authors = declaredPeople ? declaredAuthors : (firstNonEmpty(withoutSiteName(visible, siteName)) ?? firstNonEmpty(visible) ?? firstNonEmpty(declaredAuthors) ?? credits);
  const siteCredit = credits.length > 0 && authors === credits;

  const declaredPublished = firstDate(
    [
      stringOf(article?.datePublished),
      stringOf(article?.dateCreated),
      first(scan, 'article:published_time', 'og:article:published_time', 'datepublished', 'dc.date.issued', 'dc.date', 'dcterms.created', 'date', 'pubdate', 'publishdate', 'sailthru.date', 'parsely-pub-date', 'published', 'publish-date', 'publish_date', 'publication_date', 'article.published'),
      scan.itemprops.get('datepublished')?.[0],
    ],
    options,
  ) ??
    firstDate(
      [publishedMeta(scan), canonicalUrl === null ? null : dateFromUrl(canonicalUrl), url === null ? null : dateFromUrl(url), scan.times[0]],
      options,
    );
  const webPagePublished = declaredPublished === null ? firstDate([stringOf(webPage?.datePublished)], options) : null;
  const datelines = datelineCandidates(scan, title);
  const visiblePublished = firstDate(datelines.published, options);
  const publishedAt =
    reconcileWithDateline(scan, declaredPublished ?? webPagePublished, visiblePublished, datelines.published, options) ?? firstDate(datelines.updated, options) ?? labelledDate(scan, options);
  const webPageDate = publishedAt !== null && publishedAt === webPagePublished;
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
  return { canonicalUrl, title, authors, publishedAt, modifiedAt, language, siteName, description, image, tags, declaredArticle, declaredBody, declaredTypes, webPageDate, siteCredit };
}
