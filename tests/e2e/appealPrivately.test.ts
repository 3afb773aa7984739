// A muted member cannot post in the group: the appeal, and their own commands, go through a
// private chat with the bot, in member wording.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/engine/actions.js';
import { SIMULATED } from '../../adapters/shell/capabilities.js';
import { perTest, sentTexts } from '../support/recording.js';
import { FakeBotApi, groupText } from '../support/fakeBotApi.js';
import { startTelegram } from '../support/telegramBot.js';

const scratch = perTest();
const owner = { role: 'owner' as const };
const dm = { chat: 'private' as const, group: 'bob' };

describe('appeals from a private chat', () => {
  it('a muted member appeals privately; the owner accepts with one tap and the mute is lifted', async () => {
    const bot = scratch.bot({ config: { owners: { test: ['boss'] } } });
    await bot.say('o', '/ladder mute:1h,kick', owner);
    await bot.say('bob', '大家好');
    const struck = await bot.say('bob', '兼职日结 刷单 日赚500 加我薇信 abc_12345');
    expect(struck.map((a) => a.type)).toEqual(expect.arrayContaining(['delete', 'mute']));

    const appealed = await bot.say('bob', '/appeal 我发错群了', dm);
    expect(sentTexts(appealed)).toEqual(['申诉已提交，群主会尽快处理。']);
    const toOwner = appealed.find((a): a is Extract<Action, { type: 'notifyOwner' }> => a.type === 'notifyOwner')!;
    expect(toOwner.text).toContain('申诉理由：我发错群了');

    const accept = toOwner.buttons!.find((b) => b.data.startsWith('appeal:accept:'))!;
    const decided = await bot.dispatch({ type: 'buttonPressed', platform: 'test', groupId: 'boss', chat: 'private', eventId: 'press1', at: bot.clock.now(), sender: { id: 'boss', name: 'Boss' }, data: accept.data, pressId: 'p1' });
    expect(decided.map((a) => a.type)).toContain('unmute');
  });

  it('on WeChat, where nothing was deleted, an accepted appeal reposts nothing', async () => {
    const bot = scratch.bot({ config: { owners: { test: ['boss'] } }, capabilities: SIMULATED.wechat });
    await bot.say('bob', '大家好');
    await bot.say('bob', '兼职日结 刷单 日赚500 加我薇信 abc_12345');
    const toOwner = (await bot.say('bob', '/appeal', dm)).find((a): a is Extract<Action, { type: 'notifyOwner' }> => a.type === 'notifyOwner')!;
    const accept = toOwner.buttons!.find((b) => b.data.startsWith('appeal:accept:'))!;
    const decided = await bot.dispatch({ type: 'buttonPressed', platform: 'test', groupId: 'boss', chat: 'private', eventId: 'press2', at: bot.clock.now(), sender: { id: 'boss', name: 'Boss' }, data: accept.data });
    expect(sentTexts(decided).join('\n')).not.toContain('加我薇信');
    expect(sentTexts(decided)).toContain('@bob 的申诉已通过，这次违规记录已撤销。');
  });

  it('a member\'s own commands answer privately, about their group', async () => {
    const bot = scratch.bot();
    await bot.say('bob', '打卡');
    expect(sentTexts(await bot.say('bob', '/points', dm))[0]).toMatch(/10/);
    expect(sentTexts(await bot.say('bob', '/warns', dm))).toHaveLength(1);
  });
});

describe('on Telegram', () => {
  it('the strike message carries a link to the private chat, which explains how to appeal', async () => {
    const api = await new FakeBotApi().start();
    const run = await startTelegram({ dir: scratch.dir, api });
    try {
      const member = { id: 77, first_name: 'Bob' };
      api.push(groupText(-1005, member, '兼职日结 刷单 日赚500 加我薇信 abc_12345'));
      await api.until(() => api.callsOf('sendMessage').length >= 1);
      const strike = String(api.callsOf('sendMessage')[0]!.payload.text);
      expect(strike).toContain('被禁言也可以私聊我申诉：https://t.me/steward_bot?start=appeal');
      api.push(groupText(77, member, '/start appeal'));
      await api.until(() => api.callsOf('sendMessage').length >= 2);
      expect(api.callsOf('sendMessage')[1]!.payload).toMatchObject({ chat_id: '77', text: expect.stringMatching(/^要对处罚提出申诉，请发送 \/appeal/) });
    } finally {
      await run.stop();
      await api.stop();
    }
  });
});
