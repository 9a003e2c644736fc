import { afterAll, describe, expect, it } from 'vitest';
import { planDiscovery } from '../../src/pipeline/discover/plan-discovery.js';
import { extractFacts } from '../../src/pipeline/extract/extract-facts.js';
import { createCpuPool } from '../../src/workers/cpu-pool.js';
import { parsePage } from '../../src/workers/parse-page.js';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { articleHtml } from '../helpers/article-html.js';
import { HOG, RUNAWAY } from './fixtures/runaway-cpu-tasks.js';

async function rejection(promise: Promise<unknown>): Promise<SitrepError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SitrepError);
  return error as SitrepError;
}

const PAGE = articleHtml('Strike on the bridge', { links: ['https://example.org/report'] });
const TITLE = 'Strike on the bridge';

describe('cpu pool: parse, extract and discover in worker threads, under a deadline', () => {
  const pool = createCpuPool({ threads: 2, deadlineMs: 1500, filename: new URL('./fixtures/runaway-cpu-tasks.ts', import.meta.url) });
  afterAll(() => pool.close());

  it('returns what the stage functions return in-process', async () => {
    expect(await pool.run('parse', { body: PAGE, contentType: 'text/html', url: 'https://news.example/bridge' })).toEqual(parsePage(PAGE, 'text/html', 'https://news.example/bridge'));
    const markdown = '# Strike\n\nSeven people were **killed** and 12 injured, [officials said](https://example.org/a).';
    expect(await pool.run('parse', { body: markdown, contentType: 'text/markdown', url: null })).toEqual(parsePage(markdown, 'text/markdown', null));
    const text = 'Seven people were killed and 12 injured on Monday.';
    expect(await pool.run('extract', { text, options: { publishedAt: '2024-05-07' } })).toEqual(extractFacts(text, { publishedAt: '2024-05-07' }));
    const discover = { kind: 'article', content: PAGE, contentType: 'text/html' } as const;
    expect(await pool.run('discover', discover)).toEqual(planDiscovery(discover));
  });

  it('moves transferred bytes to the thread instead of copying them', async () => {
    const bytes = new TextEncoder().encode(PAGE);
    const article = await pool.run('parse', { body: { bytes, contentTypeHeader: 'text/html; charset=utf-8' }, contentType: 'text/html', url: null }, [bytes.buffer]);
    expect(article.title).toBe(TITLE);
    // Detached here: the thread has the only copy.
    expect(bytes.byteLength).toBe(0);
  });

  it('keeps the code of an error thrown in a thread', async () => {
    const error = await rejection(pool.run('parse', { body: '<html><body></body></html>', contentType: 'text/html', url: null }));
    expect(error.code).toBe('SITREP_ERR_NO_ARTICLE');
  });

  it('stops a runaway task at its deadline (SITREP_ERR_CPU_DEADLINE, permanent) while the event loop stays free, then carries on', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const started = Date.now();
    const runaway = rejection(pool.run('parse', { body: RUNAWAY, contentType: 'text/html', url: null }));
    // The other thread keeps working meanwhile.
    expect((await pool.run('parse', { body: PAGE, contentType: 'text/html', url: null })).title).toBe(TITLE);
    const error = await runaway;
    const elapsed = Date.now() - started;
    clearInterval(ticker);
    expect(error.code).toBe('SITREP_ERR_CPU_DEADLINE');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('1500 ms');
    // The main thread's timers kept firing all along (a blocked loop would have fired ~once).
    expect(ticks).toBeGreaterThan(elapsed / 20 / 4);
    const again = await Promise.all([pool.run('parse', { body: PAGE, contentType: 'text/html', url: null }), pool.run('parse', { body: PAGE, contentType: 'text/html', url: null }), pool.run('parse', { body: PAGE, contentType: 'text/html', url: null })]);
    expect(again.map((a) => a.title)).toEqual(Array(3).fill(TITLE));
  });

  it('queues tasks beyond its threads without charging the wait to their deadline', async () => {
    const runaways = [pool.run('parse', { body: RUNAWAY, contentType: 'text/html', url: null }), pool.run('parse', { body: RUNAWAY, contentType: 'text/html', url: null })].map(rejection);
    // Waits for a thread until the runaways are stopped (~deadlineMs), then parses: not stopped itself.
    const queued = pool.run('parse', { body: PAGE, contentType: 'text/html', url: null });
    expect((await queued).title).toBe(TITLE);
    expect((await Promise.all(runaways)).map((e) => e.code)).toEqual(['SITREP_ERR_CPU_DEADLINE', 'SITREP_ERR_CPU_DEADLINE']);
  });

  it('parses and extracts a 5 MB article (fetch.maxBodyBytes) within the default thread heap', async () => {
    // The default cpu.threadHeapMb must hold the largest body a fetch lets through (at 64 MB this failed).
    const paragraph = (i: number) => `<p>Report ${i}: three people were killed and twelve injured when a missile struck a building in Kharkiv on Monday, officials <a href="/r/${i}">said</a>.</p>\n`;
    const parts = ['<!doctype html><html lang="en"><head><title>Long report</title></head><body><article><h1>Long report</h1>'];
    for (let i = 0, size = 0; size < 5 * 1024 * 1024 - 200; i++) size += parts[parts.push(paragraph(i)) - 1].length;
    const body = `${parts.join('')}</article></body></html>`;
    const big = createCpuPool({ threads: 1, deadlineMs: 300_000 });
    try {
      const article = await big.run('parse', { body, contentType: 'text/html', url: 'https://news.example/long' });
      expect(article.text.length).toBeGreaterThan(4_000_000);
      await expect(big.run('extract', { text: article.text })).resolves.toBeTruthy();
    } finally {
      await big.close();
    }
  }, 300_000);

  it('stops a task that outgrows its thread heap (SITREP_ERR_CPU_MEMORY, permanent), and carries on', async () => {
    const small = createCpuPool({ threads: 1, threadHeapMb: 64, deadlineMs: 120_000, filename: new URL('./fixtures/runaway-cpu-tasks.ts', import.meta.url) });
    try {
      const error = await rejection(small.run('parse', { body: HOG, contentType: 'text/html', url: null }));
      expect(error.code).toBe('SITREP_ERR_CPU_MEMORY');
      expect(error.retryable).toBe(false);
      expect((await small.run('parse', { body: PAGE, contentType: 'text/html', url: null })).title).toBe(TITLE);
    } finally {
      await small.close();
    }
  });
});
