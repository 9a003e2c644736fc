import { describe, expect, it } from 'vitest';
import { packagesLoadedBy } from '../helpers/packages-loaded.js';

describe('startWorkers', { timeout: 60_000 }, () => {
  it('loads no HTML parser library in the main thread: parsing runs in the CPU threads, which load it themselves', () => {
    const [loaded] = packagesLoadedBy(['src/workers/start-workers.ts']);
    expect(loaded).toContain('undici');
    expect(loaded).not.toContain('cheerio');
  });
});
