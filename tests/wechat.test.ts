import { Writable } from 'node:stream';
import { PuppetServer } from 'wechaty-puppet-service';
import * as PUPPET from 'wechaty-puppet';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboundEvent, MessageEvent } from '../src/engine/events.js';
import type { Feature } from '../src/engine/registry.js';
import { tempDir } from './support/recording.js';
import { WechatWorld, type WechatRun, freePort, startWechat, until } from './support/wechatWorld.js';
import { quoteOf } from '../adapters/wechat/normalize.js';

// puppet-service keeps a payload cache under $HOME/.wechaty: keep it out of the real home.
const realHome = process.env.HOME;
const home = tempDir();
beforeAll(() => {
  process.env.HOME = home.dir;
});
afterAll(() => {
  process.env.HOME = realHome;
  home.cleanup();
});

const seen: InboundEvent[] = [];
/** Records what reached the engine and acts on a few test words. */
const probe: Feature = {
  name: 'test-probe',
  rules: [
    {
      id: 'test-probe',
      on: ['message', 'memberJoined'],
      // A guard the order list does not name: it sees every event first, before the ad filter.
      stage: 'guard',
      decide(ctx) {
        seen.push(ctx.event);
        const e = ctx.event;
        if (e.type !== 'message') return;
        const user = { id: e.sender.id, name: e.sender.name };
        if (e.text === 'kick me') return [{ type: 'kick', platform: e.platform, groupId: e.groupId, user, reason: '广告' }];
        if (e.text === 'spam') return [{ type: 'delete', platform: e.platform, groupId: e.groupId, messageId: e.messageId, user, reason: '广告' }];
        if (e.text === 'greet me') return [ctx.send(`欢迎 @${e.sender.name}`, { mentions: [user] })];
      },
    },
  ],
};

let tmp: ReturnType<typeof tempDir>;
let runs: WechatRun[] = [];
let servers: PuppetServer[] = [];
beforeEach(() => {
  tmp = tempDir();
  seen.length = 0;
});
afterEach(async () => {
  for (const r of runs) await r.stop().catch(() => undefined);
  for (const s of servers) await s.stop().catch(() => undefined);
  runs = [];
  servers = [];
  tmp.cleanup();
});

async function inProcess(world: WechatWorld, extra: Parameters<typeof startWechat>[0]['config'] = {}) {
  const run = await startWechat({ dir: tmp.dir, world, features: [probe], config: extra });
  runs.push(run);
  return run;
}

const messages = () => seen.filter((e): e is MessageEvent => e.type === 'message');

