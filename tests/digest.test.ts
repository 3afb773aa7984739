import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import { PointsRepo } from '../src/features/checkin/points.sql.js';
import { perTest, sentTexts, textEvent } from './support/recording.js';

const scratch = perTest();
const g = { platform: 'test', groupId: 'g1' };
const open = () => scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } } });
type Bot = ReturnType<typeof open>;

async function said(bot: Bot, who: string, text: string) {
  const e = textEvent(who, text, bot.clock.now());
  await bot.dispatch(e);
  return { messageId: e.messageId, senderId: who, senderName: who, text };
}
const mark = (bot: Bot, replyTo: Awaited<ReturnType<typeof said>>, who = 'boss') => bot.dispatch(textEvent(who, '加精', bot.clock.now(), { extra: { replyTo } }));

describe('the digest (精华)', () => {
  it('an admin marks a message: its author is mentioned and earns points; once only', async () => {
    const bot = open();
    const tip = await said(bot, 'ann', 'Vite 的 optimizeDeps.include 可以解决冷启动慢的问题');
    expect(sentTexts(await mark(bot, tip))).toEqual(['🌟 @ann 的这条发言被设为精华：「Vite 的 optimizeDeps.include 可以解决冷启动慢的问题」，+10 积分。谢谢分享！']);
    expect(bot.app.store.of(PointsRepo).balance(g, 'ann')).toBe(10);
    expect(sentTexts(await mark(bot, tip))).toEqual(['这条已经是精华了。']);
    expect(sentTexts(await mark(bot, tip, 'bob'))).toEqual([expect.stringContaining('管理员')]);
    expect(sentTexts(await bot.say('bob', '/digests'))[0]).toMatch(/^🌟 最近的精华：\n• 2026-11-24 ann：Vite 的 optimizeDeps/);
  });

  it("the week's marked messages are posted together on Sunday evening", async () => {
    const bot = open();
    await mark(bot, await said(bot, 'ann', '分享一个调试技巧：用 debugger 语句'));
    await mark(bot, await said(bot, 'bob', '推荐一本书：《重构》'));
    await bot.app.scheduler.advanceTo(bot.clock, new Date('2026-11-29T20:01:00+08:00'));
    expect(bot.adapter.texts().at(-1)).toBe('🌟 本周精华（2 条）：\n• ann：分享一个调试技巧：用 debugger 语句\n• bob：推荐一本书：《重构》\n感谢每一位分享的朋友！');
  });
});
