import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import type { Action } from '../src/engine/actions.js';
import type { MessageEvent } from '../src/engine/events.js';
import { type TestBot, makeBot, sentTexts, tempDir, textEvent } from './support/recording.js';
import { StrikesRepo } from '../src/features/penalties/strikes.sql.js';
import { AdFilterRepo } from '../src/features/adfilter/adfilter.sql.js';

let tmp: ReturnType<typeof tempDir>;
let bot: TestBot;
const g = { platform: 'test', groupId: 'g1' };
beforeEach(() => {
  tmp = tempDir();
  bot = makeBot({ dbPath: join(tmp.dir, 'a.db'), config: { owners: { test: ['boss'] } } });
});
afterEach(() => {
  bot.close();
  tmp.cleanup();
});

/** The last message posted, for replies to it. */
let last: MessageEvent;
const post = (from: string, text: string, extra: Partial<MessageEvent> = {}) => bot.dispatch((last = textEvent(from, text, bot.clock.now(), { extra })));
const types = (a: Action[]) => a.map((x) => x.type).filter((t) => t !== 'commandMenu');
const owner = { role: 'owner' as const };

describe('the ad filter in a group', () => {
  it('removes a clear ad and strikes the sender; the deleted text waits for an appeal', async () => {
    await post('bob', '大家好');
    const out = await post('bob', '加我薇信 abc_12345 领资料');
    expect(types(out)).toEqual(['delete', 'send']);
    expect(sentTexts(out)[0]).toMatch(/^@bob 禁止广告（联系方式[、）]/); // and the model's opinion, when it has one
    expect(bot.app.store.of(StrikesRepo).active(g, 'bob', bot.clock.now().getTime())[0]).toMatchObject({ rule: 'ads', messageText: '加我薇信 abc_12345 领资料' });
  });

  it("removes a newcomer's certain ad (a contact channel with a lure) together with the newcomer", async () => {
    await bot.dispatch({ type: 'memberJoined', ...g, eventId: 'j', at: bot.clock.now(), members: [{ id: 'new', name: 'new' }] });
    expect(types(await post('new', '兼职日结 刷单 日赚500 加我薇信 abc_12345'))).toEqual(['delete', 'kick']);
  });

  it("a newcomer's clear ad without a way to reach them is removed and struck, not the newcomer: doubt never removes a member", async () => {
    await bot.dispatch({ type: 'memberJoined', ...g, eventId: 'j', at: bot.clock.now(), members: [{ id: 'new', name: 'new' }] });
    expect(types(await post('new', 'USDT 跑分 稳赚 带单 私聊'))).toEqual(['delete', 'send']);
  });

  it('a member who joined lately but has been talking is no newcomer: the same ad is struck, not kicked', async () => {
    await bot.dispatch({ type: 'memberJoined', ...g, eventId: 'j2', at: bot.clock.now(), members: [{ id: 'amy', name: 'amy' }] });
    for (const text of ['大家好', '我是做前端的', '请教一个部署问题', '谢谢大家', '明白了']) await post('amy', text);
    expect(types(await post('amy', 'USDT 跑分 稳赚 带单 私聊'))).toEqual(['delete', 'send']);
  });

  it('sends a doubtful message to the owner, who decides with one tap; both answers teach the group', async () => {
    await post('bob', '大家好');
    const doubtful = await post('bob', '有兴趣的可以加我微信了解一下');
    const asked = last;
    expect(types(doubtful)).toEqual(['notifyOwner']);
    expect(doubtful.find((a) => a.type === 'notifyOwner')).toMatchObject({ buttons: [{ data: 'ad:spam:1' }, { data: 'ad:ham:1' }] });
    let presses = 0;
    const press = (data: string, who = 'boss') =>
      bot.dispatch({ type: 'buttonPressed', ...g, chat: 'private', groupId: who, eventId: `b${++presses}`, at: bot.clock.now(), sender: { id: who, name: who }, data, pressId: `q${presses}` });
    expect(types(await press('ad:spam:1', 'bob'))).toEqual(['answerButton']); // not the owner: refused
    const decided = await press('ad:spam:1');
    expect(types(decided)).toEqual(['answerButton', 'delete', 'send']);
    expect(decided[1]).toMatchObject({ groupId: 'g1', messageId: asked.messageId });
    expect(types(await press('ad:spam:1'))).toEqual(['answerButton']); // decided already
    expect(bot.app.store.of(AdFilterRepo).examples(g)).toEqual([{ label: 'spam', text: '有兴趣的可以加我微信了解一下' }]);
  });

  it('observe mode only logs what it would do', async () => {
    await bot.say('o', '/adfilter observe', owner);
    await post('bob', '大家好');
    expect(await post('bob', '加我薇信 abc_12345 领资料')).toEqual([]);
    expect(bot.app.store.actionLog.recent(g)[0]).toMatchObject({ action: 'adfilter (observe)', userId: 'bob', outcome: expect.stringMatching(/^would:remove:/) });
  });

  it('never touches admins or trusted members; allowed sites and block words are the owner’s', async () => {
    await bot.dispatch({ type: 'adminsKnown', ...g, eventId: 'a', at: bot.clock.now(), admins: [{ id: 'ann', name: 'ann', role: 'admin' }] });
    expect(await post('ann', '加我薇信 abc_12345')).toEqual([]);
    await bot.say('o', '/allow add https://www.example.com/docs', owner);
    await post('bob', '大家好');
    expect(await post('bob', 'http://t.cn/x', { urls: ['http://t.cn/x'] })).not.toEqual([]);
    expect(await post('bob', 'https://example.com/a', { urls: ['https://example.com/a'] })).toEqual([]);
    expect(sentTexts(await bot.say('o', '/block add 代开*发票', owner))).toEqual(['屏蔽词已更新：代开*发票']);
    expect(types(await post('bob', '可以代开增值税发票'))).toContain('delete');
  });

  it('/spam removes a missed ad and learns it; /notspam learns the other way', async () => {
    await post('bob', '大家好');
    const reply = { messageId: 'x1', senderId: 'bob', senderName: 'bob', text: '新品上市 优惠多多' };
    const out = await bot.app.dispatch({ type: 'message', ...g, chat: 'group', eventId: 's1', messageId: 's1', at: bot.clock.now(), sender: { id: 'o', name: 'o', role: 'owner' }, kind: 'text', text: '/spam', replyTo: reply });
    expect(types(out)).toEqual(['send', 'delete', 'send']);
    await bot.app.dispatch({ type: 'message', ...g, chat: 'group', eventId: 's2', messageId: 's2', at: bot.clock.now(), sender: { id: 'o', name: 'o', role: 'owner' }, kind: 'text', text: '/notspam', replyTo: { ...reply, text: '周末部署新版本' } });
    expect(bot.app.store.of(AdFilterRepo).examples(g).map((e) => e.label).sort()).toEqual(['ham', 'spam']);
    expect(sentTexts(await bot.say('o', '/adfilter', owner))).toEqual(['防广告：开启\n本群教过我：广告 1 条，不是广告 1 条。']);
    expect(sentTexts(await bot.say('o', '/spam', owner))).toEqual(['请回复要处理的那条消息再发送这个命令。']);
  });

  it("the learning loop: an admin's /spam teaches this group's model, and no other group's", async () => {
    const missed = '新到一批进口零食 价格美丽 手慢无';
    await post('bob', '大家好');
    await post('bob', '大家好', { groupId: 'g2' });
    expect(await post('bob', missed)).toEqual([]); // nothing any check knows, and the shared model is not sure
    await bot.dispatch(textEvent('o', '/spam', bot.clock.now(), { role: 'owner', extra: { replyTo: { messageId: last.messageId, senderId: 'bob', senderName: 'bob', text: missed } } }));
    expect(types(await post('carl', `${missed}！`))).not.toEqual([]);
    expect(await post('carl', `${missed}！`, { groupId: 'g2' })).toEqual([]);
  });

  it('on WeChat, which cannot delete, one public message asks to recall the ad, and the owner is told', async () => {
    const wx = makeBot({ dbPath: join(tmp.dir, 'w.db'), capabilities: SIMULATED.wechat, config: { owners: { test: ['boss'] } } });
    await wx.say('bob', '你好');
    await wx.say('bob', 'QQ 123456789 收徒');
    const done = wx.adapter.performed.filter((a) => a.type !== 'commandMenu');
    expect(done.map((a) => a.type).sort()).toEqual(['dm', 'send']);
    expect(wx.adapter.texts().find((t) => t.startsWith('@bob'))).toMatch(/^@bob 禁止广告（联系方式.*请撤回这条消息。/s);
    wx.close();
  });
});
