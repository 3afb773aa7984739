import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import type { MessageEvent } from '../src/engine/events.js';
import { contentTypes } from '../src/features/locks/locks.js';
import { CheckinsRepo } from '../src/features/checkin/checkins.sql.js';
import { joinEvent, perTest, sentTexts, textEvent } from './support/recording.js';

const scratch = perTest();
const g = { platform: 'test', groupId: 'g1' };
const HOUR = 3_600_000;
const open = (o: { wechat?: boolean } = {}) =>
  scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } }, ...(o.wechat ? { capabilities: SIMULATED.wechat } : {}) });
type Bot = ReturnType<typeof open>;

/** A message of a kind other than text from a member. */
const post = (bot: Bot, from: string, kind: MessageEvent['kind'], extra: Partial<MessageEvent> = {}) =>
  bot.dispatch(textEvent(from, extra.text ?? '', bot.clock.now(), { extra: { kind, ...extra } }));
const deletes = (actions: Awaited<ReturnType<Bot['dispatch']>>) => actions.filter((a) => a.type === 'delete');

describe('what a message carries', () => {
  it('its kind, and links wherever it has any', () => {
    expect(contentTypes({ kind: 'image' })).toEqual(['images']);
    expect(contentTypes({ kind: 'forward', urls: ['https://x.cn'] })).toEqual(['forwards', 'links']);
    expect(contentTypes({ kind: 'link', urls: ['https://x.cn'] })).toEqual(['links']);
    expect(contentTypes({ kind: 'text' })).toEqual([]);
  });
});

describe('locks by content type', () => {
  it('a locked kind is deleted and its sender told once in ten minutes; admins and other kinds pass', async () => {
    const bot = open();
    expect(sentTexts(await bot.say('boss', '/lock 图片 links'))[0]).toBe('🔒 锁定：图片、链接\n新成员限制：关闭\n管理员和信任的成员不受限制。');
    const first = await post(bot, 'bob', 'image');
    expect(deletes(first)).toHaveLength(1);
    expect(sentTexts(first)).toEqual(['@bob 本群暂不允许发图片，这条消息已删除。']);
    const again = await bot.say('bob', '看这个 https://example.com/a');
    expect(deletes(again)).toHaveLength(1);
    expect(sentTexts(again)).toEqual([]); // told a minute ago
    expect(deletes(await post(bot, 'bob', 'sticker'))).toEqual([]);
    expect(deletes(await post(bot, 'boss', 'image'))).toEqual([]);
    await bot.say('boss', '/unlock all');
    expect(deletes(await post(bot, 'bob', 'image'))).toEqual([]);
  });

  it('a word that is not a lock gets the usage and the list', async () => {
    const bot = open();
    expect(sentTexts(await bot.say('boss', '/lock pictures-of-cats'))).toEqual([expect.stringMatching(/^用法/), expect.stringMatching(/^可以锁定：links forwards/)]);
    expect(sentTexts(await bot.say('bob', '/lock images'))).toEqual([expect.stringContaining('管理员')]);
  });

  it('observe mode deletes nothing and writes down what it would have deleted', async () => {
    const bot = open();
    await bot.say('boss', '/lock forwards');
    await bot.say('boss', '/lock observe on');
    expect(deletes(await post(bot, 'bob', 'forward', { text: '转发的文章' }))).toEqual([]);
    expect(bot.app.store.actionLog.recent(g).map((e) => [e.action, e.reason, e.outcome])).toEqual([['locks (observe)', '本群暂不允许发转发', 'would:delete']]);
  });

  it('on WeChat, which cannot delete, the member is asked to recall it, once in ten minutes', async () => {
    const bot = open({ wechat: true });
    await bot.say('boss', '/lock miniprograms');
    await post(bot, 'bob', 'miniprogram', { text: '砍一刀' });
    await post(bot, 'bob', 'miniprogram', { text: '砍一刀' });
    const toGroup = bot.adapter.performed.filter((a) => a.type === 'send').map((a) => a.type === 'send' && a.text);
    expect(toGroup.filter((t) => String(t).startsWith('@bob'))).toEqual(['@bob 这条消息不符合群规（本群暂不允许发小程序），请撤回。']);
  });

  it('with bots locked, a bot a member adds is removed; one an admin adds stays', async () => {
    const bot = open();
    await bot.say('boss', '/lock bots');
    const added = (inviter: string) => ({ ...joinEvent([], bot.clock.now(), { inviter }), members: [{ id: 'spam_bot', name: 'SpamBot', isBot: true }] });
    const byMember = await bot.dispatch(added('bob'));
    expect(byMember.filter((a) => a.type === 'kick')).toHaveLength(1);
    expect(sentTexts(byMember)).toEqual(['本群不允许拉机器人进群，已把 SpamBot 移出。']);
    expect((await bot.dispatch(added('boss'))).filter((a) => a.type === 'kick')).toEqual([]);
  });

  it('locks travel with /settings export and import', async () => {
    const bot = open();
    await bot.say('boss', '/lock images voice');
    await bot.say('boss', '/newcomerlimit 3d');
    const exported = sentTexts(await bot.say('boss', '/settings export'))[0]!.split('\n')[1]!;
    expect(JSON.parse(exported).settings).toMatchObject({ locks: ['images', 'voice'], 'newcomers.limit': '3d' });
    await bot.say('boss', `/settings import ${exported}`, { group: 'g2' });
    expect(sentTexts(await bot.say('boss', '/lock', { group: 'g2' }))[0]).toMatch(/^🔒 锁定：图片、语音\n新成员限制：入群后 3 天内只能发文字和表情/);
  });
});

