import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../../src/pipeline/parse/parse-article.js';
import { jsonLd, page, PROSE } from './page-fixture.js';

const URL = 'https://news.example.com/world/flood-defences';
/** The fixture's body without its <h1>, so that the title comes from the markup under test. */
const NO_H1 = { body: `<article>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article>` };
const parse = (head: string, options?: Parameters<typeof page>[1], url = URL) => parseArticle({ html: page(head, options), url });

describe('JSON-LD', () => {
  it('reads an Article block', () => {
    const a = parse(
      jsonLd({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: 'Council approves flood defences',
        datePublished: '2024-02-06T09:30:00+01:00',
        dateModified: '2024-02-06T11:00:00+01:00',
        author: [{ '@type': 'Person', name: 'Anna Berg' }, { '@type': 'Person', name: 'Tom Reed' }],
        publisher: { '@type': 'Organization', name: 'Example News' },
        image: { '@type': 'ImageObject', url: 'https://cdn.example.com/flood.jpg' },
        keywords: 'floods, council',
        inLanguage: 'en-GB',
      }),
    );
    expect(a.title).toBe('Council approves flood defences');
    expect(a.publishedAt).toBe('2024-02-06T09:30:00+01:00');
    expect(a.modifiedAt).toBe('2024-02-06T11:00:00+01:00');
    expect(a.authors).toEqual(['Anna Berg', 'Tom Reed']);
    expect(a.siteName).toBe('Example News');
    expect(a.image).toBe('https://cdn.example.com/flood.jpg');
    expect(a.tags).toEqual(['floods', 'council']);
    expect(a.language).toBe('en');
  });

  it('finds the article inside @graph and across several blocks, skipping a broken block', () => {
    const a = parse(
      jsonLd('{"@type": "WebSite", "name": "Example News",}') + // trailing comma: repaired
        jsonLd('{ this is not json') +
        jsonLd({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', name: 'x' }, { '@type': ['Article'], headline: 'From the graph', datePublished: '2024-02-05' }] }),
      NO_H1,
    );
    expect(a.title).toBe('From the graph');
    expect(a.publishedAt).toBe('2024-02-05');
    expect(a.siteName).toBe('Example News');
  });

  it('wins over meta tags when they conflict', () => {
    const a = parse(
      '<meta property="article:published_time" content="2024-02-01T00:00:00Z"><meta property="og:title" content="Meta title">' +
        jsonLd({ '@type': 'NewsArticle', headline: 'JSON-LD title', datePublished: '2024-02-06T08:00:00Z' }),
      NO_H1,
    );
    expect(a.publishedAt).toBe('2024-02-06T08:00:00Z');
    expect(a.title).toBe('JSON-LD title');
  });

  it('gives way to the visible headline for the title (markup headlines are often SEO variants)', () => {
    const a = parse(jsonLd({ '@type': 'NewsArticle', headline: 'Flood defences: what the council decided and why' }));
    expect(a.title).toBe('Council approves flood defences');
  });

  it('takes the headline from an <h2> when the <h1> is the blog\'s name, and a short <h1> only when the <title> agrees', () => {
    const body = (h1: string): { body: string } => ({ body: `<header><h1>${h1}</h1></header><article><h2>Council approves flood defences</h2>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article>` });
    expect(parse('<title>Council approves flood defences - Notes</title>', body('Notes from the lower town')).title).toBe('Council approves flood defences');
    expect(parse('<title>Council approves flood defences</title>', { body: `<h1>The Go Blog</h1><article>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article>` }).title).toBe('Council approves flood defences');
  });

  it('takes no site-name words for agreement: a blog-name <h1> gives way to the headline <h1> below it', () => {
    const body = { body: `<h1>The Harbour Blog</h1><article><h1>Tides, Storms, and Sandbags</h1>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article>` };
    expect(parse('<title>Tides, Storms, and Sandbags - The Harbour Programming Guild</title><meta property="og:site_name" content="The Harbour Programming Guild">', body).title).toBe('Tides, Storms, and Sandbags');
  });

  it('takes the headline from a later <h1> when the first <h1> is the site\'s name', () => {
    const body = { body: `<header><h1>Harbour Magazine</h1></header><article><h1>Council approves flood defences</h1>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article>` };
    expect(parse('<meta property="og:site_name" content="Harbour Magazine"><title>Council approves flood defences, December 2025 | Harbour Magazine</title>', body).title).toBe('Council approves flood defences');
  });

  it('drops a date, a label or a source the layout glued to the headline, when the markup\'s title is the rest', () => {
    const titled = (h1: string, og: string) => parse(`<meta property="og:title" content="${og}">`, { body: `<article><h1>${h1}</h1>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article>` }).title;
    expect(titled('Dec 18 2025 Council approves flood defences', 'Council approves flood defences')).toBe('Council approves flood defences');
    expect(titled('News: Council approves flood defences', 'Council approves flood defences')).toBe('Council approves flood defences');
    expect(titled('Council approves flood defences (example.org) 87', 'Council approves flood defences')).toBe('Council approves flood defences');
    // Words of the headline itself stay.
    expect(titled('Council approves flood defences after long debate', 'Council approves flood defences')).toBe('Council approves flood defences after long debate');
  });

  it('takes the full declared title over a headline cut to a length limit, not over one with a suffix', () => {
    const full = 'Council approves flood defences for the lower town after a long debate (Including the Market Square Embankment)';
    const cut = full.slice(0, full.indexOf('(Including') + '(Including'.length);
    const ld = jsonLd({ '@type': 'NewsArticle', headline: cut });
    expect(parse(`${ld}<meta property="og:title" content="${full}">`, NO_H1).title).toBe(full);
    const long = 'Council approves flood defences for the lower town after a long and bitter debate in the chamber';
    expect(parse(`${jsonLd({ '@type': 'NewsArticle', headline: long })}<meta property="og:title" content="${long} | by Anna Berg | Politics">`, NO_H1).title).toBe(long);
  });

  it('takes the declared title over a headline with a subtitle glued to it', () => {
    const body = { body: `<article><h1>The Best Flood BarriersTop Sandbag Alternatives for Homes</h1>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article>` };
    expect(parse('<meta property="og:title" content="Best Flood Barriers: Top Sandbag Alternatives in 2026">', body).title).toBe('Best Flood Barriers: Top Sandbag Alternatives in 2026');
  });

  it('takes an Organization author only when no person is named', () => {
    const org = jsonLd({ '@type': 'NewsArticle', author: { '@type': 'Organization', name: 'Example News' } });
    expect(parse(org).authors).toEqual(['Example News']);
    expect(parse(`${org}<meta name="author" content="Anna Berg">`).authors).toEqual(['Anna Berg']);
  });
});

describe('meta tags', () => {
  it('reads OpenGraph and article:* properties', () => {
    const a = parse(
      '<meta property="og:title" content="Council approves flood defences | Example News"><meta property="og:site_name" content="Example News">' +
        '<meta property="og:description" content="Two-year works."><meta property="og:image" content="/img/flood.jpg">' +
        '<meta property="article:published_time" content="2024-02-06T09:30:00-05:00"><meta property="article:modified_time" content="2024-02-07">' +
        '<meta property="article:tag" content="Floods"><meta property="article:tag" content="Local government">' +
        '<meta property="og:url" content="https://news.example.com/world/flood-defences?utm_source=fb">',
    );
    expect(a.title).toBe('Council approves flood defences');
    expect(a.siteName).toBe('Example News');
    expect(a.description).toBe('Two-year works.');
    expect(a.image).toBe('https://news.example.com/img/flood.jpg');
    expect(a.publishedAt).toBe('2024-02-06T09:30:00-05:00');
    expect(a.modifiedAt).toBe('2024-02-07');
    expect(a.tags).toEqual(['Floods', 'Local government']);
    expect(a.canonicalUrl).toBe('https://news.example.com/world/flood-defences');
  });

  it('reads Dublin Core', () => {
    const a = parse('<meta name="DC.date.issued" content="2023-11-19"><meta name="DC.creator" content="Maria Lopez"><meta name="DC.language" content="es">');
    expect(a.publishedAt).toBe('2023-11-19');
    expect(a.authors).toEqual(['Maria Lopez']);
    expect(a.language).toBe('es');
  });

  it('reads itemprop microdata', () => {
    const body =
      '<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Council approves flood defences</h1>' +
      '<span itemprop="author">By John Smith</span><meta itemprop="datePublished" content="2024-02-06T10:00:00+02:00">' +
      '<div itemprop="articleBody"><p>The regional council approved the new flood defences on Tuesday after a long debate, the chair said.</p>' +
      '<p>Work on the embankment will start in spring and should take two years, according to the plan.</p></div></div>';
    const a = parse('', { body });
    expect(a.publishedAt).toBe('2024-02-06T10:00:00+02:00');
    expect(a.authors).toEqual(['John Smith']);
    expect(a.title).toBe('Council approves flood defences');
  });
});

describe('dates from the URL and <time>', () => {
  it('takes a full date from the canonical URL when no markup gives one', () => {
    const a = parse('<link rel="canonical" href="https://news.example.com/2023/12/30/flood">');
    expect(a.publishedAt).toBe('2023-12-30');
  });
  it('falls back to the first <time datetime>', () => {
    const body = `<article><time datetime="2024-01-15T08:00:00+03:00">15 January</time><p>${'Long enough prose sentence, about the flood defences. '.repeat(5)}</p></article>`;
    expect(parse('', { body }).publishedAt).toBe('2024-01-15T08:00:00+03:00');
  });
  it('rejects implausible dates and tries the next source', () => {
    const a = parse('<meta property="article:published_time" content="0001-01-01T00:00:00Z"><meta name="date" content="2099-01-01">' + jsonLd({ '@type': 'Article', datePublished: 'not a date' }), {}, 'https://news.example.com/2022/05/04/x');
    expect(a.publishedAt).toBe('2022-05-04');
  });
});

describe('title, language, canonical URL', () => {
  it('drops the site-name suffix from <title>', () => {
    const a = parse('<title>Council approves flood defences - Example News</title><meta property="og:site_name" content="Example News">', { body: `<div><p>${'Text about the council and its decision, with detail. '.repeat(4)}</p></div>` });
    expect(a.title).toBe('Council approves flood defences');
  });
  it('reads the language from <html lang>, else detects it from the text', () => {
    expect(parse('', { htmlAttrs: ' lang="de-AT"' }).language).toBe('de');
    expect(parse('').language).toBe('en');
  });
  it('gives AMP and print pages their canonical URL', () => {
    expect(parse('<link rel="canonical" href="https://news.example.com/world/flood-defences">', {}, 'https://news.example.com/amp/world/flood-defences').canonicalUrl).toBe(
      'https://news.example.com/world/flood-defences',
    );
    expect(parse('', {}, 'https://news.example.com/world/flood-defences/print').canonicalUrl).toBe('https://news.example.com/world/flood-defences');
    expect(parse('', {}, 'https://news.example.com/world/flood-defences.amp.html').canonicalUrl).toBe('https://news.example.com/world/flood-defences.html');
  });
});

describe('dates from the text', () => {
  it('reads a dateline when nothing else dates the page', () => {
    const body = `<article><h1>Council approves flood defences</h1><div class="date">Nov. 19, 2019 5:50 PM EST</div><p>${'The council approved the plan after a debate, members said. '.repeat(4)}</p></article>`;
    expect(parse('', { body }, 'https://news.example.com/world/x').publishedAt).toBe('2019-11-19T17:50:00-05:00');
  });
});
