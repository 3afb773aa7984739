import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import { type TestBot, makeBot, sentTexts, tempDir } from './support/recording.js';

let tmp: ReturnType<typeof tempDir>;
let bot: TestBot | undefined;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  bot?.close();
  bot = undefined;
  tmp.cleanup();
});

const open = (config?: Record<string, unknown>) =>
  (bot = makeBot({ dbPath: join(tmp.dir, 'p.db'), config, capabilities: { ...SIMULATED.telegram, commandMenu: true } }));
const base = (b: TestBot, eventId: string, groupId = 'g1') => ({ platform: 'test', groupId, eventId, at: b.clock.now() });

describe('what the platform tells about a group', () => {
  it('a new group gets its command menu, members and admins apart, in its language', async () => {
    const b = open();
    const actions = await b.say('alice', 'hello');
    const menu = actions.find((a) => a.type === 'commandMenu');
    expect(menu).toMatchObject({ type: 'commandMenu', groupId: 'g1' });
    if (menu?.type !== 'commandMenu') throw new Error('no menu');
    expect(menu.member.map((c) => c.command)).toEqual(expect.arrayContaining(['help', 'rules']));
    expect(menu.member.map((c) => c.command)).not.toContain('settings');
    expect(menu.admin).toContainEqual({ command: 'settings', description: '查看全部设置；export 导出、import 导入' });
    expect((await b.say('alice', 'again')).some((a) => a.type === 'commandMenu')).toBe(false);
    const english = await b.say('o', '/lang en', { role: 'owner' });
    expect(english.find((a) => a.type === 'commandMenu')).toMatchObject({ admin: expect.arrayContaining([{ command: 'lang', description: 'switch language (zh / en)' }]) });
  });

  it("the platform's admins count as admins, and a fresh list replaces the old one", async () => {
    const b = open();
    await b.dispatch({ ...base(b, 'a1'), type: 'adminsKnown', admins: [{ id: 'carol', name: 'Carol', role: 'admin' }, { id: 'olga', name: 'Olga', role: 'owner' }] });
    expect(sentTexts(await b.say('carol', '/tz'))[0]).toMatch(/^本群时区/);
    await b.dispatch({ ...base(b, 'a2'), type: 'adminsKnown', admins: [{ id: 'olga', name: 'Olga', role: 'owner' }] });
    expect(sentTexts(await b.say('carol', '/tz'))[0]).toMatch(/^抱歉/);
  });

  it('a missing bot right is told to the owner once, and again only after it was fixed and lost', async () => {
    const b = open({ owners: { test: ['boss'] } });
    const rights = (id: string, missing: ('deleteMessages' | 'restrictMembers')[]) => b.dispatch({ ...base(b, id), type: 'botRights', missing });
    const dms = () => b.adapter.performed.filter((a) => a.type === 'dm');
    await rights('r1', ['deleteMessages']);
    await rights('r2', ['deleteMessages']);
    expect(dms()).toHaveLength(1);
    expect(dms()[0]).toMatchObject({ userId: 'boss', text: expect.stringContaining('删除消息') });
    await rights('r3', []);
    await rights('r4', ['deleteMessages']);
    expect(dms()).toHaveLength(2);
  });

  it('a group that moves to a new id keeps its settings, members and history', async () => {
    const b = open();
    await b.say('o', '/setrules 老群规', { role: 'owner', group: '-100' });
    await b.say('alice', 'hi', { group: '-100' });
    b.app.store.activity.flush();
    await b.dispatch({ ...base(b, 'mig', '-1001'), type: 'groupMigrated', fromGroupId: '-100' });
    expect(sentTexts(await b.say('alice', '/rules', { group: '-1001' }))).toEqual(['📜 群规\n老群规']);
    expect(b.app.store.members.get({ platform: 'test', groupId: '-1001' }, 'alice')?.name).toBe('alice');
    expect(b.app.store.activity.memberMessages({ platform: 'test', groupId: '-1001' }, 'alice')).toBe(2);
    expect(b.app.store.groups.exists({ platform: 'test', groupId: '-100' })).toBe(false);
  });
});

describe('configuring a group from a private chat', () => {
  it('an admin lists their groups, picks one, and changes its settings from the private chat', async () => {
    const b = open();
    await b.dispatch({ ...base(b, 'a1', 'team'), groupTitle: '产品交流群', type: 'adminsKnown', admins: [{ id: 'olga', name: 'Olga', role: 'owner' }] });
    const dm = { chat: 'private' as const, group: 'olga' };
    expect(sentTexts(await b.say('olga', '/use', dm))).toEqual(['你所在的群：\n1. 产品交流群（team）\n发送 /use <编号> 选择一个。']);
    expect(sentTexts(await b.say('olga', '/use 1', dm))).toEqual(['好的，接下来你在这里发的命令都作用于「产品交流群」。']);
    const set = await b.say('olga', '/setrules 私聊里设置的群规', dm);
    expect(set.find((a) => a.type === 'send')).toMatchObject({ groupId: 'olga', text: '群规已更新：\n私聊里设置的群规' });
    expect(sentTexts(await b.say('alice', '/rules', { group: 'team' }))).toEqual(['📜 群规\n私聊里设置的群规']);
  });

  it('someone who is not in the group cannot pick it', async () => {
    const b = open();
    await b.say('alice', 'hello', { group: 'team' });
    const dm = { chat: 'private' as const, group: 'mallory' };
    expect(sentTexts(await b.say('mallory', '/use', dm))[0]).toMatch(/^没有找到你所在的群/);
    expect(sentTexts(await b.say('mallory', '/use team', dm))).toEqual(['你不在「team」里。']);
    expect(sentTexts(await b.say('mallory', '/use nowhere', dm))).toEqual(['没有找到群「nowhere」。发送 /use 查看列表。']);
  });
});
