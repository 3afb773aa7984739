import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { pngOf } from './support/png.js';
import { freePort } from './support/cli.js';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '../src/engine/actions.js';
import type { MessageEvent } from '../src/engine/events.js';
import type { Feature } from '../src/engine/registry.js';
import { BOT, FakeBotApi, OWNER, groupText } from './support/fakeBotApi.js';
import { tempDir } from './support/recording.js';
import { rulesSetting } from '../src/settings/core.js';
import type { ManualClock } from '../src/time/clock.js';
import { type TelegramRun, startTelegram } from './support/telegramBot.js';

const GROUP = -1001;
const pictureDir = tempDir();
afterAll(() => pictureDir.cleanup());
const PICTURE = join(pictureDir.dir, 'p.png');
writeFileSync(PICTURE, pngOf(4, 4, () => [10, 20, 30]));
const alice = { id: 42, first_name: 'Alice' };
const sendTexts = (api: FakeBotApi) => api.callsOf('sendMessage').map((c) => c.payload.text);

/** A test feature standing in for moderation rules: it deletes, mutes, removes and offers a button. */
const moderator: Feature = {
  name: 'test-moderator',
  rules: [
    {
      id: 'test-moderate',
      on: ['message', 'buttonPressed'],
      stage: 'after',
      decide(ctx): Action[] | undefined {
        const e = ctx.event;
        if (e.type === 'buttonPressed') {
          return [{ type: 'answerButton', platform: e.platform, groupId: e.groupId, pressId: e.pressId!, text: '已验证' }, ctx.send(`${e.sender.name} pressed ${e.data}`)];
        }
        if (e.type !== 'message') return;
        const user = { id: e.sender.id, name: e.sender.name };
        const g = { platform: e.platform, groupId: e.groupId };
        if (e.text === 'spam') return [{ type: 'delete', ...g, messageId: e.messageId, user, reason: '广告' }];
        if (e.text === 'mute me') return [{ type: 'mute', ...g, user, until: new Date(ctx.now.getTime() + 3_600_000), reason: '刷屏' }];
        if (e.text === 'unmute me') return [{ type: 'unmute', ...g, user }];
        if (e.text === 'kick me') return [{ type: 'kick', ...g, user, reason: '广告' }];
        if (e.text === 'button') return [ctx.send('点按钮证明你是真人', { buttons: [{ label: '我是真人', data: 'test:42', keyword: '真人' }] })];
        if (e.text.startsWith('burst')) return Array.from({ length: Number(e.text.split(' ')[1]) }, (_, i) => ctx.send(`burst ${i}`));
        if (e.text === 'hi @Alice') return [ctx.send('hello @Alice', { mentions: [user] })];
        if (e.text === 'picture') return [{ type: 'photo', ...g, path: PICTURE, caption: '热力图', fallbackText: 'text' }];
      },
    },
  ],
};

let tmp: ReturnType<typeof tempDir>;
let runs: TelegramRun[] = [];
let apis: FakeBotApi[] = [];
beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  for (const r of runs) await r.stop().catch(() => undefined);
  for (const a of apis) await a.stop();
  runs = [];
  apis = [];
  tmp.cleanup();
});

async function start(o: Parameters<typeof startTelegram>[0] extends infer P ? Partial<P> : never = {}): Promise<TelegramRun> {
  const api = o.api ?? (await new FakeBotApi().start());
  if (!apis.includes(api)) apis.push(api);
  const run = await startTelegram({ dir: tmp.dir, features: [moderator], ...o, api });
  runs.push(run);
  return run;
}

