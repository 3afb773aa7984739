import { writeFileSync } from 'node:fs';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import { parseConfig } from '../src/config/load.js';
import type { Action } from '../src/engine/actions.js';
import { banListIds } from '../src/features/family/banList.js';
import { importBanList } from '../src/main.js';
import { runCli } from './support/cli.js';
import { joinEvent, perTest, sentTexts, textEvent } from './support/recording.js';

const scratch = perTest();
const open = () => scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } } });
type Bot = ReturnType<typeof open>;
const at = (groupId: string) => ({ platform: 'test', groupId });
const kicks = (actions: Action[]) => actions.flatMap((a) => (a.type === 'kick' ? [`${a.groupId}:${a.user.id}`] : []));

/** g1 and g2, linked by their owner; bob has spoken in both. */
async function family(bot: Bot) {
  expect(sentTexts(await bot.say('boss', '/family create'))).toEqual(['已建立家族 #1。在你管理的其他群里发送 /family join 1，那些群就和本群共享封禁名单。']);
  expect(sentTexts(await bot.say('boss', '/family join 1', { group: 'g2' }))).toEqual(['本群已加入家族 #1，和其他群共享封禁名单。']);
  await bot.say('bob', '大家好');
  await bot.say('bob', '大家好', { group: 'g2' });
}

