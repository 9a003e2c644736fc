import { describe, expect, it } from 'vitest';
import { cleanTitle } from '../../../../src/pipeline/parse/metadata/title.js';

describe('cleanTitle', () => {
  it('drops a site-name suffix or prefix', () => {
    expect(cleanTitle('Storm hits coast | The Daily Example', { siteName: 'The Daily Example' })).toBe('Storm hits coast');
    expect(cleanTitle('Daily Example — Storm hits coast', { siteName: 'Daily Example' })).toBe('Storm hits coast');
    expect(cleanTitle('Storm hits coast - dailyexample.com', { host: 'www.dailyexample.com' })).toBe('Storm hits coast');
    expect(cleanTitle('Index funds: how to invest | Vanguard', { host: 'investor.vanguard.com' })).toBe('Index funds: how to invest');
    expect(cleanTitle('Storm hits coast | Example', { host: 'www.example.co.uk' })).toBe('Storm hits coast');
  });

  it('removes a segment naming a section of the URL path, never the story\'s own slug', () => {
    expect(cleanTitle('Storm hits coast | Opinion', { path: '/story/opinion/2025/storm-hits-coast/' })).toBe('Storm hits coast');
    expect(cleanTitle('Bread machines - My favorites!', { path: '/bread-machines/' })).toBe('Bread machines - My favorites!');
  });

  it('uses the headline to confirm a suffix it cannot name', () => {
    expect(cleanTitle('Storm hits coast - Weather - DEX', { headline: 'Storm hits coast' })).toBe('Storm hits coast');
  });
  it('keeps separators that are part of the headline', () => {
    expect(cleanTitle('Ukraine war: what we know - Example', { siteName: 'Example' })).toBe('Ukraine war: what we know');
    expect(cleanTitle('Left - right politics explained')).toBe('Left - right politics explained');
  });
});
