import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import type { Action } from '../src/engine/actions.js';
import { parsePoll } from '../src/features/polls/polls.js';
import { perTest, sentTexts } from './support/recording.js';

const scratch = perTest();
const g = { platform: 'test', groupId: 'g1' };
const HOUR = 3_600_000;
const open = (o: { wechat?: boolean } = {}) => scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } }, ...(o.wechat ? { capabilities: SIMULATED.wechat } : {}) });
type Bot = ReturnType<typeof open>;
let presses = 0;
const vote = (bot: Bot, who: string, data: string) =>
  bot.dispatch({ type: 'buttonPressed', ...g, eventId: `v${++presses}`, at: bot.clock.now(), sender: { id: who, name: who }, data, pressId: `q${presses}` });
const posted = (actions: Action[]) => actions.find((a): a is Extract<Action, { type: 'send' }> => a.type === 'send');

describe('reading /poll', () => {
  it('a question and two to ten choices, anonymous and a duration in front if wanted', () => {
    expect(parsePoll('周末活动去哪 | 爬山 | 看展')).toEqual({ question: '周末活动去哪', choices: ['爬山', '看展'], anonymous: false, durationMs: 24 * HOUR });
    expect(parsePoll('匿名 2h 这门课难吗｜难｜还行｜简单')).toEqual({ question: '这门课难吗', choices: ['难', '还行', '简单'], anonymous: true, durationMs: 2 * HOUR });
    expect(parsePoll('只有一个选项 | 好')).toBeUndefined();
    expect(parsePoll('没有选项')).toBeUndefined();
  });
});

describe('polls in a group', () => {
  it('members vote with buttons, may change their vote, and the result is posted when it closes', async () => {
    const bot = open();
    const opened = await bot.say('ann', '/poll 2h 周末活动去哪 | 爬山 | 看展 | 桌游');
    const msg = posted(opened)!;
    expect(msg.text).toBe('📊 投票 #1：周末活动去哪\n1. 爬山\n2. 看展\n3. 桌游\n（2026-11-24 11:00 截止；可以改投）');
    expect(msg.buttons?.map((b) => b.data)).toEqual(['poll:1:0', 'poll:1:1', 'poll:1:2']);
    await vote(bot, 'bob', 'poll:1:0');
    await vote(bot, 'cat', 'poll:1:0');
    await vote(bot, 'dan', 'poll:1:2');
    await vote(bot, 'dan', 'poll:1:1'); // changed their mind
    expect(bot.adapter.performed.filter((a) => a.type === 'answerButton').at(-1)).toMatchObject({ text: '已投「看展」（截止前可以改）' });
    await bot.app.scheduler.advanceTo(bot.clock, new Date(bot.clock.now().getTime() + 2 * HOUR + 1000));
    expect(bot.adapter.texts().at(-1)).toBe('📊 投票结果：周末活动去哪\n爬山  ███████ 2 票（67%）：bob、cat\n看展  ███ 1 票（33%）：dan\n桌游  · 0 票（0%）\n共 3 人投票。');
    expect((await vote(bot, 'eve', 'poll:1:2')).length).toBeGreaterThan(0);
    expect(bot.adapter.performed.filter((a) => a.type === 'answerButton').at(-1)).toMatchObject({ text: '这个投票已经结束了。' });
  });

  it('an anonymous poll shows no names; its author or an admin may close it early, nobody else', async () => {
    const bot = open();
    await bot.say('ann', '/poll 匿名 这门课难吗 | 难 | 简单');
    await vote(bot, 'bob', 'poll:1:0');
    expect(sentTexts(await bot.say('bob', '/poll close 1'))).toEqual(['只有发起人和管理员可以提前结束投票。']);
    expect(sentTexts(await bot.say('boss', '/poll'))).toEqual(['进行中的投票：\n#1 这门课难吗\n（/poll close 编号 提前结束）']);
    expect(sentTexts(await bot.say('ann', '/poll close 1'))).toEqual(['📊 投票结果：这门课难吗\n难  ██████████ 1 票（100%）\n简单  · 0 票（0%）\n共 1 人投票。']);
    expect(sentTexts(await bot.say('ann', '/poll close 1'))).toEqual(['本群没有进行中的投票 1。']);
  });

  it('on WeChat the choices are typed, and the group is not answered for each vote', async () => {
    const bot = open({ wechat: true });
    await bot.say('ann', '/poll 午饭吃什么 | 面 | 饭');
    expect(bot.adapter.texts().at(-1)).toMatch(/回复「投1-1」：面\n回复「投1-2」：饭$/);
    expect(sentTexts(await bot.say('bob', '投1-2'))).toEqual([]);
    expect(sentTexts(await bot.say('ann', '/poll close 1'))[0]).toMatch(/饭  ██████████ 1 票（100%）：bob/);
  });
});
