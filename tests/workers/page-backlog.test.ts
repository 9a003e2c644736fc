import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPageFetcher } from '../../src/pipeline/fetch/fetch-page.js';
import type { FetchPageOptions } from '../../src/pipeline/fetch/fetch-options.js';
import { PageBacklog } from '../../src/workers/page-backlog.js';
import { html, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { waitFor } from '../helpers/test-runtime.js';

const options: FetchPageOptions = {
  connectTimeoutMs: 2000,
  headersTimeoutMs: 2000,
  bodyTimeoutMs: 5000,
  totalTimeoutMs: 20_000,
  maxBodyBytes: 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'sitrep-test/1.0',
  allow: ['127.0.0.1'],
};

describe('page backlog: at most N page bodies held between the network and the CPU pool', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    const paragraph = '<p>The ferry left the harbour at dawn with forty passengers and a cargo of timber.</p>';
    server = await startScriptedServer({ '/page': html(`<html><body><article>${paragraph.repeat(2000)}</article></body></html>`) });
  });
  afterAll(() => server.close());

  it('hands places out first come, first served, and a release counts once', async () => {
    const backlog = new PageBacklog(2);
    const order: number[] = [];
    const releases = await Promise.all([backlog.hold(), backlog.hold()]);
    const later = [3, 4, 5].map((n) => backlog.hold().then((release) => (order.push(n), release)));
    await sleep(10);
    expect([backlog.held, backlog.waiting]).toEqual([2, 3]);
    releases[0]();
    releases[0]();
    await sleep(10);
    expect(order).toEqual([3]);
    expect([backlog.held, backlog.waiting]).toEqual([2, 2]);
    releases[1]();
    (await later[0])();
    await Promise.all(later.slice(1));
    expect(order).toEqual([3, 4, 5]);
    expect(() => new PageBacklog(0)).toThrow(RangeError);
  });

  it('holds at most N bodies while fetches outnumber it and one slow parser falls behind; fetch concurrency is not capped', async () => {
    const limit = 3;
    const jobs = 12;
    const backlog = new PageBacklog(limit);
    const fetcher = createPageFetcher(options);
    const requestsBefore = server.requests('/page');
    let inHand = 0;
    let mostInHand = 0;
    // One parser thread, 15 ms a page; it starts only once every job's request has reached the server,
    // which cannot happen if the backlog held fetches back before their requests.
    let parser: Promise<unknown> = waitFor(async () => server.requests('/page') - requestsBefore === jobs, 10_000, 'all requests sent');
    const parse = (bytes: Uint8Array) => (parser = parser.then(() => sleep(15)).then(() => expect(bytes.byteLength).toBeGreaterThan(100_000)));
    try {
      await Promise.all(
        Array.from({ length: jobs }, async () => {
          let release: (() => void) | undefined;
          const beforeBody = async () => {
            release = await backlog.hold();
            mostInHand = Math.max(mostInHand, ++inHand);
          };
          try {
            const page = await fetcher.fetch(server.url('/page'), undefined, { beforeBody });
            await parse(page.raw.bytes);
          } finally {
            inHand--;
            release?.();
          }
        }),
      );
    } finally {
      await fetcher.close();
    }
    expect(mostInHand).toBe(limit);
    expect([backlog.held, backlog.waiting, inHand]).toEqual([0, 0, 0]);
  });
});
