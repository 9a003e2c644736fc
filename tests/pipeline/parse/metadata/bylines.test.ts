import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../../src/pipeline/parse/parse-article.js';

const P = [
  'The council approved the new flood defences on Tuesday after a long debate, and work starts in spring, the chair said.',
  'Residents of the lower town had asked for the embankment since the floods of 2021, when water reached the market square.',
  'The works will cost about four million euros, most of it paid by the region, and should be finished within two years.',
].map((t) => `<p>${t}</p>`).join('');
const authorsOf = (top: string, head = '', bottom = ''): string[] =>
  parseArticle({ html: `<html><head>${head}</head><body><article><h1>Flood defences approved</h1>${top}${P}</article>${bottom}</body></html>`, url: 'https://news.example.com/a' }).authors;

describe('visible bylines', () => {
  it('reads "By …" lines, cleaning dates and sections off', () => {
    expect(authorsOf('<p class="meta">By Sofia Gonzalez December 2, 2025</p>')).toEqual(['Sofia Gonzalez']);
    expect(authorsOf('<div>Written by Moses Kim and Kate Shokurova</div>')).toEqual(['Moses Kim', 'Kate Shokurova']);
    expect(authorsOf('<div class="post-detail__meta">September 1st, 2023 By Emily Norwood</div>')).toEqual(['Emily Norwood']);
    expect(authorsOf('<div class="attribution byline">Brian Truitt USA TODAY</div>')).toEqual(['Brian Truitt']);
  });

  it('reads author boxes by their class', () => {
    expect(authorsOf('<div class="author-and-date"><div class="author-wrap"><span>Summer Swann</span></div></div>')).toEqual(['Summer Swann']);
  });

  it('prefers the byline to a login handle in the markup', () => {
    expect(authorsOf('<div class="post-author">Denise Everheart</div>', '<meta name="author" content="andrew.keaveney">')).toEqual(['Denise Everheart']);
  });

  it('reads a "Written by" label whose name stands in the next element, and drops roles after names', () => {
    expect(authorsOf('<div class="meta"><p>Written by</p><p>Edzel Tabing</p></div>')).toEqual(['Edzel Tabing']);
    expect(authorsOf('<h2>Article by</h2><div>Tuula Virtanen</div>')).toEqual(['Tuula Virtanen']);
    expect(authorsOf('<p>This post was written by Dana Holt</p>')).toEqual(['Dana Holt']);
    expect(authorsOf('<div class="author-box"><span>Rasmus Barslund Founder</span></div>')).toEqual(['Rasmus Barslund']);
    expect(authorsOf('<div class="author-name">Mateusz HabernyFounder</div>')).toEqual(['Mateusz Haberny']);
  });

  it('reads the name of an author box, not its biography, and no "By" of a menu', () => {
    expect(authorsOf('<div class="author-box"><h4 class="author-box__name">Liz Kenny</h4><div class="author-box__bio"><p>Former McKinsey Consultant</p></div></div>')).toEqual(['Liz Kenny']);
    expect(authorsOf('<nav role="navigation"><div class="dropdown"><a href="/industries">By Industry</a></div></nav>')).toEqual([]);
  });

  it('takes no label of an author box for a name', () => {
    expect(authorsOf('<div class="author-meta"><span>Industry</span></div><div class="author-links"><a href="/more">Learn More</a></div>')).toEqual([]);
  });

  it('keeps a JSON-LD Person in capitals, and one who shares the site\'s name', () => {
    const ld = (author: unknown, site = 'Example News'): string =>
      `<meta property="og:site_name" content="${site}"><script type="application/ld+json">${JSON.stringify({ '@type': 'BlogPosting', headline: 'Flood defences approved', author })}</script>`;
    expect(authorsOf('', ld({ '@type': 'Person', name: 'LEONARDO GARCIA' }))).toEqual(['LEONARDO GARCIA']);
    expect(authorsOf('', ld({ '@type': 'Person', name: 'Rick Steves' }, 'Rick Steves'))).toEqual(['Rick Steves']);
    // A credit to the site is kept only when nobody else is named.
    expect(authorsOf('', ld('Example News'))).toEqual(['Example News']);
    expect(authorsOf('<p class="byline">By Anna Berg</p>', ld('Example News'))).toEqual(['Anna Berg']);
  });

  it('reads a name linked to the site\'s author page, even split across the link', () => {
    expect(authorsOf('<ul class="entry-meta"><li><a href="/author/bence-kovacs/">Bence Kovács</a></li><li>5 min</li></ul>')).toEqual(['Bence Kovács']);
    expect(authorsOf('<h3><a href="/component/comprofiler/userprofile/craigmccarthy?tab=10">Craig McCarthy</a></h3>')).toEqual(['Craig McCarthy']);
    expect(authorsOf('<div class="meta"><a href="https://example.com/blog/authors/emmanuel-oyibo">Emmanuel</a> Oyibo</div>')).toEqual(['Emmanuel Oyibo']);
    expect(authorsOf('<div><a href="/blog?author=5633ceee">Paige Brunton</a></div>')).toEqual(['Paige Brunton']);
  });

  it('reads the one author box below the article, not a list of related stories\' authors', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `<p>Paragraph ${i} of a long story.</p>`).join('');
    const box = '<div class="about"><p>Written by</p><p>Angela Carpenter</p><a href="/author/angela/">Angela Carpenter</a></div>';
    expect(authorsOf(filler, '', box)).toEqual(['Angela Carpenter']);
    const related = '<ul class="more"><li>By Sofia Gonzalez</li><li>By Emily Norwood</li></ul>';
    expect(authorsOf(filler, '', related)).toEqual([]);
  });

  it('takes no site credit for a byline', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `<p>Paragraph ${i} of a long story.</p>`).join('');
    expect(authorsOf(filler, '', '<footer><p>© 2026 Restless Meanderer - WordPress Theme by <a href="https://kadence.example">Kadence WP</a></p></footer>')).toEqual([]);
  });

  it('keeps a named team, and a bare "Staff" only when nobody else is named', () => {
    expect(authorsOf('<p>By Podium Staff</p>')).toEqual(['Podium Staff']);
    expect(authorsOf('<p>By The Investopedia Team</p>')).toEqual(['The Investopedia Team']);
    expect(authorsOf('<p>By Staff</p>')).toEqual(['Staff']);
    expect(authorsOf('<p>By Staff</p><p>By Anna Berg</p>')).toEqual(['Anna Berg']);
    expect(authorsOf('<p>Contributors: Anna Berg</p>')).toEqual(['Anna Berg']);
  });

  it('keeps a byline that names only the site when it names nobody else', () => {
    const site = '<meta property="og:site_name" content="Loona Construction">';
    expect(authorsOf('<p>By Loona Construction</p>', site)).toEqual(['Loona Construction']);
    expect(authorsOf('<div class="byline">Loona Construction</div><p>By Maria Lopez</p>', site)).toEqual(['Maria Lopez']);
  });

  it('reads "By" and a name in adjacent elements without a space between', () => {
    expect(authorsOf('<div class="meta"><span>By</span><span>Daryl Austin</span></div>')).toEqual(['Daryl Austin']);
  });

  it('reads the "Written by" pair of an SEO plugin\'s Twitter card', () => {
    const head = '<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="7 minutes"><meta name="twitter:label2" content="Written by"><meta name="twitter:data2" content="Paramita Ghosh">';
    expect(authorsOf('', head)).toEqual(['Paramita Ghosh']);
  });

  it('refuses commenters', () => {
    const comments = '<section class="comments"><div class="comment"><p class="comment-author">By Random Reader</p><p>Great piece, thank you for writing it up.</p></div></section>';
    expect(authorsOf('', '', comments)).toEqual([]);
  });

  it('takes a reviewer for the author only when nobody else is named', () => {
    expect(authorsOf('<p class="meta">Medically reviewed by Dr. Omar Haddad</p><p class="byline">By Clara Voss</p>')).toEqual(['Clara Voss']);
    expect(authorsOf('<p class="meta">Reviewed by: Omar Haddad</p>')).toEqual(['Omar Haddad']);
  });

  it('prefers the byline to a JSON-LD Person that is the site itself', () => {
    const head = `<meta property="og:site_name" content="Riverside Health">${'<script type="application/ld+json">'}${JSON.stringify({ '@type': 'Article', headline: 'Flood defences approved', author: { '@type': 'Person', name: 'Riverside Health' } })}</script>`;
    expect(authorsOf('<p class="byline">by Tomas Lind, Dietitian</p>', head)).toEqual(['Tomas Lind', 'Dietitian']);
  });

  it('prefers the byline to a declared author the page never shows', () => {
    const meta = '<meta name="author" content="Wendy Marsh">';
    // The CMS account that posted a guest's story is not the author readers see.
    expect(authorsOf('<p>By: Elias Brandt</p>', meta)).toEqual(['Elias Brandt']);
    // Shown on the page (in the author box here), the declared author stands; a team credit never overrides it.
    expect(authorsOf('<p>By: Elias Brandt</p><p>Wendy Marsh is our science editor.</p>', meta)).toEqual(['Wendy Marsh']);
    expect(authorsOf('<p>By Harbour Staff</p>', meta)).toEqual(['Wendy Marsh']);
  });

  it('reads an author box by the biography that introduces the name, not a tool described below its name', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `<p>Paragraph ${i} of a long story.</p>`).join('');
    const box = '<div class="box"><h3>Ines Carvalho</h3><p>Ines Carvalho is a freelance science writer based in Porto. She covers water and climate.</p></div>';
    expect(authorsOf(filler, '', box)).toEqual(['Ines Carvalho']);
    const tool = '<h3>River Gauge Pro</h3><p>River Gauge Pro is a sensor kit that logs water levels every minute.</p>';
    expect(authorsOf(tool)).toEqual([]);
  });

  it('reads a dateline that holds a date and a name, but not a list of related stories', () => {
    expect(authorsOf('<div class="meta">Dec. 19, 2025 · Hana Sato on behalf of the design team</div>')).toEqual(['Hana Sato']);
    expect(authorsOf('<div class="meta"><span>Mar 3, 2025</span><span>Pieter de Vries</span></div>')).toEqual(['Pieter de Vries']);
    const related = '<ul><li>Lena Holm - 2024-12-17</li><li>Oren Malik - 2024-01-11</li></ul>';
    expect(authorsOf(related)).toEqual([]);
  });

  it('takes the person of the author box below when the top credits only a team, and no editor for the author', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `<p>Paragraph ${i} of a long story.</p>`).join('');
    expect(authorsOf(`<p>By Team Harbour Data</p>${filler}`, '', '<div class="box"><p>Written by Oskar Lind</p></div>')).toEqual(['Oskar Lind', 'Team Harbour Data']);
    expect(authorsOf('<p>Edited by: Mara Quist</p>')).toEqual([]);
  });
});

