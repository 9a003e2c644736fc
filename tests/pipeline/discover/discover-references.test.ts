import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverReferences } from '../../../src/pipeline/discover/discover-references.js';

const urls = (text: string, options?: Parameters<typeof discoverReferences>[1]) =>
  discoverReferences(text, options).references.map((reference) => reference.url);

const SEEDS = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
const haveSeeds = existsSync(`${SEEDS}belgorod-article.txt`);
if (!haveSeeds) console.log(`skipping the seed article test: ${SEEDS} is absent (../shared is not beside the repo)`);

describe.skipIf(!haveSeeds)('the seed article (../shared/seeds)', () => {
  it('yields its own URL and exactly the four expected references', () => {
    const text = readFileSync(`${SEEDS}belgorod-article.txt`, 'utf8');
    const expected = JSON.parse(readFileSync(`${SEEDS}belgorod-article.expected.json`, 'utf8')) as {
      url: string;
      references: string[];
    };
    const found = discoverReferences(text);
    expect(found.url).toBe(expected.url);
    expect(found.references.map((reference) => reference.url)).toEqual(expected.references);
    expect(found.references[1].text).toBe('Russia Accidentally Bombs Own Village');
  });
});

describe('discoverReferences — plain text', () => {
  // Hard-wrapped at 72 columns, as mail clients and terminals do.
  const wrapped = [
    'Officials in Kharkiv said the strike hit a depot before dawn, and that',
    'rescue teams were still searching the site by the afternoon, reports say.',
    '',
    'Full report: https://news.example.org/2025/03/14/strike-on-kharkiv-depot-',
    'leaves-three-dead-x9921',
    '',
    'https://news.example.org/2025/03/15/a-much-longer-follow-up-story-on-the-',
    'strike-and-its-aftermath/part-2',
    '',
  ].join('\n');

  it('rejoins a URL wrapped across a line break', () => {
    expect(urls(wrapped)).toEqual([
      'https://news.example.org/2025/03/14/strike-on-kharkiv-depot-leaves-three-dead-x9921',
      'https://news.example.org/2025/03/15/a-much-longer-follow-up-story-on-the-strike-and-its-aftermath/part-2',
    ]);
  });

  it('rejoins with Windows line endings and trailing blanks, and stops at the punctuation after the tail', () => {
    const text = 'Original url: https://news.example.org/2025/03/14/strike-on-kharkiv-depot-lea \r\nves-three-dead-x9921.\r\nMore text here.';
    expect(discoverReferences(text).url).toBe('https://news.example.org/2025/03/14/strike-on-kharkiv-depot-leaves-three-dead-x9921');
  });

  it('rejoins a URL wrapped over three lines, and a digits-only tail of a line filled to the wrap width', () => {
    const text = [
      'Residents were told to stay in shelters until the all-clear was given on the radio.',
      'https://news.example.org/2025/03/16/an-extremely-long-address-that-needs-three-lin',
      'es-to-fit-into-a-narrow-column-of-text-like-this-one-here-in-this-test-article-ok',
      '/index.html',
      'https://news.example.org/2025/03/16/another-extremely-long-address-ending-in-x1234',
      '5678',
    ].join('\n');
    expect(urls(text)).toEqual([
      'https://news.example.org/2025/03/16/an-extremely-long-address-that-needs-three-lines-to-fit-into-a-narrow-column-of-text-like-this-one-here-in-this-test-article-ok/index.html',
      'https://news.example.org/2025/03/16/another-extremely-long-address-ending-in-x12345678',
    ]);
  });

  it('does not join a URL at the end of a line with the sentence on the next line', () => {
    const text = [
      'The ministry published the list of damaged buildings at https://example.org/list',
      'and promised to update it daily as inspections continue in the region.',
    ].join('\n');
    expect(urls(text)).toEqual(['https://example.org/list']);
  });

  it('does not join a next line that starts a URL of its own', () => {
    const text = [
      'https://www.example.org/2024/01/02/first-story-with-a-rather-long-slug-here',
      'https://www.example.org/2024/01/03/second-story-with-a-long-slug-too',
      'www.example.net/third',
      't.me/channel/42',
    ].join('\n');
    expect(urls(text)).toEqual([
      'https://www.example.org/2024/01/02/first-story-with-a-rather-long-slug-here',
      'https://www.example.org/2024/01/03/second-story-with-a-long-slug-too',
      'https://www.example.net/third',
      'https://t.me/channel/42',
    ]);
  });

  it('does not join a one-word line, a sign-off or a bare date', () => {
    const long = 'https://www.example.org/2024/01/02/a-story-whose-address-fills-the-whole-line';
    for (const next of ['Thanks!', 'Regards', 'Thanks,', '--', '2024-01-05', '— Editor']) {
      expect(urls(`${long}\n${next}\n`)).toEqual([long]);
    }
  });

  it('does not join when the URL line is short (not filled to a wrap column)', () => {
    expect(urls('See https://example.org/a-b\nc-d\n')).toEqual(['https://example.org/a-b']);
  });

  it('does not join a URL that ended a sentence', () => {
    const text = 'The full list of damaged buildings is published at https://example.org/damage-list.\nupdated-daily\n';
    expect(urls(text)).toEqual(['https://example.org/damage-list']);
  });

  it('finds www. and t.me links without a scheme, but not inside e-mail addresses or other hosts', () => {
    expect(urls('Follow t.me/rybar/123 and www.Example.com/News; mail desk@www.example.net or see foo.t.me/x')).toEqual([
      'https://t.me/rybar/123',
      'https://www.example.com/News',
    ]);
  });

  it('finds URLs glued to a label, in Markdown tables, and with non-ASCII hosts and paths', () => {
    expect(urls('Site:www.example.com/a |https://example.org/b| https://пример.рф/новости/удар')).toEqual([
      'https://www.example.com/a',
      'https://example.org/b',
      'https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/%D1%83%D0%B4%D0%B0%D1%80',
    ]);
  });

  it('strips trailing punctuation that is not part of the URL', () => {
    const text = [
      'See https://example.org/a. Then https://example.org/b, and https://example.org/c;',
      'Quoted "https://example.org/d" and «https://example.org/e» and “https://example.org/f”.',
      'Also https://example.org/g: https://example.org/h! https://example.org/i? https://example.org/j…',
      "Single 'https://example.org/k' and **https://example.org/l** and (https://example.org/m).",
      '[https://example.org/n] and https://example.org/o’s page',
    ].join('\n');
    expect(urls(text)).toEqual('abcdefghijklmno'.split('').map((letter) => `https://example.org/${letter}`));
  });

  it('keeps balanced parentheses (Wikipedia) and drops an unbalanced closing one', () => {
    const text =
      'Bakhmut (https://en.wikipedia.org/wiki/Bakhmut_(city)) and https://en.wikipedia.org/wiki/Siege_(disambiguation), ' +
      'then https://example.org/search?q=(a)&x=[1].';
    expect(urls(text)).toEqual([
      'https://en.wikipedia.org/wiki/Bakhmut_(city)',
      'https://en.wikipedia.org/wiki/Siege_(disambiguation)',
      'https://example.org/search?q=(a)&x=[1]',
    ]);
  });

  it('handles IPv6 hosts', () => {
    expect(urls('Status at http://[2001:DB8::1]:8080/status, mirror (https://[::1]:443/x).')).toEqual([
      'http://[2001:db8::1]:8080/status',
      'https://[::1]/x',
    ]);
  });

  it('canonicalizes: tracking parameters, fragments, default ports and host case collapse into one reference', () => {
    const text = [
      'https://Example.org:443/story?id=5&utm_source=telegram#comments',
      'https://example.org/story?id=5',
      'https://example.org/story?id=5&fbclid=abc',
      'https://example.org/story?id=6',
    ].join(' ');
    expect(urls(text)).toEqual(['https://example.org/story?id=5', 'https://example.org/story?id=6']);
  });

  it('keeps the first occurrence order and the text of any occurrence', () => {
    const text = 'First https://example.org/b then https://example.org/a, later [Story A](https://example.org/a#x).';
    expect(discoverReferences(text).references).toEqual([
      { url: 'https://example.org/b' },
      { url: 'https://example.org/a', text: 'Story A' },
    ]);
  });

  it('names its own URL from an "Original url:", "Source:" or "Canonical:" line and excludes it', () => {
    expect(discoverReferences('Body https://example.org/ref\n\nSource: https://example.org/own?utm_medium=x\n')).toEqual({
      url: 'https://example.org/own',
      references: [{ url: 'https://example.org/ref' }],
    });
    expect(discoverReferences('**Canonical:**\n   https://example.org/own\nhttps://example.org/own#again').url).toBe(
      'https://example.org/own',
    );
    expect(discoverReferences('Original URL: [The story](https://example.org/own)\n').url).toBe('https://example.org/own');
    expect(discoverReferences('Original url:\nhttps://example.org/own').references).toEqual([]);
  });

  it('does not take a URL separated from its label by a blank line, or a label in mid-sentence, as its own', () => {
    expect(discoverReferences('Source:\n\nhttps://example.org/x').url).toBeUndefined();
    expect(discoverReferences('The source: https://example.org/x').url).toBeUndefined();
    expect(discoverReferences('Source: Reuters\nhttps://example.org/x').url).toBeUndefined();
  });

  it('gives a later link the title of a "Related article:" line when its slug holds every title word', () => {
    const text = [
      'Related article: Drone Strike Hits Kursk’s Main Power Plant',
      'Related: A Title That Matches Nothing',
      'Body text https://example.org/earlier.',
      'https://example.org/2025/01/09/drone-strike-hits-kursks-main-power-plant-a1234',
      'https://example.org/2025/01/10/drone-strike-kursk',
    ].join('\n');
    expect(discoverReferences(text).references).toEqual([
      { url: 'https://example.org/earlier' },
      { url: 'https://example.org/2025/01/09/drone-strike-hits-kursks-main-power-plant-a1234', text: 'Drone Strike Hits Kursk’s Main Power Plant' },
      { url: 'https://example.org/2025/01/10/drone-strike-kursk' },
    ]);
  });

  it('matches a related title against a percent-encoded Cyrillic slug', () => {
    const text = 'Читайте также: Удар по Белгороду\nhttps://example.ru/news/udar/%D1%83%D0%B4%D0%B0%D1%80-%D0%BF%D0%BE-%D0%B1%D0%B5%D0%BB%D0%B3%D0%BE%D1%80%D0%BE%D0%B4%D1%83';
    // The Russian label is not one of ours: no title is given.
    expect(discoverReferences(text).references[0].text).toBeUndefined();
    const english = `Related article: Удар по Белгороду\n${text.split('\n')[1]}`;
    expect(discoverReferences(english).references[0].text).toBe('Удар по Белгороду');
  });
});

