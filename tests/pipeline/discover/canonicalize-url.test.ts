import { describe, expect, it } from 'vitest';
import { sitrepErrorOf } from '../../helpers/sitrep-error-of.js';
import { canonicalizeUrl, tryCanonicalizeUrl, urlKey } from '../../../src/pipeline/discover/canonicalize-url.js';


describe('canonicalizeUrl', () => {
  it.each([
    ['HTTP://News.Example.COM/Path/Case', 'http://news.example.com/Path/Case'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    ['http://example.com:443/a', 'http://example.com:443/a'],
    ['https://example.com/a#section-2', 'https://example.com/a'],
    ['https://example.com/a?', 'https://example.com/a'],
    ['https://example.com/a?#top', 'https://example.com/a'],
    ['https://example.com', 'https://example.com/'],
    ['https://example.com./a', 'https://example.com/a'],
    ['https://example.com/a/./b/../c', 'https://example.com/a/c'],
    ['https://bücher.example/straße', 'https://xn--bcher-kva.example/stra%C3%9Fe'],
    ['https://example.com/%7euser/%2f%c3%a4', 'https://example.com/~user/%2F%C3%A4'],
    ['https://[2001:DB8::1]:443/x', 'https://[2001:db8::1]/x'],
    ['http://[::1]:8080/x', 'http://[::1]:8080/x'],
    ['  https://example.com/padded  ', 'https://example.com/padded'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('drops tracking parameters and keeps the others in their order', () => {
    expect(
      canonicalizeUrl(
        'https://example.com/story?utm_source=tw&id=7&UTM_Medium=social&fbclid=x&b=2&gclid=y&a=1&_ga=1.2&ref=home&msclkid=z',
      ),
    ).toBe('https://example.com/story?id=7&b=2&a=1');
    expect(canonicalizeUrl('https://example.com/?utm_campaign=x&utm_content=y')).toBe('https://example.com/');
    expect(canonicalizeUrl('https://example.com/?mc_cid=1&mc_eid=2&igshid=3&yclid=4&dclid=5&ref_src=6&cmpid=7')).toBe(
      'https://example.com/',
    );
  });

  it('does not drop parameters that merely resemble tracking ones', () => {
    expect(canonicalizeUrl('https://example.com/?reference=1&utm=2&prefix_utm_x=3&page=2')).toBe(
      'https://example.com/?reference=1&utm=2&prefix_utm_x=3&page=2',
    );
  });

  it('recognizes percent-encoded and plus-encoded tracking names, and drops empty pairs', () => {
    expect(canonicalizeUrl('https://example.com/?%75tm_source=x&&q=a+b&=v')).toBe('https://example.com/?q=a+b&=v');
  });

  it('keeps a query parameter whose name has a stray percent sign', () => {
    expect(canonicalizeUrl('https://example.com/?100%=yes')).toBe('https://example.com/?100%=yes');
  });

  it('resolves against a base', () => {
    expect(canonicalizeUrl('../b?x=1#f', 'https://Example.com/a/c/d')).toBe('https://example.com/a/b?x=1');
    expect(canonicalizeUrl('//cdn.example.com/x', 'http://example.com/')).toBe('http://cdn.example.com/x');
  });

  it('is idempotent', () => {
    for (const input of [
      'HTTP://Example.com:80/a/../b?utm_source=x&q=%7e&r=%c3%a4#f',
      'https://xn--bcher-kva.example/%C3%A4?x=%20y',
      'https://example.com/a%2fb?q=a%2Bb',
    ]) {
      const once = canonicalizeUrl(input);
      expect(canonicalizeUrl(once)).toBe(once);
    }
  });

  it.each([
    ['not a url'],
    ['/relative/path'],
    ['ftp://example.com/file'],
    ['mailto:someone@example.com'],
    ['javascript:alert(1)'],
    ['data:text/html,hi'],
    ['https://'],
    ['https://user:secret@example.com/'],
    ['https://user@example.com/'],
    ['http://./'],
  ])('rejects %s with SITREP_ERR_INVALID_URL', (input) => {
    expect(sitrepErrorOf(() => canonicalizeUrl(input)).code).toBe('SITREP_ERR_INVALID_URL');
  });

  it('keeps the message short for huge input', () => {
    const error = sitrepErrorOf(() => canonicalizeUrl(`x${'a'.repeat(10_000)}`));
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('tryCanonicalizeUrl', () => {
  it('returns what canonicalizeUrl returns, and undefined where it throws', () => {
    expect(tryCanonicalizeUrl('HTTPS://Example.com:443/a?utm_source=x#f')).toBe('https://example.com/a');
    expect(tryCanonicalizeUrl('b', 'https://example.com/a/')).toBe('https://example.com/a/b');
    for (const input of ['/relative', 'mailto:desk@example.org', 'https://user:pw@example.com/', 'https://', 'x', '']) {
      expect(tryCanonicalizeUrl(input)).toBeUndefined();
    }
    // As in WHATWG URL, an unusable base fails even an absolute input.
    expect(tryCanonicalizeUrl('https://example.com/', 'not a base')).toBeUndefined();
  });
});

describe('urlKey', () => {
  it('is the first 32 hex characters of the sha256 of the canonical URL', () => {
    // sha256("https://example.com/") computed independently with `printf %s https://example.com/ | sha256sum`
    expect(urlKey('https://example.com/')).toBe('0f115db062b7c0dd030b16878c99dea5');
    expect(urlKey('https://example.com/')).toMatch(/^[0-9a-f]{32}$/);
    expect(urlKey('https://example.com/a')).not.toBe(urlKey('https://example.com/b'));
  });
});