describe('WeChat through real Wechaty and wechaty-puppet-mock', () => {
  it('a QR code login: the code is drawn in the terminal, then the bot logs in', async () => {
    const world = new WechatWorld(false);
    let drawn = '';
    const terminal = new Writable({ write: (chunk, _enc, done) => ((drawn += String(chunk)), done()) });
    const starting = startWechat({ dir: tmp.dir, world, features: [probe], terminal });
    await until(() => world.puppet.state.active() === true);
    world.mocker.scan('https://login.weixin.qq.com/l/abc');
    await until(() => drawn.length > 0);
    expect(drawn).toContain('https://wechaty.js.org/qrcode/https%3A%2F%2Flogin.weixin.qq.com%2Fl%2Fabc');
    expect(drawn).toMatch(/[▀▄█]/);
    world.mocker.login(world.me);
    runs.push(await starting);
  });

  it('a command round trip in a configured room', async () => {
    const world = new WechatWorld();
    const room = world.room('产品群');
    await inProcess(world);
    world.alice.say('/rules').to(room);
    await until(() => world.said.length === 1);
    expect(world.said[0]).toEqual({ to: room.id, text: '本群还没有设置群规。管理员可以用 /setrules 设置。', mentions: [] });
  });

  it('the room owner is the group owner; mentions are real @mentions', async () => {
    const world = new WechatWorld();
    const room = world.room('产品群');
    await inProcess(world);
    world.owner.say('/setrules 不发广告').to(room);
    world.alice.say('greet me').to(room);
    await until(() => world.said.length === 2);
    expect(world.said[0]!.text).toBe('群规已更新：\n不发广告');
    expect(world.said[1]).toEqual({ to: room.id, text: '欢迎 @Alice', mentions: [world.alice.id] });
  });

  it('a join is recorded with its inviter', async () => {
    const world = new WechatWorld();
    const room = world.room('产品群');
    const carol = world.mocker.createContact({ name: '小红' });
    const { app } = await inProcess(world);
    room.add(carol).by(world.alice);
    await until(() => seen.some((e) => e.type === 'memberJoined'));
    expect(seen.find((e) => e.type === 'memberJoined')).toMatchObject({ members: [{ id: carol.id, name: '小红' }], inviter: { id: world.alice.id } });
    expect(app.store.members.get({ platform: 'wechat', groupId: room.id }, carol.id)).toMatchObject({ inviterId: world.alice.id });
  });

  it("overflow: a room's size is WeChat's own member list; past its capacity a newcomer is told the next room's way in, as the owner registered it", async () => {
    const world = new WechatWorld();
    const first = world.room('产品群');
    const second = world.room('产品二群');
    runs.push(await startWechat({ dir: tmp.dir, world, wechat: { rooms: ['产品群', '产品二群'] } }));
    world.owner.say('/family create').to(first);
    await until(() => world.said.length === 1);
    world.owner.say('/family join 1').to(second);
    world.owner.say('/overflow entry 搜索群名「产品二群」，或加群主微信拉你进群').to(second);
    world.owner.say('/overflow 4').to(first);
    await until(() => world.said.length === 4);
    const carol = world.mocker.createContact({ name: '小红' });
    first.add(carol).by(world.alice);
    await until(() => world.said.some((s) => s.text.includes('本群已满员')));
    expect(world.said.find((s) => s.text.includes('本群已满员'))).toEqual({
      to: first.id,
      text: '@小红 欢迎！本群已满员（5/4），为了让大家聊得开，请移步「产品二群」搜索群名「产品二群」，或加群主微信拉你进群',
      mentions: [carol.id],
    });
  });

  it('community life as WeChat members type it: a taught answer, 接龙, a typed vote, and 加精 by quoting', async () => {
    const world = new WechatWorld();
    const room = world.room('产品群');
    await inProcess(world);
    const after = async (n: number) => until(() => world.said.length >= n);
    world.owner.say('/faq add 怎么报名 = 看群公告').to(room);
    await after(1);
    world.alice.say('请问怎么报名？').to(room);
    await after(2);
    world.owner.say('/event add 2027-01-09 14:00 读书会 | 咖啡馆').to(room);
    await after(3);
    world.bob.say('接龙').to(room);
    await after(4);
    world.owner.say('/poll 周末去哪 | 爬山 | 看展').to(room);
    await after(5);
    world.alice.say('投1-2').to(room);
    world.bob.say('「Alice：请问怎么报名？」\n- - - - - - - - - - - - - - -\n看群公告就行，我刚报完').to(room);
    world.owner.say('「Bob：看群公告就行，我刚报完」\n- - - - - - - - - - - - - - -\n加精').to(room);
    await after(6);
    world.owner.say('/poll close 1').to(room);
    await after(7);
    expect(world.said.map((s) => s.text)).toEqual([
      '已记住第 1 条问答：怎么报名。有人这样问，我就回答。',
      '看群公告',
      expect.stringMatching(/^📅 活动 #1：读书会\n[\s\S]*\n回复「接龙1」：我要参加$/),
      '✍️ 活动 #1「读书会」接龙（1 人）：\n1. Bob',
      expect.stringMatching(/^📊 投票 #1：周末去哪\n1. 爬山\n2. 看展\n[\s\S]*回复「投1-2」：看展$/),
      '🌟 @Bob 的这条发言被设为精华：「看群公告就行，我刚报完」，+10 积分。谢谢分享！',
      '📊 投票结果：周末去哪\n爬山  · 0 票（0%）\n看展  ██████████ 1 票（100%）：Alice\n共 1 人投票。',
    ]);
  });

  it('leaves, topic changes, @mentions of the bot and private messages reach the engine', async () => {
    const world = new WechatWorld();
    const room = world.room('产品群');
    const { app } = await inProcess(world);
    world.alice.say('@Steward 你好', [world.me]).to(room);
    await until(() => messages().length === 1);
    expect(messages()[0]).toMatchObject({ mentionsBot: true, chat: 'group' });
    room.remove(world.bob).by(world.owner);
    await until(() => app.store.members.get({ platform: 'wechat', groupId: room.id }, world.bob.id)?.leftAt != null);
    room.topic('产品群（新）').by(world.owner);
    await until(() => app.store.groups.title({ platform: 'wechat', groupId: room.id }) === '产品群（新）');
    world.owner.say('/help').to(world.me);
    await until(() => world.said.some((s) => s.to === world.owner.id));
    expect(world.said.find((s) => s.to === world.owner.id)?.text).toMatch(/可用的命令/);
  });

  it('every message kind is normalized', async () => {
    const world = new WechatWorld();
    const room = world.room('产品群');
    await inProcess(world);
    const T = PUPPET.types.Message;
    const kinds: [PUPPET.types.Message, string][] = [
      [T.Text, 'text'], [T.Image, 'image'], [T.Emoticon, 'sticker'], [T.Contact, 'contact'], [T.Url, 'link'],
      [T.MiniProgram, 'miniprogram'], [T.Attachment, 'file'], [T.Video, 'video'], [T.Audio, 'voice'], [T.ChatHistory, 'forward'], [T.Location, 'other'],
    ];
    for (const [type] of kinds) world.emit(world.alice, room.id, type, type === T.Text ? '看 https://example.com/a' : '');
    await until(() => messages().length === kinds.length);
    expect(messages().map((m) => m.kind).sort()).toEqual(kinds.map(([, k]) => k).sort());
    expect(messages().find((m) => m.kind === 'text')).toMatchObject({ urls: ['https://example.com/a'], sender: { id: world.alice.id, name: 'Alice' }, groupTitle: '产品群' });
    expect(messages().find((m) => m.kind === 'link')?.urls).toEqual(['https://mock.url']);
  });

  it("the bot's own messages are ignored", async () => {
    const world = new WechatWorld();
    const room = world.room('产品群');
    await inProcess(world);
    world.alice.say('greet me').to(room);
    await until(() => world.said.length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(messages().map((m) => m.sender.id)).toEqual([world.alice.id]);
  });

  it('a room nobody enabled is ignored until its owner says /manage on', async () => {
    const world = new WechatWorld();
    const other = world.room('随便拉的群');
    await inProcess(world);
    world.alice.say('/rules').to(other);
    world.alice.say('/manage on').to(other);
    await new Promise((r) => setTimeout(r, 300));
    expect(world.said).toEqual([]);
    expect(seen).toEqual([]);
    world.owner.say('/manage on').to(other);
    await until(() => world.said.length === 1);
    expect(world.said[0]!.text).toBe('好的，从现在起我来管理「随便拉的群」。发送 /help 查看命令。');
    world.alice.say('/rules').to(other);
    await until(() => world.said.length === 2);
  });

  it('removal works where the bot owns the room, and is refused (owner told) where it does not', async () => {
    const world = new WechatWorld();
    const mine = world.room('产品群', world.me.id);
    const theirs = world.room('别人的群');
    await inProcess(world, { owners: { wechat: [world.owner.id] } });
    world.owner.say('/manage on').to(theirs);
    await until(() => world.said.length === 1);
    world.bob.say('kick me').to(mine);
    await until(() => world.removed.length === 1);
    expect(world.removed).toEqual([{ roomId: mine.id, contactId: world.bob.id }]);
    world.bob.say('kick me').to(theirs);
    await until(() => world.said.length === 2);
    expect(world.said[1]).toMatchObject({ to: world.owner.id, text: expect.stringContaining('没法把 Bob 移出群（广告）') });
    expect(world.removed).toHaveLength(1);
  });

  it('no deletion on WeChat: a public reminder with a real @mention instead', async () => {
    const world = new WechatWorld();
    const room = world.room('产品群');
    await inProcess(world);
    world.alice.say('spam').to(room);
    await until(() => world.said.length >= 1);
    expect(world.said[0]).toEqual({ to: room.id, text: '@Alice 这条消息不符合群规（广告），请撤回。', mentions: [world.alice.id] });
  });

  it('a quoted reply is a reply to the quoted member: /report works by quoting, as WeChat members do', async () => {
    expect(quoteOf('「Bob：加我领资料」\n- - - - - - - - - - - - - - -\n/report')).toEqual({ name: 'Bob', quoted: '加我领资料', reply: '/report' });
    expect(quoteOf('「随便说说」')).toBeUndefined();
    const world = new WechatWorld();
    const room = world.room('产品群');
    await inProcess(world);
    world.alice.say('「Bob：加我领资料」\n- - - - - - - - - - - - - - -\n/report').to(room);
    await until(() => world.said.some((s) => s.to === world.owner.id));
    expect(messages()[0]).toMatchObject({ text: '/report', replyTo: { senderId: world.bob.id, senderName: 'Bob', text: '加我领资料' } });
    expect(world.said.find((s) => s.to === world.owner.id)?.text).toMatch(/^「产品群」里 Alice 举报了 Bob 的消息：\n「加我领资料」\n请选择处理方式：/);
  });

  it('a flood on WeChat: one line to the member for the burst, and the owner told once that nothing could be deleted', async () => {
    const world = new WechatWorld();
    const room = world.room('产品群');
    await inProcess(world);
    for (let i = 0; i < 16; i++) world.bob.say(`刷屏第 ${i} 条`).to(room);
    await until(() => world.said.some((s) => s.to === room.id && s.text.includes('请勿刷屏')));
    await new Promise((r) => setTimeout(r, 300));
    expect(world.said.filter((s) => s.to === room.id && !s.text.startsWith('@Bob 请勿刷屏'))).toEqual([]);
    expect(world.said.filter((s) => s.to === world.owner.id)).toHaveLength(1);
  });
});

describe('WeChat over wechaty-puppet-service (gRPC on loopback)', () => {
  const token = () => `insecure_${crypto.randomUUID()}`;

  async function serve(world: WechatWorld, port: number, t: string) {
    const server = new PuppetServer({ puppet: world.puppet, token: t, endpoint: `127.0.0.1:${port}`, tls: { disable: true } } as never);
    await server.start();
    servers.push(server);
    return server;
  }

  /** A world with one room, served over gRPC on loopback, and Steward logged in through it. */
  async function throughService() {
    const world = new WechatWorld();
    const room = world.room('产品群');
    const port = await freePort();
    const t = token();
    await serve(world, port, t);
    runs.push(await startWechat({ dir: tmp.dir, wechat: { token: t, endpoint: `127.0.0.1:${port}` } }));
    return { world, room };
  }

  it('a command round trip through the puppet service', async () => {
    const { world, room } = await throughService();
    world.alice.say('/rules').to(room);
    await until(() => world.said.length === 1);
    expect(world.said[0]!.text).toBe('本群还没有设置群规。管理员可以用 /setrules 设置。');
  });

  it('a picture is fetched through the service and its QR code found; WeChat cannot delete, so one public message asks to recall it', async () => {
    const { world, room } = await throughService();
    // The mock puppet serves every picture as a QR code of "fake-qrcode".
    world.emit(world.alice, room.id, PUPPET.types.Message.Image);
    await until(() => world.said.length >= 2);
    const inRoom = world.said.filter((s) => s.to === room.id);
    expect(inRoom).toEqual([expect.objectContaining({ text: expect.stringMatching(/^@Alice 禁止广告（图片二维码）[\s\S]*请撤回这条消息。/) })]);
    expect(world.said.find((s) => s.to === world.owner.id)).toMatchObject({ text: expect.stringMatching(/^在「产品群」里我没法删除 Alice 的消息/) });
  });

  it('a wrong token fails within the login timeout, naming the endpoint and the cause', async () => {
    const world = new WechatWorld();
    const port = await freePort();
    await serve(world, port, token());
    const started = Date.now();
    await expect(startWechat({ dir: tmp.dir, wechat: { token: token(), endpoint: `127.0.0.1:${port}`, loginTimeoutSeconds: 5 } })).rejects.toThrow(
      `WeChat login did not complete within 5s at the puppet service at 127.0.0.1:${port}: it refused the token`,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('no server at the endpoint fails within the login timeout, saying it cannot be reached', async () => {
    const port = await freePort();
    await expect(startWechat({ dir: tmp.dir, wechat: { token: token(), endpoint: `127.0.0.1:${port}`, loginTimeoutSeconds: 5 } })).rejects.toThrow(
      /at the puppet service at 127\.0\.0\.1:\d+: it cannot be reached/,
    );
  });

  it('survives a service restart mid-session, without handling anything twice', async () => {
    const port = await freePort();
    const t = token();
    const first = new WechatWorld();
    const room = first.room('产品群');
    const server = await serve(first, port, t);
    runs.push(await startWechat({ dir: tmp.dir, wechat: { token: t, endpoint: `127.0.0.1:${port}` } }));
    first.alice.say('/rules').to(room);
    await until(() => first.said.length === 1);

    await server.stop();
    servers = [];
    // The service comes back (a fresh process, the account logged in again).
    const second = new WechatWorld();
    const room2 = second.room('产品群');
    await serve(second, port, t);
    await until(() => second.puppet.isLoggedIn, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    second.alice.say('/rules').to(room2);
    await until(() => second.said.length === 1, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(second.said).toHaveLength(1);
    expect(first.said).toHaveLength(1);
  }, 60_000);
});
