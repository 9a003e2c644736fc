import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../../src/pipeline/parse/parse-article.js';

const URL = 'https://news.example.com/2024/02/06/flood-defences';

const ARTICLE = `<!DOCTYPE html><html lang="en"><head><title>Council approves flood defences | Example News</title>
<meta property="og:site_name" content="Example News"><link rel="canonical" href="/2024/02/06/flood-defences?utm_source=rss"></head>
<body>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="share-bar"><a href="https://facebook.com/share">Share on Facebook</a> <a href="https://twitter.com/share">Tweet</a></div>
<main><article class="story">
  <h1>Council approves flood defences</h1>
  <div class="byline">By Anna Berg · Updated 6 February 2024</div>
  <figure><img src="/flood.jpg"><figcaption>The lower town under water last winter. (Photo: Example)</figcaption></figure>
  <div class="story-body">
    <p>The regional council approved the new flood defences on Tuesday after a long debate, the chair <a href="https://council.example.org/minutes/2024-02-06">said in the minutes</a>.</p>
    <p>Work on the embankment will start in spring and should take two years, according to the plan published by the <a href="/2024/01/10/embankment-plan">engineering office</a>.</p>
    <h2>Residents react</h2>
    <p>Residents of the lower town, which flooded twice last winter, welcomed the decision but asked for faster repairs of the damaged houses.</p>
    <div class="newsletter-signup"><p>Sign up for our daily newsletter, delivered to your inbox every morning with the best stories.</p></div>
    <p>The council will review progress every six months, and the first report is due in August, officials said.</p>
  </div>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Rain expected again this weekend across the whole region</a></li><li><a href="/b">Insurance costs rise for riverside homes in the district</a></li></ul></aside>
</main>
<footer><p>© 2024 Example News. All rights reserved. Contact us, advertise with us, privacy policy and terms of use.</p></footer>
</body></html>`;

describe('generic HTML extraction', () => {
  const article = parseArticle({ html: ARTICLE, url: URL });

  it('keeps the article paragraphs and subheadings, in order', () => {
    expect(article.text.split('\n\n')).toEqual([
      'The regional council approved the new flood defences on Tuesday after a long debate, the chair said in the minutes.',
      'Work on the embankment will start in spring and should take two years, according to the plan published by the engineering office.',
      'Residents react',
      'Residents of the lower town, which flooded twice last winter, welcomed the decision but asked for faster repairs of the damaged houses.',
      'The council will review progress every six months, and the first report is due in August, officials said.',
    ]);
  });

  it('drops navigation, share bars, captions, newsletter boxes, related rails and the footer', () => {
    expect(article.text).not.toMatch(/Home|Share on Facebook|Photo: Example|newsletter|Related stories|All rights reserved/);
  });

  it('returns the links in the body with their anchor text, resolved and canonicalized', () => {
    expect(article.references).toEqual([
      { url: 'https://council.example.org/minutes/2024-02-06', text: 'said in the minutes' },
      { url: 'https://news.example.com/2024/01/10/embankment-plan', text: 'engineering office' },
    ]);
  });

  it('reads the metadata around it', () => {
    expect(article.url).toBe(URL);
    expect(article.canonicalUrl).toBe(URL);
    expect(article.title).toBe('Council approves flood defences');
    expect(article.siteName).toBe('Example News');
    expect(article.publishedAt).toBe('2024-02-06');
    expect(article.language).toBe('en');
  });

  it('uses the JSON-LD articleBody when the DOM does not hold the text (rendered by JavaScript)', () => {
    const body =
      'Paragraph one of the declared body tells how the council met on Tuesday evening and voted for the new flood defences by a wide margin.\n' +
      'Paragraph two follows with other words entirely, about the embankment works that start in spring and the cost that the region will carry.';
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'H', articleBody: body })}</script></head><body><div id="app"><p>Loading the story for you now, please wait a moment while it arrives.</p></div></body></html>`;
    const parsed = parseArticle({ html, url: URL });
    expect(parsed.text.split('\n\n')).toHaveLength(2);
    expect(parsed.text).toContain('Paragraph two follows');
  });
});

describe('pages without an article', () => {
  const noArticle = expect.objectContaining({ code: 'SITREP_ERR_NO_ARTICLE' });

  it('rejects an empty JavaScript shell', () => {
    const html = '<html><head><script src="/app.js"></script></head><body><div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript></body></html>';
    expect(() => parseArticle({ html, url: URL })).toThrow(noArticle);
  });

  it('rejects a consent wall', () => {
    const html =
      '<html><body><div class="consent"><h2>We value your privacy</h2><p>We and our partners use cookies. Accept all cookies to continue.</p><button>Accept</button></div></body></html>';
    expect(() => parseArticle({ html, url: URL })).toThrow(noArticle);
  });

  it('rejects a paywall teaser', () => {
    const teaser = '<p>The council approved the flood defences after a debate that lasted most of the day, and residents were present.</p>';
    const html = `<html><body><article>${teaser}<div class="wall"><p>Subscribe to continue reading. Already a subscriber? Log in.</p></div></article></body></html>`;
    expect(() => parseArticle({ html, url: URL })).toThrow(noArticle);
  });

  it('rejects an index page of links', () => {
    const items = Array.from({ length: 40 }, (_, i) => `<li><a href="/story/${i}">Headline number ${i} about something that happened today</a></li>`).join('');
    const html = `<html><body><h1>Latest news</h1><ul>${items}</ul></body></html>`;
    expect(() => parseArticle({ html, url: 'https://news.example.com/latest' })).toThrow(noArticle);
  });

  it('rejects input with neither or both of html and text', () => {
    expect(() => parseArticle({})).toThrow(expect.objectContaining({ code: 'SITREP_ERR_INVALID_INPUT' }));
    expect(() => parseArticle({ html: '<p>x</p>', text: 'x' })).toThrow(expect.objectContaining({ code: 'SITREP_ERR_INVALID_INPUT' }));
  });
});