describe('Telegram through real Telegraf and a fake Bot API on 127.0.0.1', () => {
  it('a command round trip: /rules@steward_bot gets its answer as a reply', async () => {
    const { api } = await start();
    api.push(groupText(GROUP, OWNER, '/setrules 不发广告'));
    api.push(groupText(GROUP, alice, '/rules@steward_bot'));
    await api.until(() => api.callsOf('sendMessage').length === 2);
    const [, rules] = api.callsOf('sendMessage');
    expect(rules!.payload).toMatchObject({ chat_id: String(GROUP), text: '📜 群规\n不发广告', reply_parameters: { allow_sending_without_reply: true } });
    // The group's command menus were set for members and for admins.
    expect(api.callsOf('setMyCommands').map((c) => (c.payload.scope as { type: string }).type)).toEqual(['chat', 'chat_administrators']);
  });

  it("Telegram's admins are admins; the owner learned it from getChatAdministrators", async () => {
    const { api } = await start();
    api.push(groupText(GROUP, alice, '/tz'));
    api.push(groupText(GROUP, OWNER, '/tz'));
    await api.until(() => api.callsOf('sendMessage').length === 2);
    expect(sendTexts(api)).toEqual(['抱歉，/tz 只有群主和管理员可以使用。', expect.stringMatching(/^本群时区：Asia\/Shanghai/)]);
    expect(api.callsOf('getChatAdministrators')).toHaveLength(1); // cached
  });

  it('a member joining is recorded with who invited them', async () => {
    const { api, app } = await start();
    api.push(groupText(GROUP, alice, '', { text: undefined, new_chat_members: [{ id: 77, first_name: '小明' }] }));
    api.push(groupText(GROUP, OWNER, '/tz'));
    await api.until(() => api.callsOf('sendMessage').length === 1);
    expect(app.store.members.get({ platform: 'telegram', groupId: String(GROUP) }, '77')).toMatchObject({ name: '小明', inviterId: '42' });
  });

  it('deletes, restricts until a time, and removes (ban then unban)', async () => {
    const { api } = await start();
    const spam = api.push(groupText(GROUP, alice, 'spam'));
    api.push(groupText(GROUP, alice, 'mute me'));
    api.push(groupText(GROUP, alice, 'kick me'));
    await api.until(() => api.callsOf('unbanChatMember').length === 1);
    expect(api.callsOf('deleteMessage')[0]!.payload).toEqual({ chat_id: String(GROUP), message_id: spam.message!.message_id });
    expect(api.callsOf('restrictChatMember')[0]!.payload).toMatchObject({
      user_id: 42,
      until_date: Date.parse('2026-11-24T11:00:00+08:00') / 1000,
      permissions: expect.objectContaining({ can_send_messages: false }),
    });
    expect(api.callsOf('banChatMember')[0]!.payload).toMatchObject({ user_id: 42 });
    expect(api.callsOf('unbanChatMember')[0]!.payload).toMatchObject({ user_id: 42, only_if_banned: true });
  });

  it("unmuting gives back the group's own default permissions, not more", async () => {
    const { api } = await start();
    api.push(groupText(GROUP, alice, 'unmute me'));
    await api.until(() => api.callsOf('restrictChatMember').length === 1);
    expect(api.callsOf('restrictChatMember')[0]!.payload).toMatchObject({
      user_id: 42,
      permissions: { can_send_messages: true, can_send_photos: true, can_send_polls: false },
    });
  });

  it('a change of admins is picked up at once', async () => {
    const { api } = await start();
    api.push(groupText(GROUP, alice, '/tz'));
    await api.until(() => api.callsOf('sendMessage').length === 1);
    api.admins.set(String(GROUP), [{ status: 'creator', user: OWNER }, { status: 'administrator', user: alice }, { status: 'administrator', user: BOT, can_delete_messages: true, can_restrict_members: true }]);
    const chat = { id: GROUP, type: 'supergroup' as const, title: 'G' };
    api.push({ chat_member: { chat, from: OWNER, date: 0, old_chat_member: { status: 'member', user: alice }, new_chat_member: { status: 'administrator', user: alice } } });
    api.push(groupText(GROUP, alice, '/tz'));
    await api.until(() => api.callsOf('sendMessage').length === 2);
    expect(sendTexts(api)).toEqual(['抱歉，/tz 只有群主和管理员可以使用。', expect.stringMatching(/^本群时区/)]);
  });

  it('without the Delete right the bot reminds publicly, mentions the member, and tells the owner once', async () => {
    const api = await new FakeBotApi().start();
    api.admins.set(String(GROUP), [
      { status: 'creator', user: OWNER },
      { status: 'administrator', user: BOT, can_delete_messages: false, can_restrict_members: true },
    ]);
    api.fail('deleteMessage', { error_code: 400, description: 'Bad Request: message can\'t be deleted' });
    await start({ api });
    api.push(groupText(GROUP, alice, 'spam'));
    await api.until(() => api.callsOf('sendMessage').length === 3);
    const sends = api.callsOf('sendMessage').map((c) => c.payload);
    // 1: the owner learns of the missing right; 2: the public reminder; 3: the owner learns what was not done.
    expect(sends[0]).toMatchObject({ chat_id: '1', text: expect.stringContaining('删除消息') });
    expect(sends[1]).toMatchObject({
      chat_id: String(GROUP),
      text: '@Alice 这条消息不符合群规（广告），请撤回。',
      entities: [{ type: 'text_mention', offset: 0, length: 6, user: { id: 42, is_bot: false, first_name: 'Alice' } }],
    });
    expect(sends[2]).toMatchObject({ chat_id: '1', text: expect.stringContaining('没法删除 Alice 的消息') });
  });

  it('an inline button: offered, pressed, answered', async () => {
    const { api } = await start();
    api.push(groupText(GROUP, alice, 'button'));
    await api.until(() => api.callsOf('sendMessage').length === 1);
    expect(api.callsOf('sendMessage')[0]!.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: '我是真人', callback_data: 'test:42' }]] });
    api.push({ callback_query: { id: 'cq1', from: alice, data: 'test:42', message: { message_id: 1000, date: 0, chat: { id: GROUP, type: 'supergroup' } } } });
    await api.until(() => api.callsOf('answerCallbackQuery').length === 1);
    expect(api.callsOf('answerCallbackQuery')[0]!.payload).toEqual({ callback_query_id: 'cq1', text: '已验证' });
    await api.until(() => sendTexts(api).includes('Alice pressed test:42'));
  });

  it('a demotion the bot never heard of: rights are checked with Telegram before an admin command, in private too', async () => {
    const { api, app } = await start();
    const bot = { status: 'administrator' as const, user: BOT, can_delete_messages: true, can_restrict_members: true };
    api.admins.set(String(GROUP), [{ status: 'creator', user: OWNER }, { status: 'administrator', user: alice }, bot]);
    api.push(groupText(GROUP, alice, 'hello')); // the bot learns the group and that Alice administers it
    api.push(groupText(alice.id, alice, '/use 1'));
    await api.until(() => api.callsOf('sendMessage').length === 1);
    // Alice is demoted, and the chat_member update about it never arrives.
    api.admins.set(String(GROUP), [{ status: 'creator', user: OWNER }, bot]);
    (app.services.clock as ManualClock).advance(2 * 60_000);
    api.push(groupText(alice.id, alice, '/setrules 我说了算'));
    await api.until(() => api.callsOf('sendMessage').length === 2);
    expect(sendTexts(api)[1]).toBe('抱歉，/setrules 只有群主和管理员可以使用。');
    expect(app.settings.for({ platform: 'telegram', groupId: String(GROUP) }).get(rulesSetting)).toBe('');
  });

  it('an owner configures the group from a private chat', async () => {
    const { api } = await start();
    api.push(groupText(GROUP, alice, 'hello')); // the bot learns the group and its admins
    api.push(groupText(OWNER.id, OWNER, '/use'));
    api.push(groupText(OWNER.id, OWNER, '/use 1'));
    api.push(groupText(OWNER.id, OWNER, '/setrules 私聊设置'));
    api.push(groupText(GROUP, alice, '/rules'));
    await api.until(() => api.callsOf('sendMessage').length === 4);
    const to = (chat: number) => api.callsOf('sendMessage').filter((c) => c.payload.chat_id === String(chat)).map((c) => c.payload.text);
    expect(to(OWNER.id)).toEqual([
      `你所在的群：\n1. Group ${GROUP}（${GROUP}）\n发送 /use <编号> 选择一个。`,
      `好的，接下来你在这里发的命令都作用于「Group ${GROUP}」。`,
      '群规已更新：\n私聊设置',
    ]);
    expect(to(GROUP)).toEqual(['📜 群规\n私聊设置']);
  });

  it('a picture (the heatmap) is uploaded as a photo with its caption', async () => {
    const { api } = await start();
    api.push(groupText(GROUP, alice, 'picture'));
    await api.until(() => api.callsOf('sendPhoto').length === 1);
    expect(api.callsOf('sendPhoto')[0]!.payload).toMatchObject({ multipart: true, parts: expect.arrayContaining(['chat_id', 'photo', 'caption']) });
  });

  it('/stats is drawn as a chart when it goes out, and uploaded with the figures as its caption', async () => {
    const { api } = await start();
    api.push(groupText(GROUP, alice, '早上好'));
    api.push(groupText(GROUP, OWNER, '/stats'));
    await api.until(() => api.callsOf('sendPhoto').length === 1);
    expect(api.callsOf('sendPhoto')[0]!.payload).toMatchObject({ multipart: true, parts: expect.arrayContaining(['chat_id', 'photo', 'caption']) });
  });

  it('a picture with a QR code is downloaded, looked at off the event loop, removed, and the sender struck', async () => {
    const { api } = await start();
    api.files.set('big', await QRCode.toBuffer('https://u.wechat.com/EKsellsomething', { width: 600 }));
    api.files.set('plain', Buffer.from(pngOf(600, 400, (x) => [x % 256, 120, 200])));
    api.push(groupText(GROUP, alice, '', { text: undefined, photo: [{ file_id: 'thumb', width: 90, height: 90 }, { file_id: 'plain', width: 600, height: 400 }] }));
    const ad = api.push(groupText(GROUP, alice, '', { text: undefined, caption: '看图', photo: [{ file_id: 'thumb', width: 90, height: 90 }, { file_id: 'big', width: 600, height: 600 }] }));
    await api.until(() => api.callsOf('deleteMessage').length === 1 && api.callsOf('sendMessage').length === 1);
    expect(api.callsOf('download').map((c) => c.payload.fileId)).toEqual(['plain', 'big']); // the largest size, never the thumbnail
    expect(api.callsOf('deleteMessage')[0]!.payload).toMatchObject({ chat_id: String(GROUP), message_id: ad.message!.message_id });
    expect(sendTexts(api)[0]).toMatch(/^@Alice 禁止广告（图片二维码）/);
  });

  it('an edited message is judged again: a greeting edited into an ad is deleted; a GIF is a GIF', async () => {
    const { api, app } = await start();
    const hello = api.push(groupText(GROUP, alice, '大家好，请多指教'));
    api.push({ edited_message: { ...hello.message!, edit_date: hello.message!.date + 60, text: '兼职刷单日赚500，加微信 abc12345 详聊' } });
    await api.until(() => api.callsOf('deleteMessage').length === 1);
    expect(api.callsOf('deleteMessage')[0]!.payload).toMatchObject({ chat_id: String(GROUP), message_id: hello.message!.message_id });
    api.push(groupText(GROUP, OWNER, '/lock gifs'));
    const gif = api.push(groupText(GROUP, { id: 43, first_name: 'Bob' }, '', { text: undefined, animation: { file_id: 'a' }, document: { file_name: 'a.mp4' } }));
    await api.until(() => api.callsOf('deleteMessage').length === 2);
    expect(api.callsOf('deleteMessage')[1]!.payload).toMatchObject({ message_id: gif.message!.message_id });
    expect(app.store.activity.memberMessages({ platform: 'telegram', groupId: String(GROUP) }, String(alice.id))).toBe(1);
  });

  it('a flood: what goes past the limit is deleted, and one line explains it', async () => {
    const { api } = await start();
    const bob = { id: 43, first_name: 'Bob' };
    const sent = Array.from({ length: 15 }, (_, i) => api.push(groupText(GROUP, bob, `刷屏第 ${i} 条`)).message!.message_id);
    await api.until(() => api.callsOf('deleteMessage').length === 5 && api.callsOf('sendMessage').length === 1);
    expect(api.callsOf('deleteMessage').map((c) => c.payload.message_id)).toEqual(sent.slice(10));
    expect(sendTexts(api)).toEqual(['@Bob 请勿刷屏（10 秒内发了超过 10 条消息）。这是第 1 次：提醒。再有一次将警告。如有异议请发送 /appeal 申诉。\n被禁言也可以私聊我申诉：https://t.me/steward_bot?start=appeal']);
  });

  it('a newcomer limit restricts the newcomer to text and stickers until it ends', async () => {
    const { api } = await start();
    api.push(groupText(GROUP, OWNER, '/newcomerlimit 24h'));
    const nina = { id: 77, first_name: 'Nina' };
    api.push(groupText(GROUP, nina, '', { text: undefined, new_chat_members: [nina] }));
    await api.until(() => api.callsOf('restrictChatMember').length === 1);
    const restricted = api.callsOf('restrictChatMember')[0]!.payload;
    expect(restricted).toMatchObject({ user_id: 77, permissions: { can_send_messages: true, can_send_other_messages: true, can_send_photos: false, can_send_documents: false, can_send_voice_notes: false } });
    expect(restricted.until_date).toBe(Math.floor(Date.parse('2026-11-25T10:00:00+08:00') / 1000));
  });

  it("overflow: a group's size is Telegram's own count, and past its capacity a newcomer gets an invite link the bot made for the next group", async () => {
    const { api } = await start();
    const G2 = -1002;
    api.memberCounts.set(String(GROUP), 480);
    api.memberCounts.set(String(G2), 120);
    api.push(groupText(GROUP, OWNER, '/family create'));
    api.push(groupText(G2, OWNER, '/family join 1'));
    api.push(groupText(GROUP, OWNER, '/overflow 480'));
    api.push(groupText(G2, OWNER, '/overflow 500'));
    await api.until(() => api.callsOf('sendMessage').length === 4);
    const aMinuteLater = Math.floor(Date.parse('2026-11-24T10:01:00+08:00') / 1000);
    api.push(groupText(GROUP, alice, '', { text: undefined, date: aMinuteLater, new_chat_members: [{ id: 77, first_name: '小明' }] }));
    await api.until(() => sendTexts(api).some((t) => String(t).includes('本群已满员')));
    expect(api.callsOf('createChatInviteLink').map((c) => c.payload)).toEqual([expect.objectContaining({ chat_id: String(G2), member_limit: 50 })]);
    expect(sendTexts(api).at(-1)).toBe('@小明 欢迎！本群已满员（481/480），为了让大家聊得开，请移步「Group -1002」https://t.me/+fake1');
    // Without the right to invite there, the registered way in goes instead, and the owner hears why.
    api.fail('createChatInviteLink', { error_code: 400, description: 'Bad Request: not enough rights to manage chat invite link' });
    api.push(groupText(GROUP, alice, '/invite'));
    await api.until(() => api.callsOf('sendMessage').some((c) => c.payload.chat_id === String(OWNER.id) && String(c.payload.text).startsWith('我没法生成')));
    expect(sendTexts(api)).toContain('本群已满员，新朋友请加入「Group -1002」（入群方式请私信管理员）');
  });

  it('an announcement to the family (群发): previewed privately with buttons, confirmed by a press, posted in each group', async () => {
    const run = await start();
    const { api } = run;
    const G2 = -1002;
    api.push(groupText(GROUP, OWNER, '/family create'));
    api.push(groupText(G2, OWNER, '/family join 1'));
    await api.until(() => api.callsOf('sendMessage').length === 2);
    api.push(groupText(GROUP, OWNER, '/broadcast 周六读书会，欢迎报名'));
    await api.until(() => api.callsOf('sendMessage').length === 4);
    const preview = api.callsOf('sendMessage').find((c) => c.payload.chat_id === String(OWNER.id))!;
    expect(preview.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: '确认群发', callback_data: 'broadcast:1:go' }], [{ text: '不发了', callback_data: 'broadcast:1:drop' }]] });
    api.push({ callback_query: { id: 'cq1', from: OWNER, data: 'broadcast:1:go', message: { message_id: 1, date: 0, chat: { id: OWNER.id, type: 'private' } } } });
    // (This file's test moderator answers every press too.)
    await api.until(() => api.callsOf('answerCallbackQuery').some((c) => /^已开始群发 #1：2 个群/.test(String(c.payload.text))));
    await run.app.scheduler.advanceTo(run.clock, new Date(run.clock.now().getTime() + 5_000));
    const posts = () => api.callsOf('sendMessage').filter((c) => c.payload.text === '周六读书会，欢迎报名').map((c) => c.payload.chat_id);
    await api.until(() => posts().length === 2);
    expect(posts()).toEqual([String(GROUP), String(G2)]);
  });

  it('community life with buttons: a taught answer, a sign-up button, a poll voted by press, and /digest by reply', async () => {
    const { api } = await start();
    const bob = { id: 43, first_name: 'Bob' };
    const press = (id: string, from: typeof alice, data: string) => api.push({ callback_query: { id, from, data, message: { message_id: 1, date: 0, chat: { id: GROUP, type: 'supergroup' } } } });
    api.push(groupText(GROUP, OWNER, '/faq add 怎么报名 = 看群公告'));
    api.push(groupText(GROUP, alice, '请问怎么报名？'));
    await api.until(() => api.callsOf('sendMessage').length === 2);
    api.push(groupText(GROUP, OWNER, '/event add 2026-12-05 14:00 读书会 | 咖啡馆'));
    api.push(groupText(GROUP, OWNER, '/poll 周末去哪 | 爬山 | 看展'));
    await api.until(() => api.callsOf('sendMessage').length === 4);
    const [event, poll] = api.callsOf('sendMessage').slice(2).map((c) => c.payload.reply_markup);
    expect(event).toEqual({ inline_keyboard: [[{ text: '我要参加', callback_data: 'event:1:join' }]] });
    expect(poll).toEqual({ inline_keyboard: [[{ text: '爬山', callback_data: 'poll:1:0' }], [{ text: '看展', callback_data: 'poll:1:1' }]] });
    press('cq-e', bob, 'event:1:join');
    press('cq-p', alice, 'poll:1:1');
    const shared = api.push(groupText(GROUP, bob, '看群公告就行，我刚报完')).message!;
    await api.until(() => api.callsOf('answerCallbackQuery').length >= 4); // (this file's test moderator answers every press too)
    api.push(groupText(GROUP, OWNER, '/digest', { reply_to_message: { ...shared } }));
    api.push(groupText(GROUP, OWNER, '/poll close 1'));
    await api.until(() => sendTexts(api).some((t) => String(t).startsWith('📊 投票结果')));
    const texts = sendTexts(api).map(String);
    expect(texts[1]).toBe('看群公告');
    expect(texts).toContain('✍️ 活动 #1「读书会」接龙（1 人）：\n1. Bob');
    expect(api.callsOf('answerCallbackQuery').map((c) => c.payload.text)).toContain('已投「看展」（截止前可以改）');
    expect(texts).toContain('🌟 @Bob 的这条发言被设为精华：「看群公告就行，我刚报完」，+10 积分。谢谢分享！');
    expect(texts.at(-1)).toBe('📊 投票结果：周末去哪\n爬山  · 0 票（0%）\n看展  ██████████ 1 票（100%）：Alice\n共 1 人投票。');
  });

  it('mentions work for members without a username', async () => {
    const { api } = await start();
    api.push(groupText(GROUP, alice, 'hi @Alice'));
    await api.until(() => api.callsOf('sendMessage').length === 1);
    expect(api.callsOf('sendMessage')[0]!.payload.entities).toEqual([{ type: 'text_mention', offset: 6, length: 6, user: { id: 42, is_bot: false, first_name: 'Alice' } }]);
  });

  it('a 429 is waited out: the message arrives once, after retry_after, and the next keeps its order', async () => {
    const { api } = await start();
    api.fail('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    api.push(groupText(GROUP, alice, 'burst 2'));
    await api.until(() => api.callsOf('sendMessage').length === 3);
    const [refused, first, second] = api.callsOf('sendMessage');
    expect([refused, first, second].map((c) => c!.payload.text)).toEqual(['burst 0', 'burst 0', 'burst 1']);
    expect(first!.at - refused!.at).toBeGreaterThanOrEqual(1000);
  });

  it('a 5xx is retried too, without losing the message', async () => {
    const { api } = await start();
    api.fail('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    api.push(groupText(GROUP, alice, 'burst 1'));
    await api.until(() => api.callsOf('sendMessage').length === 2);
    expect(sendTexts(api)).toEqual(['burst 0', 'burst 0']);
  });

  it('a burst stays within the pacing: in order, spaced per chat, and held to the overall rate', async () => {
    const { api } = await start({ telegram: { pacing: { perChatIntervalMs: 100, perChatPerMinute: 1000, globalPerSecond: 8 } } });
    api.push(groupText(GROUP, alice, 'burst 6'));
    api.push(groupText(-1002, alice, 'burst 6'));
    await api.until(() => api.callsOf('sendMessage').length === 12, 15_000);
    const sends = api.callsOf('sendMessage');
    for (const chat of [String(GROUP), '-1002']) {
      const mine = sends.filter((c) => c.payload.chat_id === chat);
      expect(mine.map((c) => c.payload.text)).toEqual(['burst 0', 'burst 1', 'burst 2', 'burst 3', 'burst 4', 'burst 5']);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.at - mine[i - 1]!.at).toBeGreaterThanOrEqual(95);
    }
    // At 8 a second overall, the 9th message cannot leave before a second has passed.
    expect(sends[11]!.at - sends[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('after a restart an update handled before is not handled again', async () => {
    const api = await new FakeBotApi().start();
    const first = await start({ api });
    const seen = api.push(groupText(GROUP, alice, '/rules'));
    await api.until(() => api.callsOf('sendMessage').length === 1);
    await first.stop();
    runs = runs.filter((r) => r !== first);
    // The crash came before Telegram saw the new offset: it hands the update out again.
    api.redeliver(seen);
    await start({ api });
    api.push(groupText(GROUP, alice, '/help'));
    await api.until(() => api.callsOf('sendMessage').length >= 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.callsOf('sendMessage').map((c) => String(c.payload.text).slice(0, 6))).toEqual(['本群还没有设', '「Group']);
  });

  it('a group upgraded to a supergroup keeps its settings under the new id', async () => {
    const { api } = await start();
    api.push(groupText(-500, OWNER, '/setrules 升级前的群规'));
    api.push(groupText(-500, OWNER, '', { text: undefined, migrate_to_chat_id: -1009 }));
    api.push(groupText(-1009, OWNER, '', { text: undefined, migrate_from_chat_id: -500 }));
    api.push(groupText(-1009, alice, '/rules'));
    await api.until(() => api.callsOf('sendMessage').length === 2);
    expect(api.callsOf('sendMessage')[1]!.payload).toMatchObject({ chat_id: '-1009', text: '📜 群规\n升级前的群规' });
  });
});

describe('Telegram webhook mode', () => {
  function post(port: number, path: string, body: unknown, secret?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  }

  it('refuses a request with the wrong secret and handles one with the right secret', async () => {
    const port = await freePort();
    const { api } = await start({
      telegram: { mode: 'webhook', webhook: { url: 'https://bot.example.com/tg/hook', port, host: '127.0.0.1', secretToken: 'right-secret' } },
    });
    expect(api.callsOf('setWebhook')[0]!.payload).toMatchObject({ url: 'https://bot.example.com/tg/hook', secret_token: 'right-secret' });
    const update = { update_id: 1, ...groupText(GROUP, alice, '/rules') };
    expect(await post(port, '/tg/hook', update, 'wrong-secret')).toBe(403);
    expect(await post(port, '/tg/hook', update)).toBe(403);
    expect(api.callsOf('sendMessage')).toHaveLength(0);
    expect(await post(port, '/tg/hook', update, 'right-secret')).toBe(200);
    await api.until(() => api.callsOf('sendMessage').length === 1);
    expect(api.callsOf('sendMessage')[0]!.payload.text).toBe('本群还没有设置群规。管理员可以用 /setrules 设置。');
  });
});

describe('message kinds from Telegram', () => {
  it('are normalized: photo, sticker, contact, forward, link entities, replies', async () => {
    const { normalizeUpdate } = await import('../adapters/telegram/normalize.js');
    const now = new Date('2026-11-24T02:00:00Z');
    const one = (extra: Record<string, unknown>) => normalizeUpdate({ update_id: 1, ...groupText(GROUP, alice, 'x', extra) }, BOT, now)[0] as MessageEvent;
    expect(one({ text: undefined, photo: [{}], caption: '看图' })).toMatchObject({ kind: 'image', text: '看图' });
    expect(one({ text: undefined, sticker: {} }).kind).toBe('sticker');
    expect(one({ text: undefined, contact: { first_name: '王', last_name: '五', phone_number: '1' } })).toMatchObject({ kind: 'contact', text: '王 五' });
    expect(one({ forward_origin: { type: 'channel' } })).toMatchObject({ kind: 'forward', forwardedFrom: 'channel' });
    expect(one({ forward_origin: { type: 'user' } }).forwardedFrom).toBeUndefined();
    expect(one({ text: 'see example.com and link', entities: [{ type: 'url', offset: 4, length: 11 }, { type: 'text_link', offset: 20, length: 4, url: 'https://t.me/x' }] }).urls).toEqual([
      'example.com',
      'https://t.me/x',
    ]);
    expect(one({ reply_to_message: { message_id: 7, date: 0, chat: { id: GROUP, type: 'supergroup' }, from: OWNER, text: '原话' } }).replyTo).toEqual({
      messageId: '7',
      senderId: '1',
      senderName: 'Olga',
      text: '原话',
    });
    expect(one({ text: 'hey @Steward_Bot', entities: [{ type: 'mention', offset: 4, length: 12 }] }).mentionsBot).toBe(true);
    expect(one({ sender_chat: { id: GROUP, type: 'supergroup' } }).sender.role).toBe('admin');
    expect(normalizeUpdate({ update_id: 2, ...groupText(GROUP, OWNER, '', { text: undefined, new_chat_members: [BOT] }) }, BOT, now)).toEqual([]);
    expect(normalizeUpdate({ update_id: 3, ...groupText(GROUP, alice, '', { text: undefined, left_chat_member: alice }) }, BOT, now)[0]).toMatchObject({
      type: 'memberLeft',
      member: { id: '42', name: 'Alice' },
    });
  });
});

describe('Telegram forum topics', () => {
  const inTopic = (thread: number) => ({ message_thread_id: thread, is_topic_message: true });

  it('an answer goes to the topic the message came from; an announcement set up in a topic is posted there', async () => {
    const { api, app } = await start();
    api.push(groupText(GROUP, alice, '/rules', inTopic(7)));
    await api.until(() => api.callsOf('sendMessage').length === 1);
    expect(api.callsOf('sendMessage')[0]!.payload).toMatchObject({ chat_id: String(GROUP), message_thread_id: 7 });
    api.push(groupText(GROUP, OWNER, '/announce 10:30 今晚 8 点直播', inTopic(9)));
    await api.until(() => api.callsOf('sendMessage').length === 2);
    const clock = app.services.clock as ManualClock;
    await app.scheduler.advanceTo(clock, new Date('2026-11-24T10:31:00+08:00'));
    await app.settled();
    const posted = api.callsOf('sendMessage').find((c) => c.payload.text === '今晚 8 点直播');
    expect(posted?.payload).toMatchObject({ message_thread_id: 9 });
  });

  it('in work hours a chit-chat topic the owner set free is left alone', async () => {
    const { api } = await start();
    for (const line of ['/worktime mon-fri 09:00-18:00', '/focus remind']) api.push(groupText(GROUP, OWNER, line));
    api.push(groupText(GROUP, OWNER, '/focus free', inTopic(3)));
    await api.until(() => api.callsOf('sendMessage').length === 3);
    expect(api.callsOf('sendMessage')[2]!.payload).toMatchObject({ text: '好的：这个话题里工作时间也可以自由聊天。', message_thread_id: 3 });
    api.push(groupText(GROUP, alice, '哈哈哈哈', inTopic(3)));
    api.push(groupText(GROUP, alice, '哈哈哈哈哈', inTopic(5)));
    await api.until(() => api.callsOf('sendMessage').length === 4);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.callsOf('sendMessage').slice(3).map((c) => c.payload.message_thread_id)).toEqual([5]);
  });
});
