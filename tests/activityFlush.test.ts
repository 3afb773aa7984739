import { beforeEach, describe, expect, it } from 'vitest';
import { normalizeUpdate } from '../adapters/telegram/normalize.js';
import { groupText } from './support/fakeBotApi.js';
import { type TestBot, perTest, textEvent } from './support/recording.js';

const scratch = perTest();
let bot: TestBot;
const g = { platform: 'test', groupId: 'g1' };
beforeEach(() => {
  bot = scratch.bot();
  bot.app.store.groups.ensure(g, 0);
});

const counted = () => bot.app.store.activity.hourly(g, new Date(0), new Date('2100-01-01')).reduce((n, h) => n + h.count, 0);

describe('one bad row loses nothing else', () => {
  it('a Telegram update whose date is not a number is dated when it arrived', () => {
    const now = new Date('2026-11-24T10:00:00+08:00');
    const update = { update_id: 1, ...groupText(-100, { id: 5, first_name: 'Ann' }, 'hi', { date: 'yesterday' }) };
    const [event] = normalizeUpdate(update as never, { id: 999 }, now);
    expect(event?.at).toEqual(now);
  });

  it('an event without a valid time is ignored alone; the others are counted', async () => {
    for (let i = 0; i < 50; i++) await bot.dispatch(textEvent(`m${i}`, 'hello', bot.clock.now()));
    expect(await bot.dispatch(textEvent('bad', 'hello', new Date(Number.NaN)))).toEqual([]);
    await bot.app.tick();
    expect(counted()).toBe(50);
  });

  it('a flush that cannot write one row writes all the others and reports the one', () => {
    for (let i = 0; i < 50; i++) bot.app.store.activity.record(g, `m${i}`, bot.clock.now(), 'text');
    bot.app.store.activity.record({ platform: 'test', groupId: 'no-such-group' }, 'x', bot.clock.now(), 'text'); // breaks a foreign key
    bot.app.store.activity.flush();
    expect(counted()).toBe(50);
    expect(bot.app.store.activity.takeDropped()).toBe(1);
    expect(bot.app.store.activity.takeDropped()).toBe(0);
  });
});
