import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import { buildFeatures } from '../commands/index.js';
import type { InboundEvent } from '../src/engine/events.js';
import type { Feature } from '../src/engine/registry.js';
import { type TestBot, makeBot, tempDir } from './support/recording.js';

let tmp: ReturnType<typeof tempDir>;
let bot: TestBot;
const presses: InboundEvent[] = [];
const offer: Feature = {
  name: 'offer',
  rules: [
    {
      id: 'offer',
      on: ['message', 'buttonPressed'],
      stage: 'after',
      decide(ctx) {
        if (ctx.event.type === 'buttonPressed') return void presses.push(ctx.event);
        if (ctx.event.type === 'message' && ctx.event.text === 'offer') return [ctx.send('choose', { buttons: [{ label: 'Yes', data: 'choice:yes', keyword: '好的' }] })];
      },
    },
  ],
};

beforeEach(() => {
  tmp = tempDir();
  presses.length = 0;
  bot = makeBot({ dbPath: join(tmp.dir, 'k.db'), features: [...buildFeatures(), offer], capabilities: SIMULATED.wechat });
});
afterEach(() => {
  bot.close();
  tmp.cleanup();
});

describe('buttons where the platform has none', () => {
  it('are shown as a word to type; typing it in that chat presses the button, for a week', async () => {
    await bot.say('ann', 'offer');
    expect(bot.adapter.performed.at(-1)).toMatchObject({ type: 'send', text: 'choose\n回复「好的」：Yes' });
    expect(bot.app.store.buttonKeywords.liveChats).toBe(1);
    await bot.say('ann', ' 好的 ');
    expect(presses).toEqual([expect.objectContaining({ type: 'buttonPressed', data: 'choice:yes', sender: expect.objectContaining({ id: 'ann' }) })]);
    await bot.say('ann', '好的', { group: 'elsewhere' });
    expect(presses).toHaveLength(1); // another chat: just a message
    bot.clock.advance(8 * 86_400_000);
    await bot.app.tick(); // hourly tidying removes expired keywords
    await bot.say('ann', '好的');
    expect(presses).toHaveLength(1);
    expect(bot.app.store.buttonKeywords.liveChats).toBe(0); // the chat is forgotten with its last keyword
  });
});
