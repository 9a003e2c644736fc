import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../../src/pipeline/parse/parse-article.js';

const PROSE = '<p>The council approved the new flood defences on Tuesday after a long debate, and work starts in spring, the chair said.</p>';

describe('hostile or odd markup', () => {
  it('survives nesting deeper than the call stack', () => {
    const depth = 50_000;
    const html = `<html><body>${PROSE.repeat(3)}${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}</body></html>`;
    expect(parseArticle({ html, url: 'https://news.example.com/a' }).text).toContain('flood defences');
  });

  it('ignores hidden elements, scripts and styles', () => {
    const html = `<html><body><article>${PROSE}<div hidden><p>Hidden paragraph that should never be read as article text at all.</p></div><div style="display: none"><p>Invisible paragraph that should never be read as article text at all.</p></div><script>var text = "script text";</script><style>p { color: red }</style>${PROSE}</article></body></html>`;
    const text = parseArticle({ html, url: 'https://news.example.com/a' }).text;
    expect(text).not.toMatch(/Hidden|Invisible|script text|color/);
  });

  it('keeps a page whose whole article sits in a wrapper named like boilerplate', () => {
    const html = `<html><body><div class="paywall ad-margins">${PROSE.repeat(4)}</div><div class="sidebar"><p>Most read: an unrelated story about the weather this weekend, and others.</p></div></body></html>`;
    const text = parseArticle({ html, url: 'https://news.example.com/a' }).text;
    expect(text.split('\n\n')).toHaveLength(4);
    expect(text).not.toContain('Most read');
  });
});