describe('a family of groups shares one ban list', () => {
  it("an admin's /ban removes the member here and in the family's other groups, with the reason and the source in each /log", async () => {
    const bot = open();
    await family(bot);
    const hello = textEvent('bob', '私聊我买课', bot.clock.now());
    await bot.dispatch(hello);
    const banned = await bot.dispatch(textEvent('boss', '/ban 倒卖课程', bot.clock.now(), { extra: { replyTo: { messageId: hello.messageId, senderId: 'bob', senderName: 'bob' } } }));
    expect(kicks(banned)).toEqual(['g1:bob', 'g2:bob']);
    expect(sentTexts(banned)).toEqual(['已将 bob 移出并封禁（倒卖课程）。']);
    expect(bot.app.store.actionLog.recent(at('g2')).find((e) => e.action === 'family ban')).toMatchObject({ userId: 'bob', reason: '在「g1」被封禁：倒卖课程' });
    // Coming back to either group, they are removed at once.
    expect(kicks(await bot.dispatch(joinEvent(['bob'], bot.clock.now(), { group: 'g2' })))).toEqual(['g2:bob']);
    // /unban lifts it everywhere.
    expect(sentTexts(await bot.say('boss', '/unban bob', { group: 'g2' }))).toEqual(['已解除 bob 的封禁（2 个群）。']);
    expect(kicks(await bot.dispatch(joinEvent(['bob'], bot.clock.now())))).toEqual([]);
  });

  it('a certain ad from a newcomer is shared; a newcomer who missed the entry check is not', async () => {
    const bot = open();
    await family(bot);
    await bot.dispatch(joinEvent(['spam1'], bot.clock.now()));
    await bot.say('spam1', '大家好', { group: 'g2' });
    const ad = await bot.say('spam1', '兼职刷单日赚500，加微信 abc12345 详聊');
    expect(kicks(ad)).toEqual(['g1:spam1', 'g2:spam1']);
    await bot.say('boss', '/verify button');
    await bot.dispatch(joinEvent(['slow'], bot.clock.now()));
    await bot.say('slow', '你好', { group: 'g2' });
    await bot.app.scheduler.advanceTo(bot.clock, new Date(bot.clock.now().getTime() + 11 * 60_000));
    const removed = bot.adapter.performed.flatMap((a) => (a.type === 'kick' && a.user.id === 'slow' ? [a.groupId] : []));
    expect(removed).toEqual(['g1']);
  });

  it("only the owner who made a family adds groups to it, and a group may keep out of its bans", async () => {
    const bot = open();
    await family(bot);
    expect(sentTexts(await bot.say('eve', '/family join 1', { group: 'g3', role: 'owner' }))).toEqual([
      '没有这个家族，或者它不是你建立的：只有建立家族 #1 的群主可以把群加进去。',
    ]);
    expect(sentTexts(await bot.say('ann', '/family create', { group: 'g3', role: 'admin' }))[0]).toMatch(/群主/);
    await bot.say('boss', '/family share off', { group: 'g2' });
    expect(kicks(await bot.say('boss', '/ban @bob 刷屏广告'))).toEqual(['g1:bob']);
    expect(sentTexts(await bot.say('boss', '/family', { group: 'g2' }))[0]).toBe('👪 家族 #1：「g1」1 人、「g2」2 人（不共享封禁）\n封禁名单：1 人\n（本群不共享封禁：/family share on 开启）');
  });

  it('a group with no family keeps its own list from its first /ban', async () => {
    const bot = open();
    await bot.say('bob', '在吗');
    expect(kicks(await bot.say('ann', '/ban bob 骚扰', { role: 'admin' }))).toEqual(['g1:bob']);
    expect(kicks(await bot.dispatch(joinEvent(['bob'], bot.clock.now())))).toEqual(['g1:bob']);
    // Its owner may make it a family later, and link other groups to it.
    expect(sentTexts(await bot.say('boss', '/family create'))).toEqual([expect.stringMatching(/^已建立家族 #1。/)]);
  });
});

describe('an imported ban list', () => {
  it("reads the CAS export's ids and skips what is not one", () => {
    expect(banListIds('user_id,offenses,time_added\n12345,3,2025-01-01\n\n67890\n"13579",1\nnot-an-id\n12345\n')).toEqual({ ids: ['12345', '67890', '13579'], skipped: 2 });
  });

  it('`steward bans import` reads the file into the database and says what it took', () => {
    const file = join(scratch.dir, 'cas.csv');
    writeFileSync(file, 'user_id\n333333\n444444\n');
    const r = runCli(['bans', 'import', file, '--db', join(scratch.dir, 'cli.db')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ source: 'cas', ids: 2, added: 2, skipped: 1 });
    expect(runCli(['bans', 'import']).code).toBe(2);
  });

  it('is imported from a file and removes who is on it at joining, where the group keeps it on', async () => {
    const file = join(scratch.dir, 'export.csv');
    writeFileSync(file, '111111\n222222\n');
    const db = join(scratch.dir, 'steward.db');
    expect(importBanList(parseConfig({}, 'test'), 'test', db, file, 'test', 'cas')).toEqual({ source: 'cas', ids: 2, added: 2, skipped: 0 });
    const bot = open();
    const joined = await bot.dispatch(joinEvent(['111111', 'amy'], bot.clock.now()));
    expect(kicks(joined)).toEqual(['g1:111111']);
    expect(bot.app.store.actionLog.recent(at('g1')).find((e) => e.action === 'family ban')?.reason).toBe('在导入的封禁名单（cas）上');
    await bot.say('boss', '/family imported off', { group: 'g2' });
    expect(kicks(await bot.dispatch(joinEvent(['222222'], bot.clock.now(), { group: 'g2' })))).toEqual([]);
    await bot.say('boss', '/trust 111111');
    expect(sentTexts(await bot.say('boss', '/unban 111111'))[0]).toContain('对方在导入的封禁名单（cas）上');
  });
});

describe('overflow (分流): a full group sends newcomers to the next group of the family with room', () => {
  /** g1 holds 3, g2 holds 100; boss owns both (and counts as a member of each). */
  async function twoGroups(bot: Bot) {
    await bot.say('boss', '/family create');
    await bot.say('boss', '/family join 1', { group: 'g2' });
    expect(sentTexts(await bot.say('boss', '/overflow 3'))).toEqual(['本群容量设为 3 人：满了以后，新人会被引导到家族里下一个有空位的群。']);
    await bot.say('boss', '/overflow 100', { group: 'g2' });
  }
  const invites = (actions: Action[]) => actions.flatMap((a) => (a.type === 'send' && a.invite ? [{ text: a.text, to: a.invite.groupId, limit: a.invite.memberLimit }] : []));

  it('past its capacity, a newcomer is welcomed and pointed to the next group, with an invite link the bot makes for those it has room for', async () => {
    const bot = open();
    await twoGroups(bot);
    expect(invites(await bot.dispatch(joinEvent(['ann', 'bob'], bot.clock.now())))).toEqual([]); // 3 of 3: full, not over
    expect(invites(await bot.dispatch(joinEvent(['cat'], bot.clock.now())))).toEqual([
      { text: '@cat 欢迎！本群已满员（4/3），为了让大家聊得开，请移步「g2」{invite-link}', to: 'g2', limit: 50 },
    ]);
    // Members asking how to bring a friend get the group with room; in g2 that is g2 itself.
    expect(invites(await bot.say('ann', '/invite'))).toEqual([{ text: '本群已满员，新朋友请加入「g2」{invite-link}', to: 'g2', limit: 50 }]);
    expect(invites(await bot.say('boss', '邀请', { group: 'g2' }))).toEqual([{ text: '欢迎邀请朋友！入群方式：「g2」{invite-link}', to: 'g2', limit: 50 }]);
    expect(sentTexts(await bot.say('boss', '/overflow'))[0]).toBe('👥 分流（满员的群把新人引导到下一个有空位的群）：\n•「g1」4/3 人\n•「g2」1/100 人\n现在新人去「g2」。\n家族入口：私聊我发送「入群 1」');
    expect(sentTexts(await bot.say('boss', '/family'))[0]).toMatch(/^👪 家族 #1：「g1」4\/3 人、「g2」1\/100 人\n/);
  });

  it("the family's entry point, in a private chat (or Telegram's start link), always leads to a group with room", async () => {
    const bot = open();
    await twoGroups(bot);
    const dm = { chat: 'private' as const, group: 'zed' };
    expect(invites(await bot.say('zed', '/entry 1', dm))).toEqual([{ text: '欢迎！请加入「g1」{invite-link}', to: 'g1', limit: 2 }]);
    await bot.dispatch(joinEvent(['ann', 'bob', 'cat'], bot.clock.now()));
    expect(invites(await bot.say('zed', '/start entry-1', dm))).toEqual([{ text: '欢迎！请加入「g2」{invite-link}', to: 'g2', limit: 50 }]);
    expect(sentTexts(await bot.say('zed', '入群 7', dm))).toEqual(['没有家族 #7。']);
  });

  it('where no link can be made (WeChat) the way in the owner registered is given; with every group full the owner hears once a day', async () => {
    const bot = scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } }, capabilities: SIMULATED.wechat });
    await twoGroups(bot);
    expect(sentTexts(await bot.say('boss', '/overflow entry 搜索群名「读书会二群」', { group: 'g2' }))).toEqual(['已记下本群的入群方式：搜索群名「读书会二群」']);
    await bot.dispatch(joinEvent(['ann', 'bob', 'cat'], bot.clock.now()));
    expect(bot.adapter.texts().at(-1)).toBe('@cat 欢迎！本群已满员（4/3），为了让大家聊得开，请移步「g2」搜索群名「读书会二群」');
    // A group with no way in registered, on a platform that makes no links: members are told to ask, the owner to register one.
    await bot.say('boss', '/invite', { group: 'g2' });
    expect(bot.adapter.texts().at(-1)).toBe('欢迎邀请朋友！入群方式：「g2」搜索群名「读书会二群」');
    await bot.say('boss', '/overflow entry off', { group: 'g2' });
    await bot.say('ann', '/invite');
    expect(bot.adapter.texts().filter((t) => t.startsWith('本群已满员，新朋友请加入'))).toEqual(['本群已满员，新朋友请加入「g2」（入群方式请私信管理员）']);
    expect(bot.adapter.performed.filter((a) => a.type === 'dm' && a.text.startsWith('新人被引导去「g2」'))).toHaveLength(1);
    await bot.say('ann', '/invite');
    expect(bot.adapter.performed.filter((a) => a.type === 'dm' && a.text.startsWith('新人被引导去「g2」'))).toHaveLength(1);
    await bot.say('boss', '/overflow 1', { group: 'g2' });
    expect(sentTexts(await bot.say('ann', '/invite'))).toEqual(['家族里的群都满员了，我已经告诉群主，新群建好后就能加入。']);
    const notes = () => bot.adapter.performed.filter((a) => a.type === 'dm' && a.userId === 'boss' && a.text.startsWith('⚠️ 家族里的群都满员了'));
    expect(notes()).toHaveLength(1);
    await bot.dispatch(joinEvent(['dan'], bot.clock.now()));
    expect(notes()).toHaveLength(1);
    bot.clock.advance(25 * 3_600_000);
    await bot.dispatch(joinEvent(['eve'], bot.clock.now()));
    expect(notes()).toHaveLength(2);
  });
});
