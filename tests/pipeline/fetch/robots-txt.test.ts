import { describe, expect, it } from 'vitest';
import { SitrepError } from '../../../src/errors/sitrep-error.js';
import robotsParserModule from 'robots-parser';
import { checkRobots, compactRobots, robotsEntryFromError, robotsOrigin, robotsUrlFor, type RobotsEntry } from '../../../src/pipeline/fetch/robots-txt.js';

const rules = (body: string): RobotsEntry => ({ kind: 'rules', body, fetchedAt: '2026-01-01T00:00:00.000Z' });
const allowed = (entry: RobotsEntry, url: string, token = 'sitrep') => checkRobots(entry, url, token).allowed;
const httpError = (status: number) =>
  new SitrepError(status >= 500 ? 'SITREP_ERR_HTTP_SERVER' : status === 429 ? 'SITREP_ERR_HTTP_RATE_LIMITED' : 'SITREP_ERR_HTTP_CLIENT', `HTTP ${status}`, { details: { status } });

describe('robots.txt (RFC 9309)', () => {
  it('lives at the root of the same scheme, host and port', () => {
    expect(robotsUrlFor('https://Example.com:8443/a/b?c#d')).toBe('https://example.com:8443/robots.txt');
    expect(robotsOrigin('http://example.com/x')).toBe('http://example.com');
  });

  it('applies the group that names our product token, case-insensitively, else the * group (§2.2.1)', () => {
    const entry = rules('User-agent: *\nDisallow: /\n\nUser-agent: SiTrEp\nDisallow: /private\n');
    expect(allowed(entry, 'http://a.test/news/1')).toBe(true);
    expect(allowed(entry, 'http://a.test/private/1')).toBe(false);
    expect(allowed(entry, 'http://a.test/news/1', 'otherbot')).toBe(false);
  });

  it('merges groups that name the same user-agent (§2.2.1)', () => {
    const entry = rules('User-agent: sitrep\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\nUser-agent: sitrep\nDisallow: /b\n');
    expect([allowed(entry, 'http://a.test/a'), allowed(entry, 'http://a.test/b'), allowed(entry, 'http://a.test/c')]).toEqual([false, false, true]);
  });

  it('takes the longest match, Allow on a tie; * and $ as special characters (§2.2.2, §2.2.3)', () => {
    const entry = rules('User-agent: *\nDisallow: /news\nAllow: /news/public\nDisallow: /*.pdf$\nAllow: /page\nDisallow: /page\n');
    expect(allowed(entry, 'http://a.test/news/secret')).toBe(false);
    expect(allowed(entry, 'http://a.test/news/public/1')).toBe(true);
    expect(allowed(entry, 'http://a.test/files/report.pdf')).toBe(false);
    expect(allowed(entry, 'http://a.test/files/report.pdf?x=1')).toBe(true);
    expect(allowed(entry, 'http://a.test/page')).toBe(true);
  });

  it('allows everything with no matching group or an empty file; /robots.txt itself is always allowed', () => {
    expect(allowed(rules(''), 'http://a.test/x')).toBe(true);
    expect(allowed(rules('User-agent: otherbot\nDisallow: /\n'), 'http://a.test/x')).toBe(true);
    expect(allowed(rules('User-agent: *\nDisallow: /\n'), 'http://a.test/robots.txt')).toBe(true);
  });

  it('reads Crawl-delay for our group, capped at a minute', () => {
    expect(checkRobots(rules('User-agent: *\nCrawl-delay: 2.5\n'), 'http://a.test/', 'sitrep').crawlDelayMs).toBe(2500);
    expect(checkRobots(rules('User-agent: *\nCrawl-delay: 86400\n'), 'http://a.test/', 'sitrep').crawlDelayMs).toBe(60_000);
    expect(checkRobots(rules('User-agent: *\nDisallow: /x\n'), 'http://a.test/', 'sitrep').crawlDelayMs).toBeUndefined();
  });

  it('keeps only what the parser reads: same verdicts, line numbers and delays; an HTML page shrinks to its line count', () => {
    const parse = robotsParserModule as unknown as (url: string, body: string) => {
      isAllowed(url: string, ua: string): boolean | undefined;
      getMatchingLineNumber(url: string, ua: string): number;
      getCrawlDelay(ua: string): number | undefined;
      getSitemaps(): string[];
    };
    const file = [
      '# robots for a.test',
      'User-agent: sitrep   # us',
      'Noindex: /x',
      'User-agent: otherbot',
      'Disallow: /private # not for otherbot: the Noindex line ended our group',
      '',
      'user-agent : *',
      'Crawl-delay: 3',
      'Disallow: /a:b',
      'Allow: /a:b/open',
      'not a directive at all',
      ': empty key',
      'Sitemap: https://a.test/sitemap.xml',
    ].join('\r\n');
    const compact = compactRobots(file);
    expect(compact.split('\n')).toHaveLength(13);
    const [before, after] = [file, compact].map((body) => parse('http://a.test/robots.txt', body));
    for (const ua of ['sitrep', 'otherbot', 'anybot']) {
      for (const path of ['/private/1', '/a:b/c', '/a:b/open/1', '/x']) {
        expect(after.isAllowed(`http://a.test${path}`, ua)).toBe(before.isAllowed(`http://a.test${path}`, ua));
        expect(after.getMatchingLineNumber(`http://a.test${path}`, ua)).toBe(before.getMatchingLineNumber(`http://a.test${path}`, ua));
      }
      expect(after.getCrawlDelay(ua)).toBe(before.getCrawlDelay(ua));
    }
    expect(after.getSitemaps()).toEqual(before.getSitemaps());
    const page = `<html>\n${'<p style="color: red">Sorry: page not found</p>\n'.repeat(2000)}</html>`;
    expect(compactRobots(page).length).toBeLessThan(page.length / 10);
  });

  it('maps fetch failures: 4xx allow all (§2.3.1.3); 5xx, 429 and no answer disallow all (§2.3.1.4)', () => {
    expect(robotsEntryFromError(httpError(404)).kind).toBe('allow-all');
    expect(robotsEntryFromError(httpError(401)).kind).toBe('allow-all');
    expect(robotsEntryFromError(httpError(500)).kind).toBe('unreachable');
    expect(robotsEntryFromError(httpError(429)).kind).toBe('unreachable');
    expect(robotsEntryFromError(new SitrepError('SITREP_ERR_TIMEOUT', 'headers timeout')).kind).toBe('unreachable');
    expect(robotsEntryFromError(new SitrepError('SITREP_ERR_CONNECT', 'refused')).kind).toBe('unreachable');
    // More redirects than followed: "unavailable" (§2.3.1.2).
    expect(robotsEntryFromError(new SitrepError('SITREP_ERR_TOO_MANY_REDIRECTS', 'loop')).kind).toBe('allow-all');
    const unreachable = checkRobots(robotsEntryFromError(httpError(503)), 'http://a.test/x', 'sitrep');
    expect(unreachable).toMatchObject({ allowed: false, unreachable: true });
  });

  it('lets host failures through: the page would fail the same way', () => {
    expect(() => robotsEntryFromError(new SitrepError('SITREP_ERR_BLOCKED_ADDRESS', 'blocked'))).toThrow('blocked');
    expect(() => robotsEntryFromError(new SitrepError('SITREP_ERR_HOST_NOT_FOUND', 'nx'))).toThrow('nx');
  });
});
