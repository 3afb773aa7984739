import { beforeEach, describe, expect, it } from 'vitest';
import { type TestBot, perTest, sentTexts, textEvent } from './support/recording.js';
import { CheckinsRepo } from '../src/features/checkin/checkins.sql.js';

const scratch = perTest();
let bot: TestBot;
const g = { platform: 'test', groupId: 'g1' };
const owner = { role: 'owner' as const };
const AD = '加我微信 wx_abc12345 兼职日结 刷单 日赚500';

beforeEach(() => {
  bot = scratch.bot();
});

describe('guards see every message, commands included, before any command runs', () => {
  it('an unverified newcomer\'s command carrying an ad is held back, not answered', async () => {
    await bot.say('o', '/verify button', owner);
    await bot.dispatch({ type: 'memberJoined', ...g, eventId: 'j1', at: bot.clock.now(), members: [{ id: 'newbie', name: 'newbie' }] });
    const out = await bot.say('newbie', `/me ${AD}`);
    expect(out.map((a) => a.type)).toContain('delete');
    expect(sentTexts(out).join('\n')).not.toMatch(/积分|连续/); // /me was not answered
  });

  it('"打卡 <an ad>" is removed as an ad and earns no check-in', async () => {
    await bot.say('ann', '大家好，今天开始学习');
    const out = await bot.say('ann', `打卡 ${AD}`);
    expect(out.map((a) => a.type)).toContain('delete');
    expect(sentTexts(out).join('\n')).toMatch(/禁止广告/);
    expect(bot.app.store.of(CheckinsRepo).figures(g, 'ann')?.total ?? 0).toBe(0);
  });

  it('an ordinary command still runs, after the guards let it through', async () => {
    await bot.say('ann', '大家好');
    expect(sentTexts(await bot.say('ann', '打卡 读完第三章'))[0]).toMatch(/^✅/);
  });

  it('in work hours a command is judged by the words after it; a bare command is on topic', async () => {
    await bot.say('o', '/worktime mon-fri 09:00-18:00', owner);
    await bot.say('o', '/focus strict', owner);
    expect(sentTexts(await bot.say('ann', '打卡'))).toEqual([expect.stringMatching(/^✅/)]);
    const chatter = sentTexts(await bot.say('bob', '打卡 哈哈哈哈哈哈'));
    expect(chatter[0]).toMatch(/^@bob 工作时间请聊与主题相关的内容/);
  });
});

describe('a guard decides as data', () => {
  it('explaining a message (/why) runs every guard and writes nothing: their records are never carried out', async () => {
    await bot.say('o', '/worktime mon-sun 00:00-23:59', owner);
    await bot.say('o', '/focus strict', owner);
    await bot.say('ann', '大家好，今天开始学习');
    const chatter = textEvent('ann', '哈哈哈哈哈哈', bot.clock.now());
    const before = bot.app.store.changes();
    const decisions = await bot.app.engine.explain(chatter);
    expect(decisions.map((d) => d.rule)).toEqual(['onboarding.newcomer-messages', 'adfilter', 'locks', 'flood', 'workhours.focus']);
    // What the history teaches the topic model, the strike and its log line are in the decision...
    expect(decisions.at(-1)!.actions.flatMap((a) => (a.type === 'record' ? [a.kind] : []))).toEqual(['workhours.example', 'penalties.strike', 'log']);
    // ...and not in the database.
    expect(bot.app.store.changes()).toBe(before);
    // Carried out for real, the same decision does write them.
    await bot.dispatch(chatter);
    expect(bot.app.store.actionLog.recent(g)[0]).toMatchObject({ action: 'strike', userId: 'ann' });
  });
});
