import { describe, expect, it } from 'vitest';
import { oncePerScrape } from '../../src/metrics/queue-collectors.js';

describe('oncePerScrape', () => {
  it('reads once for the gauges of one scrape, and again at the next scrape', async () => {
    let clock = 0;
    let reads = 0;
    const read = oncePerScrape(async () => ++reads, () => clock);
    expect(await Promise.all([read(), read()])).toEqual([1, 1]);
    clock = 999;
    expect(await read()).toBe(1);
    clock = 15_000;
    expect(await read()).toBe(2);
    expect(reads).toBe(2);
  });
});
