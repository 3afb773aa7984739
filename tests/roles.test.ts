import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageEvent } from '../src/engine/events.js';
import { type TestBot, makeBot, sentTexts, tempDir, textEvent } from './support/recording.js';

let tmp: ReturnType<typeof tempDir>;
let bot: TestBot;
beforeEach(() => {
  tmp = tempDir();
  bot = makeBot({ dbPath: join(tmp.dir, 'r.db') });
});
afterEach(() => {
  bot.close();
  tmp.cleanup();
});

const message = (from: string, text: string, extra: Partial<MessageEvent> = {}): MessageEvent => textEvent(from, text, bot.clock.now(), { group: 'room@chatroom', extra });

describe('a group the adapter was not configured for', () => {
  it('is ignored entirely until its owner says /manage on', async () => {
    expect(await bot.dispatch(message('alice', '/rules', { unmanaged: true }))).toEqual([]);
    expect(await bot.dispatch(message('alice', '/manage on', { unmanaged: true }))).toEqual([]); // not the owner
    expect(bot.app.store.groups.exists({ platform: 'test', groupId: 'room@chatroom' })).toBe(false); // nothing recorded
    const on = await bot.dispatch(message('olga', '/manage on', { unmanaged: true, sender: { id: 'olga', name: 'Olga', role: 'owner' } }));
    expect(sentTexts(on)).toEqual(['好的，从现在起我来管理「room@chatroom」。发送 /help 查看命令。']);
    expect(sentTexts(await bot.dispatch(message('alice', '/rules', { unmanaged: true })))[0]).toMatch(/^本群还没有设置群规/);
    await bot.dispatch(message('olga', '/manage off', { unmanaged: true, sender: { id: 'olga', name: 'Olga', role: 'owner' } }));
    expect(await bot.dispatch(message('alice', '/rules', { unmanaged: true }))).toEqual([]);
  });

  it('a configured group answers /manage with why it is always managed', async () => {
    expect(sentTexts(await bot.dispatch(message('olga', '/manage off', { sender: { id: 'olga', name: 'Olga', role: 'owner' } })))).toEqual([
      '「room@chatroom」写在配置文件里，始终由我管理。',
    ]);
  });
});

describe('admins set by the owner (WeChat has no admin list)', () => {
  const olga = { id: 'olga', name: 'Olga', role: 'owner' as const };

  it('by @mention, by reply, or by name; and taken back', async () => {
    const at = bot.clock.now();
    await bot.dispatch({ type: 'adminsKnown', platform: 'test', groupId: 'room@chatroom', eventId: 'o', at, admins: [{ id: 'olga', name: 'Olga', role: 'owner' }] });
    await bot.dispatch(message('bob', 'hi', { sender: { id: 'bob', name: '小明' } }));
    expect(sentTexts(await bot.dispatch(message('olga', '/admin add @小明', { sender: olga, mentions: [{ id: 'bob', name: '小明' }] })))).toEqual([
      '已把 小明 设为管理员。',
    ]);
    expect(sentTexts(await bot.dispatch(message('bob', '/tz', { sender: { id: 'bob', name: '小明' } })))[0]).toMatch(/^本群时区/);
    await bot.dispatch(message('olga', '/admin remove 小明', { sender: olga }));
    expect(sentTexts(await bot.dispatch(message('bob', '/tz', { sender: { id: 'bob', name: '小明' } })))[0]).toMatch(/^抱歉/);
    await bot.dispatch(message('olga', '/admin add', { sender: olga, replyTo: { messageId: 'm', senderId: 'carl', senderName: 'Carl' } }));
    expect(sentTexts(await bot.dispatch(message('x', '/admins')))).toEqual(['群主：Olga\n管理员：Carl']);
  });

  it('only the owner may appoint, and a name shared by two asks for a mention', async () => {
    await bot.dispatch(message('a1', 'hi', { sender: { id: 'a1', name: '同名' } }));
    await bot.dispatch(message('a2', 'hi', { sender: { id: 'a2', name: '同名' } }));
    expect(sentTexts(await bot.dispatch(message('a1', '/admin add 同名', { sender: { id: 'a1', name: '同名' } })))).toEqual(['抱歉，/admin 只有群主可以使用。']);
    expect(sentTexts(await bot.dispatch(message('olga', '/admin add 同名', { sender: olga })))).toEqual(['有不止一位成员叫「同名」，请 @ 他或回复他的消息。']);
    expect(sentTexts(await bot.dispatch(message('olga', '/admin promote x', { sender: olga })))[0]).toMatch(/^用法：\/admin add\|remove/);
  });
});

describe('titles (组织感)', () => {
  it('the owner gives titles; /admins shows them, a welcome names them, and /call mentions everyone with one', async () => {
    const bot = makeBot({ dbPath: join(tmp.dir, 'titles.db'), config: { owners: { test: ['boss'] } } });
    await bot.say('wang', '大家好');
    await bot.say('li', '大家好');
    await bot.say('zhou', '大家好');
    expect(sentTexts(await bot.say('boss', '/title wang 讲师'))).toEqual(['wang 的头衔：讲师。']);
    bot.clock.advance(60_000);
    await bot.say('boss', '/title li 助教');
    await bot.say('boss', '/title zhou 助教');
    expect(sentTexts(await bot.say('ann', '/title ann 讲师'))).toEqual([expect.stringContaining('群主')]);
    expect(sentTexts(await bot.say('ann', '/admins'))[0]).toMatch(/\n讲师：wang\n助教：li、zhou$/);
    const called = await bot.say('boss', '/call 助教 今晚的作业请批改一下');
    expect(called.find((a) => a.type === 'send')).toMatchObject({ text: '@li @zhou 今晚的作业请批改一下', mentions: [{ id: 'li' }, { id: 'zhou' }] });
    expect(sentTexts(await bot.say('boss', '/call 嘉宾'))).toEqual(['本群还没有人是「嘉宾」。群主可以用 /title @成员 嘉宾 设置。']);
    expect(sentTexts(await bot.say('boss', '/welcome 欢迎 {name}！本群的老师：{staff}'))[0]).toContain('本群的老师：讲师 wang；助教 li、zhou');
    await bot.say('boss', '/title zhou off');
    expect(sentTexts(await bot.say('ann', '/admins'))[0]).toMatch(/\n助教：li$/);
  });
});