describe('discoverReferences — Markdown', () => {
  it('reads links with their text, autolinks, titles and nested parentheses; skips images', () => {
    const text = [
      '# Heading',
      'According to [the *regional* governor](https://example.org/governor?utm_campaign=x "Governor") and',
      '[Wikipedia](https://en.wikipedia.org/wiki/Belgorod_(city)), see <https://example.org/autolink>.',
      '![A photo](https://example.org/photo.jpg) [![badge](https://example.org/badge.svg)](https://example.org/badge-target)',
      '[relative](/archive/2024) and [angle](<https://example.org/with space>) and [empty]()',
    ].join('\n');
    expect(discoverReferences(text, { baseUrl: 'https://example.org/articles/today' }).references).toEqual([
      { url: 'https://example.org/governor', text: 'the *regional* governor' },
      { url: 'https://en.wikipedia.org/wiki/Belgorod_(city)', text: 'Wikipedia' },
      { url: 'https://example.org/autolink' },
      { url: 'https://example.org/badge-target' },
      { url: 'https://example.org/archive/2024', text: 'relative' },
      { url: 'https://example.org/with%20space', text: 'angle' },
    ]);
  });

  it('reads reference-style links with the text of their first use', () => {
    const text = [
      'The [governor said][gov] it, [Reuters] confirmed it, [the ministry][] denied it; see [1] and ![chart][img].',
      'Unrelated [brackets] stay text.',
      '',
      '[GOV]: https://example.org/governor?utm_source=x "Governor"',
      '[reuters]: <https://wire.example.com/story>',
      '  [The  Ministry]: https://example.org/ministry',
      '[1]: https://example.org/footnote',
      '[img]: https://example.org/chart.png',
      '[unused]: https://example.org/unused',
    ].join('\n');
    expect(discoverReferences(text).references).toEqual([
      { url: 'https://example.org/governor', text: 'governor said' },
      { url: 'https://wire.example.com/story', text: 'Reuters' },
      { url: 'https://example.org/ministry', text: 'the ministry' },
      { url: 'https://example.org/footnote' },
      { url: 'https://example.org/chart.png' },
      { url: 'https://example.org/unused' },
    ]);
  });

  it('reads link text soft-wrapped over two lines, but not across a paragraph break', () => {
    expect(discoverReferences('As [the regional\ngovernor said](https://example.org/g) today.').references).toEqual([
      { url: 'https://example.org/g', text: 'the regional governor said' },
    ]);
    expect(discoverReferences('A [stray bracket\n\nnew paragraph](https://example.org/p)').references).toEqual([
      { url: 'https://example.org/p' },
    ]);
  });

  it('separates a bare URL glued to a Markdown link, and the URL glued after it', () => {
    expect(urls('https://example.org/a[b](https://example.org/b)https://example.org/c')).toEqual([
      'https://example.org/a',
      'https://example.org/b',
      'https://example.org/c',
    ]);
  });

  it('skips relative links without a base, and non-http schemes', () => {
    const text = '[a](/x) [b](mailto:desk@example.org) [c](javascript:void(0)) [d](#top) [e](tel:+1555) [f](ftp://example.org/f)';
    expect(urls(text)).toEqual([]);
  });

  it('drops link text that is just the URL, and keeps text that merely contains a colon', () => {
    expect(discoverReferences('[https://example.org/x](https://example.org/x) [Update: strike on Sumy](https://example.org/y)').references).toEqual([
      { url: 'https://example.org/x' },
      { url: 'https://example.org/y', text: 'Update: strike on Sumy' },
    ]);
  });
});

