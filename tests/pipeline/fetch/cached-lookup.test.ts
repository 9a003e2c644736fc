import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedLookup } from '../../../src/pipeline/fetch/cached-lookup.js';

/** A resolver that counts its queries: `answer` per name (an error code, or addresses). */
function countingResolver(answer: (hostname: string) => string | LookupAddress[]) {
  const asked: Array<{ hostname: string; options: unknown }> = [];
  const lookup = ((hostname, options, callback) => {
    asked.push({ hostname, options });
    const result = answer(hostname);
    process.nextTick(() => {
      if (typeof result === 'string') return callback(Object.assign(new Error(`getaddrinfo ${result} ${hostname}`), { code: result }), '', 0);
      if (options.all) return callback(null, result);
      const first = result.find((a) => !options.family || a.family === options.family) ?? result[0];
      callback(null, first.address, first.family);
    });
  }) as LookupFunction;
  return { lookup, asked };
}

function ask(lookup: LookupFunction, hostname: string, options: Parameters<LookupFunction>[1]): Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }> {
  return new Promise((resolve) => lookup(hostname, options, (error, address, family) => resolve({ error, address, family })));
}

const NEWS: LookupAddress[] = [
  { address: '93.184.216.34', family: 4 },
  { address: '2606:2800:220:1::1', family: 6 },
];

describe('cachedLookup', () => {
  afterEach(() => vi.useRealTimers());

  it('answers calls for one name at once, and soon after, from one query, in the form each asked for', async () => {
    const resolver = countingResolver(() => NEWS);
    const lookup = cachedLookup(resolver.lookup);
    const [all, single] = await Promise.all([ask(lookup, 'news.example', { all: true }), ask(lookup, 'news.example', {})]);
    expect(all).toMatchObject({ error: null, address: NEWS });
    expect(single).toMatchObject({ error: null, address: '93.184.216.34', family: 4 });
    expect((await ask(lookup, 'news.example', { all: true })).address).toEqual(NEWS);
    expect(resolver.asked).toHaveLength(1);
    expect(resolver.asked[0].options).toMatchObject({ all: true });
  });

  it('shares a failure the same way (offline, every URL of a host fails on one query)', async () => {
    const resolver = countingResolver(() => 'EAI_AGAIN');
    const lookup = cachedLookup(resolver.lookup);
    const results = await Promise.all([1, 2, 3].map(() => ask(lookup, 't.me', { all: true })));
    for (const { error } of results) expect(error?.code).toBe('EAI_AGAIN');
    expect(resolver.asked).toHaveLength(1);
  });

  it('asks again once the answer is older than its memory, and per name', async () => {
    vi.useFakeTimers();
    const resolver = countingResolver(() => NEWS);
    const lookup = cachedLookup(resolver.lookup, 1000);
    const settled = ask(lookup, 'news.example', { all: true });
    await vi.advanceTimersByTimeAsync(0);
    await settled;
    await ask(lookup, 'other.example', { all: true });
    expect(resolver.asked.map((a) => a.hostname)).toEqual(['news.example', 'other.example']);
    await vi.advanceTimersByTimeAsync(1001);
    await ask(lookup, 'news.example', { all: true });
    expect(resolver.asked.map((a) => a.hostname)).toEqual(['news.example', 'other.example', 'news.example']);
  });

  it('passes a call for one address family to the resolver as it is', async () => {
    const resolver = countingResolver(() => NEWS);
    const lookup = cachedLookup(resolver.lookup);
    expect(await ask(lookup, 'news.example', { family: 6 })).toMatchObject({ address: '2606:2800:220:1::1', family: 6 });
    await ask(lookup, 'news.example', { family: 6 });
    expect(resolver.asked).toEqual([{ hostname: 'news.example', options: { family: 6 } }, { hostname: 'news.example', options: { family: 6 } }]);
  });
});