describe('newcomer limits', () => {
  it('for the set time after joining a member may post text and stickers only, and is told when that ends', async () => {
    const bot = open();
    await bot.say('boss', '/newcomerlimit 24h');
    await bot.dispatch(joinEvent(['nina'], bot.clock.now()));
    const link = await bot.say('nina', '大家好，我的作品 https://example.com/me');
    expect(deletes(link)).toHaveLength(1);
    expect(sentTexts(link)).toEqual(['@nina 新成员入群 24 小时内暂不能发链接（2026-11-25 09:00 之后就可以了），这条消息已删除。']);
    expect(deletes(await bot.say('nina', '大家好，我是做前端的'))).toEqual([]);
    expect(deletes(await post(bot, 'nina', 'sticker'))).toEqual([]);
    expect(deletes(await post(bot, 'olga', 'image'))).toEqual([]); // here before: no limit
    bot.clock.advance(25 * HOUR);
    expect(deletes(await bot.say('nina', 'https://example.com/me'))).toEqual([]);
  });
});

describe('newcomer limits as the platform allows', () => {
  const restrictions = (actions: Awaited<ReturnType<Bot['dispatch']>>) =>
    actions.flatMap((a) => (a.type === 'mute' ? [`${a.user.id}:${a.textOnly ? 'text-only' : 'silent'}:${a.until.toISOString()}`] : []));

  it('on Telegram a newcomer is restricted to text and stickers until the limit ends; verification puts the limit back', async () => {
    const bot = open();
    await bot.say('boss', '/newcomerlimit 24h');
    await bot.say('boss', '/verify button');
    const joined = await bot.dispatch(joinEvent(['nina'], bot.clock.now()));
    // The entry check's full mute comes after the limit, so it holds until verification.
    expect(restrictions(joined)).toEqual(['nina:text-only:2026-11-25T01:00:00.000Z', 'nina:silent:2027-11-25T01:00:00.000Z']);
    const verified = await bot.dispatch({ type: 'buttonPressed', ...g, eventId: 'v1', at: bot.clock.now(), sender: { id: 'nina', name: 'nina' }, data: 'verify:nina', pressId: 'q1' });
    expect(verified.map((a) => a.type).filter((t) => t === 'unmute' || t === 'mute')).toEqual(['unmute', 'mute']);
    expect(restrictions(verified)).toEqual(['nina:text-only:2026-11-25T01:00:00.000Z']);
  });

  it('on WeChat, which cannot restrict, nothing is asked of the platform and nobody is told to keep quiet', async () => {
    const bot = open({ wechat: true });
    await bot.say('boss', '/newcomerlimit 24h');
    await bot.dispatch(joinEvent(['olga'], bot.clock.now()));
    expect(bot.adapter.performed.filter((a) => a.type === 'mute' || (a.type === 'send' && a.text.includes('暂停发言')))).toEqual([]);
  });
});

describe('edited messages are judged again', () => {
  it('a harmless message edited into an ad is removed; the edit is not counted or run as a command', async () => {
    const bot = open();
    await bot.say('boss', '/lock links');
    const hello = textEvent('bob', '大家好', bot.clock.now());
    await bot.dispatch(hello);
    bot.clock.advance(60_000);
    const edited = { ...hello, eventId: `${hello.eventId}:edit:1`, at: bot.clock.now(), text: '大家好 https://example.com/promo', urls: ['https://example.com/promo'], edited: true };
    expect(deletes(await bot.dispatch(edited))).toMatchObject([{ messageId: hello.messageId }]);

    const checkin = textEvent('cat', '打卡', bot.clock.now());
    await bot.dispatch(checkin);
    const again = await bot.dispatch({ ...checkin, eventId: `${checkin.eventId}:edit:1`, text: '打卡 今天学了闭包', edited: true });
    expect(again).toEqual([]);
    expect(bot.app.store.of(CheckinsRepo).figures(g, 'cat')).toMatchObject({ total: 1 });
    expect(bot.app.store.activity.memberMessages(g, 'cat')).toBe(1);
  });

  it('an edit into a plain ad is removed by the ad filter, as the message would have been', async () => {
    const bot = open();
    const hi = textEvent('dan', '请问这个课程在哪里报名', bot.clock.now());
    await bot.dispatch(hi);
    const decided = await bot.dispatch({ ...hi, eventId: `${hi.eventId}:edit:1`, text: '兼职刷单日赚500，加微信 abc12345 详聊', edited: true });
    expect(deletes(decided)).toMatchObject([{ messageId: hi.messageId }]);
  });
});