describe('discoverReferences — HTML', () => {
  const page = `<!doctype html>
<html><head>
  <title>Strike on Kharkiv</title>
  <link rel="canonical" href="/2025/03/14/strike?utm_source=rss">
  <base href="https://news.example.org/2025/03/">
  <script>var u = "https://tracker.example.com/pixel";</script>
</head><body>
  <article>
    <p>Officials <a href="14/earlier-story">said earlier</a> that
       the <a href="https://t.me/kharkiv_oda/100">regional administration</a> confirmed it.</p>
    <p>Archive: https://archive.example.net/kharkiv &amp; more.</p>
    <p><a href="javascript:void(0)">share</a> <a href="mailto:desk@example.org">mail</a>
       <a href="tel:+15550100">call</a> <a href="data:text/plain,hi">data</a> <a href="#comments">comments</a>
       <a href="https://news.example.org/2025/03/14/strike#top">this page</a>
       <a href="https://other.example.com/story">https://other.example.com/story</a>
       <a href="https://other.example.com/story?utm_medium=email">Other story</a></p>
    <style>a { background: url(https://cdn.example.com/bg.png) }</style>
  </article>
</body></html>`;

  it('reads anchors in order with their text, resolves relative hrefs, and takes the canonical link as its own URL', () => {
    expect(discoverReferences(page, { baseUrl: 'https://news.example.org/2025/03/14/strike' })).toEqual({
      url: 'https://news.example.org/2025/03/14/strike',
      references: [
        { url: 'https://news.example.org/2025/03/14/earlier-story', text: 'said earlier' },
        { url: 'https://t.me/kharkiv_oda/100', text: 'regional administration' },
        { url: 'https://archive.example.net/kharkiv' },
        { url: 'https://other.example.com/story', text: 'Other story' },
      ],
    });
  });

  it('resolves against <base href> even without a page URL', () => {
    expect(urls(page)[0]).toBe('https://news.example.org/2025/03/14/earlier-story');
  });

  it('finds an "Original url:" label followed by an anchor', () => {
    const html = '<p>Body <a href="https://example.org/ref">ref</a></p><p>Original url: <a href="https://example.org/own">here</a></p>';
    expect(discoverReferences(html)).toEqual({ url: 'https://example.org/own', references: [{ url: 'https://example.org/ref', text: 'ref' }] });
  });

  it('excludes the page URL from references', () => {
    const html = '<div><a href="/self">Self</a> <a href="/other">Other</a></div>';
    expect(discoverReferences(html, { baseUrl: 'https://example.org/self' }).references).toEqual([
      { url: 'https://example.org/other', text: 'Other' },
    ]);
  });

  it('leaves out page chrome (nav, header, footer, aside, forms) and share buttons', () => {
    const html = `<body><header><a href="https://example.org/">Home</a></header>
      <nav><a href="https://example.org/world">World</a></nav>
      <article><p>Body <a href="https://example.org/cited">cited</a>.</p>
        <p><a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Fexample.org%2Fself">Tweet</a>
           <a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a>
           <a href="https://t.me/share/url?url=x">Telegram</a> <a href="https://t.me/channel/5">Channel post</a></p></article>
      <aside><a href="https://example.org/popular">Most read</a></aside>
      <form action="/search"><button><a href="https://example.org/b">b</a></button></form>
      <footer><a href="https://example.org/privacy">Privacy</a></footer></body>`;
    expect(discoverReferences(html).references).toEqual([
      { url: 'https://example.org/cited', text: 'cited' },
      { url: 'https://t.me/channel/5', text: 'Channel post' },
    ]);
  });

  it('prefers <link rel=canonical> over a "Source:" label, which then stays a reference', () => {
    const html =
      '<html><head><meta property="og:url" content="https://example.org/own"></head>' +
      '<body><p>Text.</p><p>Source: <a href="https://wire.example.com/original">Wire</a></p></body></html>';
    expect(discoverReferences(html)).toEqual({
      url: 'https://example.org/own',
      references: [{ url: 'https://wire.example.com/original', text: 'Wire' }],
    });
  });

  it('ignores an unusable base instead of losing every link', () => {
    const html = '<p><a href="/relative">r</a> <a href="https://example.org/abs">a</a></p>';
    expect(urls(html, { baseUrl: 'not a url' })).toEqual(['https://example.org/abs']);
    expect(urls('<base href="javascript:x"><a href="/r">r</a>', { baseUrl: 'https://example.org/p' })).toEqual([
      'https://example.org/r',
    ]);
  });

  it('honours an explicit contentType over sniffing', () => {
    const markup = 'Note: <a href="https://example.org/x">x</a> https://example.org/y';
    expect(urls(markup, { contentType: 'text/html; charset=utf-8' })).toEqual(['https://example.org/x', 'https://example.org/y']);
    expect(urls('<p>https://example.org/z</p>', { contentType: 'text/plain' })).toEqual(['https://example.org/z']);
  });

  it('survives deeply nested markup', () => {
    const depth = 20_000;
    const html = `${'<div>'.repeat(depth)}<a href="https://example.org/deep">deep</a>${'</div>'.repeat(depth)}`;
    expect(urls(html)).toEqual(['https://example.org/deep']);
  });
});

