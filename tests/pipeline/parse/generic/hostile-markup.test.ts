import { describe, expect, it } from 'vitest';
import type { AnyNode } from 'domhandler';
import { parseArticle } from '../../../../src/pipeline/parse/parse-article.js';
import { scanPage } from '../../../../src/pipeline/parse/generic/scan-page.js';
import { MAX_ELEMENTS, MAX_OPEN_ELEMENTS, parseHtml } from '../../../../src/pipeline/parse/parse-html.js';

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

  it('reads a block inside an inline element (used to throw a TypeError)', () => {
    for (const html of [
      `<span><div>${PROSE.repeat(2)}</div></span>`,
      `<html><body><span><div>${PROSE.repeat(3)}</div></span></body></html>`,
      `<html><body><b><section>${PROSE.repeat(2)}</section></b></body></html>`,
    ]) {
      const text = parseArticle({ html, url: 'https://news.example.com/a' }).text;
      expect(text).toMatch(/killed|flood defences/);
    }
  });

  it('flattens inline nesting past the open-element cap and keeps the text', () => {
    const depth = 120_000;
    const html = `<html><body>${PROSE.repeat(3)}${'<i><b><u>'.repeat(depth / 3)}deep words at the bottom of the nest${'</u></b></i>'.repeat(depth / 3)}<p>Closing paragraph after the nest, which the flattened page still reads as text.</p></body></html>`;
    const text = parseArticle({ html, url: 'https://news.example.com/a' }).text;
    expect(text).toContain('flood defences');
    let deepest = 0;
    const stack: Array<[AnyNode, number]> = [[parseHtml(html), 0]];
    while (stack.length > 0) {
      const [node, d] = stack.pop()!;
      deepest = Math.max(deepest, d);
      if ('children' in node) for (const child of node.children) stack.push([child, d + 1]);
    }
    expect(deepest).toBeLessThanOrEqual(MAX_OPEN_ELEMENTS + 2);
    expect(scanPage(parseHtml(html)).blocks.map((b) => b.text).join(' ')).toContain('deep words at the bottom of the nest');
  });

  it('builds at most MAX_ELEMENTS elements and reads the markup past them as text, code excluded', () => {
    const filler = '<span>w</span>'.repeat(MAX_ELEMENTS + 1_000);
    const tail = '<div><p>Words after the element cap are kept.</p><script>stolenCode()</script><style>p{}</style><b>bold tail</b></div>';
    const root = parseHtml(`<html><body>${PROSE}${filler}${tail}</body></html>`);
    let elements = 0;
    let text = '';
    const stack: AnyNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'tag' || node.type === 'script' || node.type === 'style') elements++;
      if (node.type === 'text') text += node.data;
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
    expect(elements).toBe(MAX_ELEMENTS);
    expect(text).toContain('Words after the element cap are kept.');
    expect(text).toContain('bold tail');
    expect(text).not.toContain('stolenCode');
    expect(text).not.toContain('p{}');
  });
});
