import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../../src/pipeline/parse/parse-article.js';

// The failure classes of issue #12, each on a small page written for it (the real pages are in ../shared).
const URL = 'https://news.example.com/2024/05/02/story';
const P = [
  'The council approved the new flood defences on Tuesday after a long debate, and work starts in spring, the chair said.',
  'Residents of the lower town had asked for the embankment since the floods of 2021, when water reached the market square.',
  'The works will cost about four million euros, most of it paid by the region, and should be finished within two years.',
  'Opponents argued that the money would be better spent on drainage upstream, but their amendment failed by nine votes.',
];
const para = (text: string): string => `<p>${text}</p>`;
const NAV = '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>';
const page = (body: string, head = ''): string => `<html><head><title>Flood defences approved</title>${head}</head><body>${NAV}${body}<footer><p>© 2024 Example News. All rights reserved.</p></footer></body></html>`;
const parse = (html: string, url = URL) => parseArticle({ html, url });
const rejection = (html: string, url = URL): { code?: string; details?: Record<string, unknown> } => {
  try {
    parse(html, url);
  } catch (error) {
    return error as { code?: string; details?: Record<string, unknown> };
  }
  throw new Error('expected SITREP_ERR_NO_ARTICLE');
};

describe('text that used to be dropped', () => {
  it('takes the column of one widget per paragraph over an accordion whose class reads "content"', () => {
    const long = Array.from({ length: 36 }, (_, i) => P[i % 4].replace(/^The \w+|^\w+/, `Part ${i}:`));
    const widgets = long.map((t) => `<div class="elementor-element elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container">${para(t)}</div></div>`).join('');
    const quote = 'Misha, a student, says the programme, with its cases, drills, mock interviews, and feedback, made the difference, and he got an offer.';
    const accordion = `<div class="bdt-accordion-item"><div class="bdt-accordion-content">${para(quote)}</div></div>`;
    const links = `<ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="/programme/${i}">Consulting interview programme module ${i}</a></li>`).join('')}</ul>`;
    const html = page(`<main><div class="elementor-section"><div class="elementor-column elementor-col-50"><div class="bdt-accordion">${accordion}</div>${links}</div><div class="elementor-column">${widgets}</div></div></main>`);
    const text = parse(html).text;
    expect(text).toContain(long[0]);
    expect(text).toContain(long[long.length - 1]);
    expect(text).not.toContain('Misha');
  });

  it('keeps a body cut into one page-builder "widget" per paragraph', () => {
    const widgets = P.map((t) => `<div class="elementor-element elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container">${para(t)}</div></div>`).join('');
    expect(parse(page(`<main><div class="elementor-widget-wrap">${widgets}</div></main>`)).text.split('\n\n')).toEqual(P);
  });

  it('keeps a body inside CMS field wrappers named like boilerplate', () => {
    const html = page(`<article><div class="field field--name-body field--label-hidden">${P.map(para).join('')}</div><div class="node-meta-sharing">${para(P[0])}</div></article>`);
    expect(parse(html).text).toContain(P[3]);
  });

  it('keeps a body split into sections that share a boilerplate-named class', () => {
    const sections = `<div class="content-nav-section">${para(P[0])}${para(P[1])}</div><div class="content-nav-section">${para(P[2])}${para(P[3])}</div>`;
    const extra = 'Our advisers answer questions about savings, loans and mortgages every weekday from nine to five, by phone or in branch.';
    const html = page(`<main><h1>Flood defences approved</h1><p>${extra}</p>${sections}</main>`);
    expect(parse(html).text).toContain(P[3]);
  });

  it('keeps a body whose only wrappers are class-named widgets (the relaxed retry)', () => {
    const html = page(`<div class="so-panel widget widget_text"><div class="textwidget">${P.map(para).join('')}</div></div><aside class="sidebar"><p><a href="/a">Most read story one</a></p></aside>`);
    expect(parse(html).text.split('\n\n')).toEqual(P);
  });

  it('keeps the lead above the main container and the closing paragraph below it', () => {
    const inner = `<div class="story-body">${para(P[1])}${para(P[2])}</div>`;
    const html = page(`<article><p class="lead">${P[0]}</p>${inner}<div class="closing">${para(P[3])}</div></article>`);
    expect(parse(html).text.split('\n\n')).toEqual(P);
  });

  it('keeps text on a page whose theme puts a "caption" class on <body>', () => {
    const html = `<html><body class="theme-caption-style">${NAV}<article>${P.map(para).join('')}</article></body></html>`;
    expect(parse(html).text.split('\n\n')).toEqual(P);
  });

  it('keeps tables and quotes a CMS wraps in <figure>, not the caption or an embedded post', () => {
    const table = '<figure class="wp-block-table"><table><tr><td>Embankment</td><td>2.1 million euros</td></tr><tr><td>Pumping station</td><td>1.4 million euros</td></tr></table><figcaption>Cost by work item</figcaption></figure>';
    const quote = '<figure class="wp-block-pullquote"><blockquote><p>We have waited three winters for this embankment.</p></blockquote><figcaption>A resident</figcaption></figure>';
    const tweet = '<figure class="wp-block-embed-twitter"><blockquote class="twitter-tweet"><p>Water is rising again on Market Street tonight.</p></blockquote></figure>';
    const text = parse(page(`<article>${para(P[0])}${table}${para(P[1])}${quote}${para(P[2])}${tweet}${para(P[3])}</article>`)).text;
    expect(text).toContain('Pumping station');
    expect(text).toContain('We have waited three winters');
    expect(text).not.toContain('Cost by work item');
    expect(text).not.toContain('Water is rising');
  });

  it('keeps linked subheads between paragraphs, not teaser cards', () => {
    const sub = (name: string) => `<h3><a href="https://${name.toLowerCase()}.example.org/">${name}</a></h3>`;
    const body = `${para(P[0])}${sub('Northbank')}${para(P[1])}${sub('Southmere')}${para(P[2])}`;
    const card = (i: number) => `<div class="card"><p>May ${i}, 2024</p><h3><a href="/story/${i}">Another story headline number ${i}</a></h3><p>${P[3]}</p></div>`;
    const text = parse(page(`<article>${body}${[1, 2, 3].map(card).join('')}</article>`)).text;
    expect(text).toContain('Northbank');
    expect(text).toContain('Southmere');
    expect(text).not.toContain('Another story headline');
  });

  it('keeps a lead that mentions signing up, drops an opening call to action', () => {
    const lead = 'With the rainy season around the corner, many residents have already decided to sign up for the new flood warning service, which the council launched last week in both towns.';
    const promo = 'Sign up for our newsletter: the best local stories, delivered to your inbox every morning.';
    const text = parse(page(`<article>${para(promo)}${para(lead)}${P.map(para).join('')}</article>`)).text;
    expect(text).toContain('many residents have already decided');
    expect(text).not.toContain('delivered to your inbox');
  });

  it('keeps subheads and lists between paragraphs gathered one page-builder widget at a time', () => {
    const widget = (inner: string) => `<div class="elementor-element elementor-widget"><div class="elementor-widget-container">${inner}</div></div>`;
    const list = '<ul><li>Sandbags at the river gate</li><li>Pumps on the market square</li></ul>';
    const author = widget('<div class="elementor-author-box"><div class="elementor-author-box__bio"><p>Jane Doe has covered the region for twenty years, first for radio and then for this paper, and lives in the lower town.</p></div></div>');
    const html = page(`<main><div class="elementor-widget-wrap">${widget(para(P[0]))}${widget('<h2>What happens next</h2>')}${widget(list)}${widget(para(P[1]))}${widget(para(P[2]))}${widget(para(P[3]))}${author}</div></main>`);
    const text = parse(html).text;
    expect(text).toContain('What happens next');
    expect(text).toContain('Pumps on the market square');
    expect(text).not.toContain('Jane Doe has covered');
  });

  it('keeps linked items of a list whose other items are text, not a list of links', () => {
    const tools = '<ul><li>Rain gauges on every bridge, read twice a day by the river wardens</li><li><a href="https://gauges.example.org/">River gauge network</a></li><li><a href="https://alerts.example.org/">Flood alert service for the region</a></li></ul>';
    const links = '<ul><li><a href="/a">Council budget story</a></li><li><a href="/b">Harbour works story</a></li></ul>';
    const text = parse(page(`<article>${para(P[0])}${para(P[1])}${tools}${para(P[2])}${para(P[3])}${links}</article>`)).text;
    expect(text).toContain('River gauge network');
    expect(text).toContain('Flood alert service');
    expect(text).not.toContain('Council budget story');
  });

  it('removes soft hyphens and zero-width characters inside words', () => {
    const html = page(`<article>${para('Four people were injured in the explo\u00adsion at the ware\u200bhouse on Monday night, police said.')}${P.slice(1).map(para).join('')}</article>`);
    expect(parse(html).text).toContain('explosion at the warehouse');
  });
});

describe('boilerplate that used to be kept', () => {
  it('drops author boxes and disclaimers named as class components, not an article wrapper classed "author-<name>"', () => {
    const box = '<div class="post-author-card"><p class="author-card-bio">Jane Doe has covered the region for twenty years, first for radio and then for this paper.</p></div>';
    const disclaimer = '<p class="affiliate-disclaimer">We may earn a commission when you buy through links on our site, at no extra cost to you.</p>';
    const html = page(`<article class="post author-jane-doe">${P.map(para).join('')}${disclaimer}${box}</article>`);
    const text = parse(html).text;
    expect(text.split('\n\n')).toEqual(P);
  });

  it('drops call-to-action boxes named as such', () => {
    const cta = '<div class="post-cta"><h4>Want to win more jobs with less effort?</h4><p>Try our scheduling app free for fourteen days, no card needed, and see how much time you save.</p></div>';
    const html = page(`<article>${para(P[0])}${para(P[1])}${cta}${para(P[2])}${para(P[3])}</article>`);
    expect(parse(html).text.split('\n\n')).toEqual(P);
  });

  it('drops widget labels left in the text flow', () => {
    const labels = ['Table of Contents', 'Share this post', 'Like this:', 'Pin this for later!', 'Article continues below'].map((t) => `<p>${t}</p>`);
    const html = page(`<article>${labels[0]}${para(P[0])}${para(P[1])}${labels[4]}${para(P[2])}${para(P[3])}${labels[1]}${labels[2]}${labels[3]}</article>`);
    expect(parse(html).text.split('\n\n')).toEqual(P);
  });
});

describe('short articles are articles', () => {
  it('reads a page a streaming renderer ships inside <div hidden>', () => {
    const html = `<html><head><title>Flood defences approved</title></head><body><div hidden><main><h1>Flood defences approved</h1>${P.map(para).join('')}</main></div><script>reveal()</script></body></html>`;
    expect(parse(html).text.split('\n\n')).toEqual(P);
  });

  it('reads a React streaming segment (<div hidden id="S:0">) beside a visible header and footer', () => {
    const menu = `<header><ul>${['Home', 'World', 'Sport', 'Business', 'Science', 'Culture', 'Travel', 'Weather'].map((w) => `<li><a href="/${w}">${w} news and more</a></li>`).join('')}</ul></header>`;
    const html = `<html><head><title>Flood defences approved</title></head><body>${menu}<div hidden id="S:0"><main>${P.map(para).join('')}</main></div>${menu.replace(/header/g, 'footer')}</body></html>`;
    expect(parse(html).text.split('\n\n')).toEqual(P);
  });

  it('keeps a one-sentence news brief', () => {
    const html = '<html><body><span><div>Seven people were killed in the shelling of the town on Monday.</div></span></body></html>';
    expect(parse(html).text).toBe('Seven people were killed in the shelling of the town on Monday.');
  });
});

describe('non-articles are named', () => {
  it('names a product page by its JSON-LD Product', () => {
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'Product', name: 'Kettle', offers: { price: '29.99' } })}</script>`;
    const html = page(`<div class="product"><h1>Kettle</h1>${para(P[0])}<p>$29.99</p></div>`, ld);
    const error = rejection(html, 'https://shop.example.com/kettle');
    expect(error.code).toBe('SITREP_ERR_NO_ARTICLE');
    expect(error.details).toMatchObject({ pageType: 'product', signal: 'JSON-LD product' });
  });

  it('names a product page by its og:type', () => {
    const html = page(`<div class="product"><h1>Kettle</h1>${P.map(para).join('')}</div>`, '<meta property="og:type" content="product">');
    expect(rejection(html, 'https://shop.example.com/kettle').details).toMatchObject({ pageType: 'product', signal: 'og:type product' });
  });

  it('names a page of a documentation generator at a documentation address only', () => {
    const head = '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.7.1">';
    const body = `<main><h1>Fields</h1>${P.map(para).join('')}</main>`;
    expect(rejection(page(body, head), 'https://docs.example.dev/latest/concepts/fields/').details).toMatchObject({ pageType: 'documentation' });
    expect(parse(page(body, head), 'https://www.example.org/en/vpn/').text).toContain(P[0]);
  });

  it('names a listing of linked headlines', () => {
    const teasers = Array.from({ length: 8 }, (_, i) => `<div class="card"><h3><a href="/story/${i}">Headline number ${i} about the day</a></h3><p>Short teaser ${i}.</p></div>`).join('');
    const error = rejection(page(`<main><h1>Latest</h1>${teasers}</main>`), 'https://news.example.com/latest');
    expect(error.details).toMatchObject({ pageType: 'listing' });
    expect(String(error.details?.signal)).toMatch(/8 linked headlines/);
  });

  it('names a service page by the page-type model, with the features that decided', () => {
    const services = ['Residential moving', 'Commercial moving', 'Packing services', 'Storage solutions', 'Piano moving', 'Long-distance moving'];
    const cards = services.map((s) => `<li><h3><a href="/services/${s.toLowerCase().replace(/ /g, '-')}">${s}</a></h3><p>We handle your ${s.toLowerCase()} with care. <a href="/quote">Get a free quote</a></p></li>`).join('');
    const body = `<header><a href="tel:+15551234567">Call us: (555) 123-4567</a></header><main><h1>Moving Services in Springfield</h1><p>Our licensed and insured team has 20 years of experience. Contact us today for a free estimate!</p><ul>${cards}</ul><h2>Why choose us</h2><p>Our clients love us. Read our testimonials.</p><form><input name="name"><input name="phone"><input name="email"><button>Request a quote</button></form><p><a href="/contact">Contact us</a> or <a href="/book">book now</a>.</p></main>`;
    const error = rejection(`<html><head><title>Moving Services | Springfield Movers</title></head><body>${body}</body></html>`, 'https://movers.example.com/services/');
    expect(error.code).toBe('SITREP_ERR_NO_ARTICLE');
    expect(error.details).toMatchObject({ pageType: 'service' });
    expect(String(error.details?.signal)).toMatch(/^page-type model: P\(service\) [\d.]+, not an article [\d.]+; \w+/);
    // An SEO plugin's Article markup, without a byline or a date, does not spare it.
    const seo = `<script type="application/ld+json">${JSON.stringify({ '@type': 'Article', headline: 'Moving Services in Springfield' })}</script>`;
    const declared = rejection(`<html><head><title>Moving Services | Springfield Movers</title>${seo}</head><body>${body.replace('<p>Our clients', `${P.map(para).join('')}<p>Our clients`)}</body></html>`, 'https://movers.example.com/services/');
    // (Its teaser cards of services read as a listing as much as a service page: either name is right.)
    expect(declared.code).toBe('SITREP_ERR_NO_ARTICLE');
    expect(['service', 'listing']).toContain(declared.details?.pageType);
    // Nor does a date beside it, when the page-type model is all but sure.
    const dated = seo.replace('"headline"', '"datePublished":"2024-05-02","headline"');
    const withDate = rejection(`<html><head><title>Moving Services | Springfield Movers</title>${dated}</head><body>${body.replace('<p>Our clients', `${P.map(para).join('')}<p>Our clients`)}</body></html>`, 'https://movers.example.com/services/');
    expect(withDate.code).toBe('SITREP_ERR_NO_ARTICLE');
  });

  it('names a product grid marked up only with microdata by the page-type model, saying which signal decided', () => {
    const names = ['Oak bench', 'Pine bench', 'Teak chair', 'Rattan chair', 'Metal table', 'Glass table', 'Bistro set', 'Parasol', 'Cushion set', 'Planter', 'Lantern', 'Hammock'];
    const cards = names.map((n, i) => `<li class="grid-item" itemscope itemtype="https://schema.org/Product"><a href="/products/${n.toLowerCase().replace(' ', '-')}"><img src="/i/${i}.jpg" alt=""><h3 itemprop="name">${n}</h3></a><p>Sturdy ${n.toLowerCase()} for small gardens and balconies, easy to assemble at home.</p><span itemprop="offers" itemscope itemtype="https://schema.org/Offer">£${40 + i * 5}</span></li>`).join('');
    const pager = '<div class="pages"><a href="?page=1">1</a> <a href="?page=2">2</a> <a href="?page=3">3</a> <a href="?page=2">Next</a></div>';
    const html = page(`<main><h1>Garden furniture</h1><p>Everything for the garden this summer, from benches to lanterns, delivered to your door within a week.</p><ul class="grid">${cards}</ul>${pager}</main>`);
    const error = rejection(html, 'https://home.example.com/garden/furniture');
    expect(['product', 'collection']).toContain(error.details?.pageType);
    expect(String(error.details?.signal)).toMatch(/^page-type model: .*md_product/);
  });

  it('names a site\'s front page without date or article markup, and reads one that dates its story', () => {
    const body = `<main><h1>Ship faster with Example</h1>${P.map(para).join('')}</main>`;
    const error = rejection(page(body), 'https://example.com/');
    expect(String(error.details?.signal)).toMatch(/^the site's front page/);
    expect(parse(page(`<p class="date">May 2, 2024</p>${body}`), 'https://blog.example.com/').text).toContain(P[0]);
    // A query that names the story ("/?p=123") is not the front page.
    expect(parse(page(body), 'https://example.com/?p=123').text).toContain(P[0]);
  });

  it('names a page whose JSON-LD says CollectionPage, with no article type beside it, even when it is dated', () => {
    const ld = (types: string[]) => `<script type="application/ld+json">${JSON.stringify({ '@graph': types.map((t) => ({ '@type': t, datePublished: '2024-05-02' })) })}</script><meta property="og:type" content="article">`;
    const body = `<main><h1>Economy</h1>${P.map(para).join('')}</main>`;
    expect(rejection(page(body, ld(['CollectionPage', 'BreadcrumbList'])), 'https://news.example.com/economy/markets').details).toMatchObject({ pageType: 'listing' });
    expect(parse(page(body, ld(['CollectionPage', 'NewsArticle'])), 'https://news.example.com/economy/markets').text).toContain(P[0]);
  });

  it('names a forum thread its engine renders by script as a forum, not an empty page', () => {
    const html = '<html><head><title>Pumps keep failing - Example Forum</title><meta name="generator" content="Discourse 3.2.0"></head><body><div id="app"></div><script src="/app.js"></script></body></html>';
    expect(rejection(html, 'https://forum.example.org/t/pumps-keep-failing/123').details).toMatchObject({ pageType: 'forum' });
  });

  it('names a front page of linked headlines even when its teasers date it', () => {
    const teasers = Array.from({ length: 9 }, (_, i) => `<div class="teaser"><p class="date">May ${i + 1}, 2024</p><h3><a href="/2024/05/0${i + 1}/story-${i}">Council approves story number ${i} after a long debate</a></h3>${P.map(para).join('')}</div>`).join('');
    const error = rejection(page(`<main>${teasers}</main>`), 'https://news.example.com/');
    expect(error.details).toMatchObject({ pageType: 'listing' });
    expect(String(error.details?.signal)).toMatch(/^the site's front page, 9 linked headlines$/);
    // An archive address listing as many is an index even when an SEO plugin declares an Article on it.
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'Article', headline: 'Science' })}</script>`;
    const undated = teasers.replace(/<p class="date">[^<]*<\/p>/g, '');
    expect(String(rejection(page(`<main>${undated}</main>`, ld), 'https://news.example.com/category/science/').details?.signal)).toMatch(/^a section or archive index \(\/category\/science\/\), 9 linked headlines$/);
    // A blog's front page showing its latest post is still read.
    expect(parse(page(`<main><p class="date">May 2, 2024</p><h1>Flood defences approved</h1>${P.map(para).join('')}</main>`), 'https://blog.example.com/').text).toContain(P[0]);
  });

  it('names a section or archive index by its address', () => {
    const teasers = P.map((t, i) => `<div class="item"><p class="date">May ${i + 1}, 2024</p><h3>Story ${i}</h3>${para(t)}</div>`).join('');
    const error = rejection(page(`<main><h1>News</h1>${teasers}</main>`), 'https://council.example.org/en/news/');
    expect(error.details).toMatchObject({ pageType: 'listing' });
    expect(String(error.details?.signal)).toMatch(/^a section or archive index \(\/en\/news\/\)/);
    // An archive credits its teasers' authors; only article markup would spare it.
    const bylined = teasers.replace(/<h3>/g, '<p>By Maria Lopez</p><h3>');
    expect(rejection(page(`<main><h1>Science</h1>${bylined}</main>`), 'https://news.example.com/category/science/').details).toMatchObject({ pageType: 'listing' });
    expect(parse(page(`<main><h1>Science</h1>${bylined}</main>`), 'https://news.example.com/category/science/flood-defences-approved').text).toContain(P[0]);
  });

  it('never rejects a page that declares an article with its date and holds its paragraphs', () => {
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': ['NewsArticle'], headline: 'Flood defences approved', datePublished: '2024-05-02', itemListElement: [] })}</script><script type="application/ld+json">${JSON.stringify({ '@type': 'ItemList' })}</script>`;
    expect(parse(page(`<article>${P.map(para).join('')}</article>`, ld)).text.split('\n\n')).toEqual(P);
  });
});
