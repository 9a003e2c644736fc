import { describe, expect, it } from 'vitest';
import { readPage } from '../../../../src/pipeline/parse/generic/parse-generic.js';
import { pageFeatures } from '../../../../src/pipeline/parse/generic/page-features.js';

// Invented pages: a story, a product grid, a paged index of teasers.
const STORY = [
  'The council approved the new flood defences on Tuesday after a long debate, and work starts in spring, the chair said to reporters.',
  'Residents of the lower town had asked for the embankment since the floods of 2021, when water reached the market square and the school.',
  'The works will cost about four million euros, most of it paid by the region, and should be finished within two years, officials said.',
];
const features = (body: string, url: string, head = '') => {
  const html = `<html><head><title>Example</title>${head}</head><body>${body}</body></html>`;
  const page = readPage(html, url);
  return pageFeatures({ ...page, url, html });
};

describe('page features', () => {
  it('reads schema.org microdata types: Product cards, an ItemList, an article', () => {
    const cards = ['Blue kettle', 'Red kettle', 'Steel kettle'].map((name) => `<li itemscope itemtype="https://schema.org/Product"><a href="/product/${name.replace(' ', '-')}">${name}</a><span itemprop="offers" itemscope itemtype="http://schema.org/Offer">$29</span></li>`).join('');
    const grid = features(`<main itemscope itemtype="https://schema.org/ItemList"><h1>Kettles</h1><ul>${cards}</ul></main>`, 'https://shop.example.com/kettles');
    expect(grid.md_product).toBeCloseTo(Math.log1p(6));
    expect(grid.md_listing).toBe(1);
    expect(grid.md_article).toBe(0);
    const story = features(`<article itemscope itemtype="http://schema.org/NewsArticle">${STORY.map((p) => `<p>${p}</p>`).join('')}</article>`, 'https://news.example.com/flood');
    expect(story).toMatchObject({ md_article: 1, md_product: 0, md_listing: 0, md_forum: 0 });
  });

  it('counts links to products, story links outside the boilerplate and pagination', () => {
    const teasers = Array.from({ length: 6 }, (_, i) => `<div class="teaser"><h3><a href="/2024/05/0${i + 1}/council-approves-plan-${i}">Council approves plan number ${i}</a></h3></div>`).join('');
    const nav = '<nav><a href="/about-the-paper-and-its-staff">About the paper and its staff</a></nav>';
    const pager = '<div class="pager"><a href="?page=1">1</a> <a href="?page=2">2</a> <a href="?page=3">3</a> <a href="?page=2">Next</a></div>';
    const index = features(`${nav}<main><h1>Latest</h1>${teasers}${pager}</main>`, 'https://news.example.com/latest');
    expect(index.story_links).toBeCloseTo(Math.log1p(6));
    expect(index.pagination).toBe(1);
    expect(index.product_links).toBe(0);
    // Slugs of four words make a story address too; rel=next alone is pagination.
    const slugs = features('<main><p><a href="/why-the-river-rose-again/">Why the river rose again this spring</a></p></main>', 'https://news.example.com/', '<link rel="next" href="/page/2">');
    expect(slugs.story_links).toBeCloseTo(Math.log1p(1));
    expect(slugs.pagination).toBe(1);
    const shop = features(`<main>${['a', 'b', 'c'].map((s) => `<p><a href="/products/kettle-${s}">Kettle ${s}</a></p>`).join('')}</main>`, 'https://shop.example.com/');
    expect(shop.product_links).toBeCloseTo(Math.log1p(3));
    expect(shop.pagination).toBe(0);
  });

  it('finds the largest run of sibling cards and its share of the text; a story has none', () => {
    const cards = Array.from({ length: 8 }, (_, i) => `<div class="card"><a href="/item/${i}">Garden chair model ${i}</a><p>Weatherproof.</p></div>`).join('');
    const grid = features(`<main><h1>Chairs</h1><div class="grid">${cards}</div></main>`, 'https://shop.example.com/chairs');
    expect(grid.card_group).toBeCloseTo(Math.log1p(8));
    expect(grid.card_share).toBeGreaterThan(0.8);
    const story = features(`<main><h1>Flood defences approved</h1>${STORY.map((p) => `<p>${p}</p>`).join('')}</main>`, 'https://news.example.com/flood');
    expect(story.card_group).toBe(0);
    expect(story.card_share).toBe(0);
  });

  it('measures the share of the body in long paragraphs', () => {
    const story = features(`<main>${STORY.map((p) => `<p>${p} ${p}</p>`).join('')}</main>`, 'https://news.example.com/flood');
    expect(story.body_long_share).toBe(1);
    const short = features(`<main>${STORY.map((p) => `<p>${p}</p>`).join('')}</main>`, 'https://news.example.com/flood');
    expect(short.body_long_share).toBe(0);
  });

  it('counts a landing page\'s sections, icons, navigation, videos and button-styled links, and links per paragraph', () => {
    const section = (i: number) => `<section><svg viewBox="0 0 8 8"></svg><h2>Feature ${i}</h2><p>Does the thing ${i}.</p><a class="btn btn-primary" href="/signup">Start</a></section>`;
    const landing = features(`<nav><a href="/">Home</a></nav><main>${[1, 2, 3].map(section).join('')}<video src="/demo.mp4"></video></main>`, 'https://saas.example.com/product');
    expect(landing).toMatchObject({ sections: Math.log1p(3), svgs: Math.log1p(3), markup_button: Math.log1p(3), navs: Math.log1p(1), videos: Math.log1p(1) });
    expect(landing.links_per_paragraph).toBeCloseTo(Math.log1p(4 / 4));
    const story = features(`<main>${STORY.map((p) => `<p>${p}</p>`).join('')}</main>`, 'https://news.example.com/flood');
    expect(story).toMatchObject({ sections: 0, svgs: 0, markup_button: 0, navs: 0, videos: 0, links_per_paragraph: 0 });
  });
});
