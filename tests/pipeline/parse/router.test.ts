import { describe, expect, it } from 'vitest';
import { parserFor } from '../../../src/pipeline/parse/router.js';

describe('parserFor', () => {
  it('picks the Telegram parser by host and the generic one otherwise', () => {
    expect(parserFor('https://t.me/a_channel/1')).toBe(parserFor('https://telegram.me/a_channel/1'));
    expect(parserFor('https://example.com/a')).toBe(parserFor(null));
    expect(parserFor('https://example.com/a')).not.toBe(parserFor('https://t.me/a_channel/1'));
  });
});
