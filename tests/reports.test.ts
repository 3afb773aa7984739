import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import type { Action } from '../src/engine/actions.js';
import { ReportsRepo } from '../src/features/reports/reports.sql.js';
import { StrikesRepo } from '../src/features/penalties/strikes.sql.js';
import { perTest, sentTexts, textEvent } from './support/recording.js';

const scratch = perTest();
const g = { platform: 'test', groupId: 'g1' };
const open = () => scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } } });
type Bot = ReturnType<typeof open>;

let presses = 0;
/** The owner taps a button in their private chat with the bot. */
const tap = (bot: Bot, data: string, who = 'boss') =>
  bot.dispatch({ type: 'buttonPressed', platform: 'test', chat: 'private', groupId: who, eventId: `p${++presses}`, at: bot.clock.now(), sender: { id: who, name: who }, data, pressId: `q${presses}` });

/** Someone posts, a little later than the last message; returns the message, for others to reply to. */
async function posted(bot: Bot, from: string, text: string) {
  bot.clock.advance(15_000);
  const e = textEvent(from, text, bot.clock.now());
  await bot.dispatch(e);
  return { messageId: e.messageId, senderId: from, senderName: from, text };
}
const report = (bot: Bot, who: string, replyTo: Awaited<ReturnType<typeof posted>>) =>
  bot.dispatch(textEvent(who, '/report', bot.clock.now(), { extra: { replyTo } }));
const dmsTo = (actions: Action[], who: string) => actions.filter((a): a is Extract<Action, { type: 'dm' }> => a.type === 'dm' && a.userId === who);

describe('/report', () => {
  it("the admins get the message with one-tap choices; the reporter is thanked", async () => {
    const bot = open();
    const msg = await posted(bot, 'mallory', '你们这群人真无聊');
    await report(bot, 'ann', msg);
    const note = bot.adapter.performed.find((a) => a.type === 'dm' && a.userId === 'boss');
    expect(note).toMatchObject({ text: expect.stringContaining('ann 举报了 mallory 的消息：\n「你们这群人真无聊」') });
    expect(note?.type === 'dm' && note.buttons?.map((b) => b.label)).toEqual(['删除消息', '删除并记违规', '删除并移出群', '没问题']);
    expect(bot.adapter.texts()).toContain('已收到举报，管理员会尽快处理。谢谢你！');
    // A tap decides: the message goes, a strike is recorded, and a second tap changes nothing.
    const decided = await tap(bot, 'report:1:strike');
    expect(decided.filter((a) => a.type === 'delete')).toHaveLength(1);
    expect(sentTexts(decided)).toEqual([expect.stringMatching(/^@mallory 被成员举报（被成员举报，管理员确认违规）。这是第 1 次/)]);
    expect(bot.app.store.of(StrikesRepo).active(g, 'mallory', bot.clock.now().getTime())).toHaveLength(1);
    expect((await tap(bot, 'report:1:ban')).filter((a) => a.type === 'kick')).toEqual([]);
  });

  it('three reporters hide the message until an admin decides; dismissing puts it back', async () => {
    const bot = open();
    const msg = await posted(bot, 'nick', '这个方法其实不对，应该先看文档');
    await report(bot, 'ann', msg);
    await report(bot, 'bob', msg);
    const third = await report(bot, 'cat', msg);
    expect(third.filter((a) => a.type === 'delete')).toMatchObject([{ messageId: msg.messageId }]);
    expect(sentTexts(third)).toEqual(['nick 的一条消息被 3 位成员举报，已先隐藏，等管理员处理。']);
    expect(dmsTo(bot.adapter.performed, 'boss')).toHaveLength(1); // one note for the message, not one per report
    const dismissed = await tap(bot, 'report:1:dismiss');
    expect(sentTexts(dismissed)).toEqual(['（管理员看过举报，没有问题，恢复 nick 的消息）这个方法其实不对，应该先看文档']);
    expect(bot.app.store.of(ReportsRepo).get(1)).toMatchObject({ state: 'dismissed' });
    expect(sentTexts(await report(bot, 'dan', msg))).toEqual(['这条举报已经处理过了。']);
  });

  it('misuse gets a polite no: no reply, your own message, an admin, twice, too often', async () => {
    const bot = open();
    expect(sentTexts(await bot.say('ann', '/report'))).toEqual([expect.stringMatching(/^用法/)]);
    const mine = await posted(bot, 'ann', '我的消息');
    expect(sentTexts(await report(bot, 'ann', mine))).toEqual(['不能举报自己的消息哦。']);
    const boss = await posted(bot, 'boss', '群公告');
    expect(sentTexts(await report(bot, 'ann', boss))).toEqual(['管理员的消息不能举报；有意见可以私下和群主沟通。']);
    const msg = await posted(bot, 'bob', '随便说说');
    await report(bot, 'ann', msg);
    expect(sentTexts(await report(bot, 'ann', msg))).toEqual(['你已经举报过这条消息了，管理员会处理。']);
    for (let i = 0; i < 4; i++) await report(bot, 'ann', await posted(bot, `m${i}`, `消息 ${i}`));
    expect(sentTexts(await report(bot, 'ann', await posted(bot, 'zed', '又一条')))).toEqual(['你这一小时里举报得有点多了，稍后再试吧。']);
    bot.clock.advance(3_600_000);
    expect(sentTexts(await report(bot, 'ann', await posted(bot, 'zed', '再一条')))).toEqual(['已收到举报，管理员会尽快处理。谢谢你！']);
  });

  it('only admins decide, and the action log says who did what', async () => {
    const bot = open();
    const msg = await posted(bot, 'mallory', '加群领红包');
    await report(bot, 'ann', msg);
    expect(sentTexts(await tap(bot, 'report:1:ban', 'ann'))).toEqual([]);
    expect(bot.adapter.performed.filter((a) => a.type === 'answerButton').at(-1)).toMatchObject({ text: '只有群主和管理员可以处理举报。' });
    const banned = await tap(bot, 'report:1:ban');
    expect(banned.filter((a) => a.type === 'kick')).toMatchObject([{ user: { id: 'mallory' } }]);
    expect(sentTexts(await bot.say('boss', '/log'))[0]).toMatch(/举报：移出 mallory：被成员举报，管理员确认违规 → 由 boss 处理/);
  });
});
