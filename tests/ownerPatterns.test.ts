import { describe, expect, it } from 'vitest';
import { blockWordMatcher } from '../src/features/adfilter/checks.js';
import { partsInOrder } from '../src/text/glob.js';
import { perTest, sentTexts } from './support/recording.js';

describe('block words with a wildcard', () => {
  it('match the parts in order, each within twenty characters of the last', () => {
    expect(partsInOrder('代开增值税发票', ['代开', '发票'], 20)).toBe(true);
    expect(partsInOrder('发票代开', ['代开', '发票'], 20)).toBe(false);
    expect(partsInOrder(`代开${'x'.repeat(21)}发票`, ['代开', '发票'], 20)).toBe(false);
    expect(partsInOrder(`代开${'x'.repeat(20)}发票`, ['代开', '发票'], 20)).toBe(true);
    // The first 代开 is too far from 发票, the second is close enough.
    expect(partsInOrder(`代开${'x'.repeat(30)}代开票发票`, ['代开', '发票'], 20)).toBe(true);
    expect(partsInOrder('abc', [], 20)).toBe(false);
  });

  it('an owner pattern built to backtrack is answered at once, on a long message too', () => {
    const match = blockWordMatcher(['a*a*a*a*a*a*b']);
    expect(match('a'.repeat(100))).toBeUndefined();
    expect(match('a'.repeat(100_000))).toBeUndefined();
    expect(match(`${'a'.repeat(50)}b`)).toBe('a*a*a*a*a*a*b');
  });
});

describe('one group\'s settings never stall another group', () => {
  const scratch = perTest();

  it('after /block add a*a*a*a*a*a*b, a 100-character message is judged and the next group is answered', async () => {
    const bot = scratch.bot();
    await bot.say('owner', '/block add a*a*a*a*a*a*b', { role: 'owner', group: 'hostile' });
    expect(await bot.say('ann', 'a'.repeat(100), { group: 'hostile' })).toEqual([]);
    expect(sentTexts(await bot.say('bob', '/rules', { group: 'calm' }))).toHaveLength(1);
  });
});
