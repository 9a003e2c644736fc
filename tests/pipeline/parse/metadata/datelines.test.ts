import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../../src/pipeline/parse/parse-article.js';

const P = [
  'The council approved the new flood defences on Tuesday after a long debate, and work starts in spring, the chair said.',
  'Residents of the lower town had asked for the embankment since the floods of 2021, when water reached the market square.',
  'The works will cost about four million euros, most of it paid by the region, and should be finished within two years.',
].map((t) => `<p>${t}</p>`).join('');
const publishedOf = (head: string, top: string): string | null =>
  parseArticle({ html: `<html><head>${head}</head><body><article><h1>Flood defences approved</h1>${top}${P}</article></body></html>`, url: 'https://news.example.com/a' }).publishedAt;

describe('visible datelines', () => {
  it('keeps the local time of a <time> element when the markup states the instant in UTC (no off-by-one day)', () => {
    const head = '<meta property="article:published_time" content="2025-12-19T03:05:00+00:00">';
    expect(publishedOf(head, '<p class="date"><time datetime="2025-12-18T19:05:00-08:00">December 18, 2025</time></p>')).toBe('2025-12-18T19:05:00-08:00');
  });

  it('takes the visible date when the markup holds another one', () => {
    const head = '<meta property="article:published_time" content="2013-03-11T11:11:07-07:00">';
    expect(publishedOf(head, '<p>March 20, 2023 | Wellness</p>')).toBe('2023-03-20');
  });

  it('keeps the markup\'s date when the page shows that day too (the first dateline was another date)', () => {
    const head = '<meta property="article:published_time" content="2025-08-01T15:01:58+00:00">';
    expect(publishedOf(head, '<p>8/1/2025</p><p><time datetime="2025-08-01T10:01:58-05:00">Aug 1</time></p>')).toBe('2025-08-01T15:01:58+00:00');
  });

  it('reads a short heading as a dateline, a "Published" label with the date beside it, and a site\'s own meta name', () => {
    expect(publishedOf('', '<h5><span>2024-11-06</span></h5>')).toBe('2024-11-06');
    const filler = Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i} of the story, long enough to read.</p>`).join('');
    expect(publishedOf('', `${filler}<h4>Published</h4><div>July 8, 2025</div>`)).toBe('2025-07-08');
    expect(publishedOf('<meta name="w-published-date" content="2025-05-27T06:03:43Z">', '')).toBe('2025-05-27T06:03:43Z');
  });

  it('reads the date an SEO plugin puts on the WebPage node when no Article node is declared', () => {
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@graph': [{ '@type': 'WebSite', name: 'Example' }, { '@type': 'WebPage', datePublished: '2021-01-27T06:00:00+00:00', dateModified: '2021-04-15T00:07:20+00:00' }] })}</script>`;
    expect(publishedOf(ld, '')).toBe('2021-01-27T06:00:00+00:00');
  });

  it('reads a "Published on" label far below the headline when nothing else dates the page', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i} of the story, long enough to read.</p>`).join('');
    expect(publishedOf('', `${filler}<p>Published On: 15 August 2025</p>`)).toBe('2025-08-15');
  });

  it('reads a dateline below the headline, not an update stamp', () => {
    expect(publishedOf('', '<p>Published March 2, 2024 · Updated May 1, 2025</p>')).toBe('2024-03-02');
    expect(publishedOf('', '<p>Updated May 1, 2025</p>')).toBe('2025-05-01');
  });

  it('reads a numeric dateline month first when the markup\'s date says the page writes it so', () => {
    const head = '<meta property="article:published_time" content="2024-09-10T16:07:00Z">';
    expect(publishedOf(head, '<p class="date">09.10.2024</p>')).toBe('2024-09-10T16:07:00Z');
  });

  it('takes no cell of a table of dates for the dateline, but a lone dated cell of a table layout', () => {
    const head = '<meta property="article:published_time" content="2025-02-12T23:21:00+00:00">';
    const table = '<table><tr><td>1/1/2013</td><td>$310,000</td></tr><tr><td>2/1/2013</td><td>$312,500</td></tr></table>';
    expect(publishedOf(head, table)).toBe('2025-02-12T23:21:00+00:00');
    expect(publishedOf('', '<table><tr><td>January 22nd, 2019</td></tr></table>')).toBe('2019-01-22');
  });

  it('keeps the markup\'s date when the page shows that day away from the headline, not as an update stamp', () => {
    const head = '<meta property="article:published_time" content="2023-11-21T19:57:53+00:00">';
    const player = '<p>Nov 18, 2025</p><p>Duration: 12:30 | Recorded on August 19, 2025</p>';
    const html = (top: string) => `<html><head>${head}</head><body><h4>November 21, 2023</h4>${Array.from({ length: 12 }, (_, i) => `<p>Menu item ${i}</p>`).join('')}<article>${top}<h1>Flood defences approved</h1>${P}</article></body></html>`;
    expect(parseArticle({ html: html(player), url: 'https://news.example.com/a' }).publishedAt).toBe('2023-11-21T19:57:53+00:00');
  });

  it('tells the update stamp glued to a dateline from its publication date', () => {
    expect(publishedOf('', '<div class="dateline">Flood newsDECEMBER 22, 2022Updated: JANUARY 02, 2026</div>')).toBe('2022-12-22');
    const head = '<meta property="article:published_time" content="2015-05-12T06:05:27+00:00">';
    expect(publishedOf(head, '<div class="byline">ByRhona Kraus UpdatedJanuary 25, 2026</div>')).toBe('2015-05-12T06:05:27+00:00');
  });

  it('dates a page by an update stamp far from the headline when nothing else dates it', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i} of a long guide.</p>`).join('');
    expect(publishedOf('', `${filler}<p class="byline">Updated March 13, 2024</p>`)).toBe('2024-03-13');
    // Stamps of several days are the policies of a shop's footer, not the page's.
    expect(publishedOf('', `${filler}<p>Last Updated: 1/23/2025</p><p>Last Updated: February 26, 2025</p>`)).toBeNull();
  });
});

