import { describe, expect, it } from 'vitest';
import { fetchUrlFor } from '../../../src/pipeline/parse/fetch-url.js';

describe('fetchUrlFor', () => {
  it('sends Telegram posts to their embed view', () => {
    expect(fetchUrlFor('https://t.me/mod_russia/34256')).toBe('https://t.me/mod_russia/34256?embed=1&mode=tme');
    expect(fetchUrlFor('https://t.me/s/vvgladkov/4457')).toBe('https://t.me/vvgladkov/4457?embed=1&mode=tme');
    expect(fetchUrlFor('https://telegram.me/vvgladkov/4457/')).toBe('https://t.me/vvgladkov/4457?embed=1&mode=tme');
  });
  it('leaves channel pages and every other URL unchanged', () => {
    expect(fetchUrlFor('https://t.me/mod_russia')).toBe('https://t.me/mod_russia');
    expect(fetchUrlFor('https://www.themoscowtimes.com/2024/01/03/x-a1')).toBe('https://www.themoscowtimes.com/2024/01/03/x-a1');
  });
});
