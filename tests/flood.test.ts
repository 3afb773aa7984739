import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import { type FloodLimits, type Said, judgeFlood, textHash } from '../src/features/flood/flood.js';
import { perTest, sentTexts, textEvent } from './support/recording.js';

const scratch = perTest();
const g = { platform: 'test', groupId: 'g1' };
const limits: FloodLimits = { messages: 10, seconds: 10, repeats: 3, stickers: 5 };
const said = (at: number, text = `m${at}`, sticker = false): Said => ({ at, sticker, text: textHash(text) });

describe('what counts as a flood', () => {
  it('more messages than the limit within the window; the same count spread wider is fine', () => {
    const ten = Array.from({ length: 10 }, (_, i) => said(i * 900));
    expect(judgeFlood(ten.slice(0, 9), said(9_000), limits)).toBeUndefined();
    expect(judgeFlood(ten, said(9_500), limits)).toBe('rate');
    expect(judgeFlood(ten, said(10_500), limits)).toBeUndefined(); // the first has left the window
  });

  it('the same text a fourth time within a minute, however it is spaced or cased', () => {
    const before = [said(0, '加我 VX'), said(20_000, '加我vx'), said(40_000, '加我ＶＸ！')];
    expect(judgeFlood(before, said(50_000, '加我 vx'), limits)).toBe('repeat');
    expect(judgeFlood(before, said(61_000, '加我 vx'), limits)).toBeUndefined();
    expect(judgeFlood(before, said(50_000, '好的'), limits)).toBeUndefined();
  });

  it('a burst of stickers or emoji is counted apart from words', () => {
    const five = Array.from({ length: 5 }, (_, i) => said(i * 1000, '', true));
    expect(judgeFlood(five, { at: 5_000, sticker: true, text: 0 }, limits)).toBe('stickers');
    expect(judgeFlood(five, said(5_000, '说正事'), limits)).toBeUndefined();
  });
});

describe('flood control in a group', () => {
  const open = (o: { wechat?: boolean } = {}) =>
    scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } }, ...(o.wechat ? { capabilities: SIMULATED.wechat } : {}) });

  async function burst(bot: ReturnType<typeof open>, who: string, n: number, everyMs = 500, text = (i: number) => `第 ${i} 条`) {
    const decided = [];
    for (let i = 0; i < n; i++) {
      decided.push(...(await bot.dispatch(textEvent(who, text(i), bot.clock.now()))));
      bot.clock.advance(everyMs);
    }
    return decided;
  }

  it('deletes what goes past the limit and says one line for the whole burst', async () => {
    const bot = open();
    const decided = await burst(bot, 'bob', 15);
    expect(decided.filter((a) => a.type === 'delete').map((a) => a.type === 'delete' && a.messageId)).toHaveLength(5);
    expect(sentTexts(decided)).toEqual(['@bob 请勿刷屏（10 秒内发了超过 10 条消息）。这是第 1 次：提醒。再有一次将警告。如有异议请发送 /appeal 申诉。']);
    // A second burst after a quiet spell (and the ladder's cooling period) climbs one step more.
    bot.clock.advance(3_600_000);
    const again = await burst(bot, 'bob', 12);
    expect(sentTexts(again)).toEqual([expect.stringContaining('这是第 2 次：警告')]);
  });

  it('members are counted apart, admins never, and a normal pace is never a flood', async () => {
    const bot = open();
    const decided = [
      ...(await burst(bot, 'ann', 8, 500)),
      ...(await burst(bot, 'cat', 8, 500)),
      ...(await burst(bot, 'dan', 40, 2_000)),
    ];
    for (let i = 0; i < 20; i++) decided.push(...(await bot.say('boss', `公告第 ${i} 条`)));
    expect(decided.filter((a) => a.type !== 'record' && a.type !== 'commandMenu')).toEqual([]);
  });

  it('the same text over and over is a flood even when slow', async () => {
    const bot = open();
    const decided = await burst(bot, 'eve', 5, 10_000, () => '求资料 求资料');
    expect(decided.filter((a) => a.type === 'delete')).toHaveLength(2);
    expect(sentTexts(decided)[0]).toContain('同样的内容一分钟内发了超过 3 次');
  });

  it('observe mode only writes down, once a burst, what it would have done', async () => {
    const bot = open();
    await bot.say('boss', '/flood observe');
    const decided = await burst(bot, 'bob', 15);
    expect(decided.filter((a) => a.type !== 'record')).toEqual([]);
    expect(bot.app.store.actionLog.recent(g).map((e) => [e.action, e.outcome])).toEqual([['flood (observe)', 'would:delete']]);
    expect(sentTexts(await bot.say('boss', '/log'))[0]).toMatch(/防刷屏（观察模式） bob：10 秒内发了超过 10 条消息 → 会删除这条消息$/);
  });

  it('owners set the limits by command, and a wrong number is named', async () => {
    const bot = open();
    expect(sentTexts(await bot.say('boss', '/flood 5 10'))[0]).toMatch(/^防刷屏：开启.*\n• 10 秒内最多 5 条消息/);
    expect(sentTexts(await bot.say('boss', '/flood repeat 1'))).toEqual(['flood.repeats 的值不对：应为 2 到 20 之间的整数。']);
    expect(sentTexts(await bot.say('boss', '/flood fast'))).toEqual([expect.stringMatching(/^用法/)]);
    expect(sentTexts(await bot.say('bob', '/flood off'))).toEqual([expect.stringContaining('管理员')]);
    expect((await burst(bot, 'fay', 7)).filter((a) => a.type === 'delete')).toHaveLength(2);
    await bot.say('boss', '/flood off');
    expect((await burst(bot, 'cat', 30)).filter((a) => a.type === 'delete')).toHaveLength(0);
  });

  it('where messages cannot be deleted (WeChat) nobody is reminded per message, and the owner is told once an hour', async () => {
    const bot = open({ wechat: true });
    await burst(bot, 'bob', 25);
    const sent = bot.adapter.performed.filter((a) => a.type === 'send' || a.type === 'dm');
    expect(sent.map((a) => a.type).sort()).toEqual(['dm', 'send']);
    expect(bot.app.store.actionLog.recent(g, 50).filter((e) => e.action === 'delete')).toHaveLength(15);
  });
});