describe('discoverReferences — odd input', () => {
  it.each([
    [''],
    ['https://'],
    ['http://[bad'],
    ['https://exa mple.org'],
    ['[x]('],
    ['[x](<https://example.org'],
    ['[x](https://example.org "title'],
    ['<https://'],
    ['Original url:'],
    ['Related article:'],
    ['\u0000\uFFFF\uD800 https://\uD800'],
    ['https://user:pass@example.org/secret'],
  ])('never throws on %j', (text) => {
    expect(() => discoverReferences(text)).not.toThrow();
    expect(discoverReferences(text).references.every((reference) => /^https?:\/\//.test(reference.url))).toBe(true);
  });

  // Catastrophic backtracking would turn each of these into minutes; linear scans take milliseconds.
  it.each([
    ['a URL made of URLs', 'https://'.repeat(12_500)],
    ['link openers', '[a]('.repeat(25_000)],
    ['nested parentheses', `[a](${'('.repeat(100_000)}`],
    ['unterminated autolinks', '<https://x'.repeat(10_000)],
    ['closing brackets', `https://example.org/${')'.repeat(100_000)}`],
    ['blanks in link text', `[${' '.repeat(100_000)}x](https://example.org/)`],
    ['bare words', 'www.'.repeat(25_000)],
    ['labels', 'Source: '.repeat(12_500)],
    ['wrapped lines', `${'https://example.org/'.padEnd(80, 'a')}\n${'b-1\n'.repeat(25_000)}`],
    ['tags', '<a href=x'.repeat(10_000)],
    ['reference definitions', `[a]: ${'x'.repeat(100_000)} y`],
    ['reference uses', `${'[a]'.repeat(33_000)}\n[a]: https://example.org/`],
    ['related titles and links', 'Related article: Kharkiv strike kills seven\nhttps://example.org/a\n'.repeat(1_500)],
    ['HTML anchors', '<p><a href="https://example.org/a">a</a></p>'.repeat(2_500)],
    ['wrapped URLs among links', `[x](https://a.example/b) ${'https://example.org/'.padEnd(60, 'a')}\nab-cd\n`.repeat(1_000)],
  ])('stays linear on a 100 kB line of %s', (_name, junk) => {
    expect(() => discoverReferences(junk)).not.toThrow();
  });
});
