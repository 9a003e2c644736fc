import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../../src/pipeline/parse/parse-article.js';

const URL = 'https://blog.example.com/2024/02/06/post';
const para = (n: number): string =>
  `<p>Paragraph ${n} of the story goes on about the river, the council and the plans, with enough words to be prose.</p>`;
const parse = (body: string) => parseArticle({ html: `<html><head><title>Storm hits the coast - Example Blog</title></head><body>${body}</body></html>`, url: URL }).text;

describe('body block rules', () => {
  it('cuts the body at a rail of other stories nested inside the article', () => {
    const text = parse(`<article class="post">${para(1)}${para(2)}<h3 class="relatedpoststitle">You may like</h3><article class="post">${para(3)}</article><article class="post">${para(4)}</article></article>`);
    expect(text).toContain('Paragraph 2');
    expect(text).not.toMatch(/You may like|Paragraph 3|Paragraph 4/);
  });

  it('steps over a rail placed mid-article and keeps the paragraphs after it', () => {
    const rail = `<section class="ArticleRelatedList_root"><h2 class="ArticleRelatedList_title">Recommended reading</h2><div><h3><a href="/a">Another story</a></h3><h3><a href="/b">Yet another story</a></h3></div></section>`;
    const text = parse(`<section class="article-body">${para(1)}${para(2)}${rail}${para(3)}${para(4)}</section><div class="bio"><p>The author teaches philosophy at a community college and writes about work and learning.</p></div>`);
    expect(text).toContain('Paragraph 4');
    expect(text).not.toMatch(/Recommended reading|Another story|teaches philosophy/);
  });

  it('keeps an inline "Read also" box mid-article', () => {
    const text = parse(`<div class="entry">${para(1)}<p><strong>Read also</strong></p>${para(2)}${para(3)}</div>`);
    expect(text).toContain('Paragraph 3');
  });

  it('drops the headline repeated as a paragraph, widget labels and photo credits', () => {
    const text = parse(`<div class="entry"><p class="title">Storm hits the coast</p>${para(1)}<div>Advertisement</div>${para(2)}<p>Waves over the pier on Monday (Image: GETTY)</p>${para(3)}</div>`);
    expect(text.split('\n\n')).toEqual([1, 2, 3].map((n) => expect.stringContaining(`Paragraph ${n}`)));
  });

  it('joins an article split into same-class wrappers under different parents', () => {
    const text = parse(
      `<main><section><div class="post__content">${para(1)}${para(2)}</div></section><div class="ad-slot">Sponsored</div><section><div class="post__content">${para(3)}${para(4)}${para(5)}</div></section></main><aside>${para(9)}</aside>`,
    );
    expect(text.split('\n\n')).toHaveLength(5);
    expect(text).not.toContain('Paragraph 9');
  });

  it('keeps tweets embedded in the story', () => {
    const text = parse(
      `<div class="entry-content">${para(1)}<div class="social-media-embed"><blockquote class="twitter-tweet"><p>The bridge is closed until further notice, drivers should use the ring road.</p>— City Police (@citypolice) <a href="https://twitter.com/citypolice/status/1">February 6, 2024</a></blockquote></div>${para(2)}</div>`,
    );
    expect(text).toContain('The bridge is closed until further notice');
  });

  it('drops newsletter and follow-us lines at the end of the body', () => {
    const text = parse(`<div class="entry">${para(1)}${para(2)}<p>Sign up for our newsletter to get the news every morning.</p><p>Follow us on Twitter and Facebook.</p></div>`);
    expect(text).not.toMatch(/newsletter|Follow us/);
  });
});
