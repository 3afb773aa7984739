import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import type { MessageEvent } from '../src/engine/events.js';
import { rulesSetting } from '../src/settings/core.js';
import { type Feature, Registry, RegistryError } from '../src/engine/registry.js';
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

const db = () => join(tmp.dir, 'steward.db');

describe('permissions', () => {
  it('a member asking for an admin command gets a polite refusal and nothing changes', async () => {
    bot = makeBot({ dbPath: db() });
    const actions = await bot.say('alice', '/setrules 无规则');
    expect(sentTexts(actions)).toEqual(['抱歉，/setrules 只有群主和管理员可以使用。']);
    expect(actions.find((a) => a.type === 'send')).toMatchObject({ replyTo: expect.any(String) });
    expect(sentTexts(await bot.say('alice', '/rules'))).toEqual(['本群还没有设置群规。管理员可以用 /setrules 设置。']);
  });

  it('an admin by the platform (Telegram admins, WeChat room owner) may change settings', async () => {
    bot = makeBot({ dbPath: db() });
    expect(sentTexts(await bot.say('carol', '/setrules 友善交流', { role: 'admin' }))).toEqual(['群规已更新：\n友善交流']);
  });

  it('a role given by command (stored) counts as well', async () => {
    bot = makeBot({ dbPath: db() });
    await bot.say('dave', 'hello');
    bot.app.store.members.setRole({ platform: 'test', groupId: 'g1' }, 'dave', 'admin');
    expect(sentTexts(await bot.say('dave', '/tz'))[0]).toMatch(/^本群时区：Asia\/Shanghai/);
  });

  it('configured superusers are owners everywhere', async () => {
    bot = makeBot({ dbPath: db(), config: { owners: { test: ['root'] } } });
    expect(sentTexts(await bot.say('root', '/tz', { group: 'any-group' }))[0]).toMatch(/^本群时区/);
  });

  it('/help lists only what the sender may use', async () => {
    bot = makeBot({ dbPath: db() });
    const member = sentTexts(await bot.say('alice', '/help'))[0]!;
    expect(member).toContain('/rules');
    expect(member).not.toContain('/settings');
    const admin = sentTexts(await bot.say('bob', '/help', { role: 'owner' }))[0]!;
    expect(admin).toContain('/settings');
    expect(admin).toContain('/setrules');
  });

  it('a malformed command gets its usage line', async () => {
    bot = makeBot({ dbPath: db() });
    expect(sentTexts(await bot.say('o', '/lang klingon', { role: 'owner' }))).toEqual(['用法：/lang zh|en']);
    expect(sentTexts(await bot.say('o', '/set timezone', { role: 'owner' }))[0]).toMatch(/^用法：\/set <设置项> <值>/);
  });

  it('replies switch to English per group on request', async () => {
    bot = makeBot({ dbPath: db() });
    expect(sentTexts(await bot.say('o', '/lang en', { role: 'owner' }))).toEqual(['OK, this group gets replies in English from now on.']);
    expect(sentTexts(await bot.say('alice', '/rules'))).toEqual(['This group has no rules yet. An admin can set them with /setrules.']);
    expect(sentTexts(await bot.say('alice', '/rules', { group: 'g2' }))[0]).toMatch(/^本群还没有/);
    // English punctuation in English: the Chinese keywords in ASCII brackets.
    expect(sentTexts(await bot.say('alice', '/help'))[0]).toContain('\n/checkin (打卡, 签到) — ');
  });
});

describe('the engine', () => {
  const boom: Feature = {
    name: 'boom',
    rules: [
      { id: 'explodes', on: ['message'], stage: 'after', decide: () => { throw new Error('kaboom'); } },
      { id: 'echoes', on: ['message'], stage: 'after', decide: (ctx) => [ctx.send(`heard ${(ctx.event as MessageEvent).text}`)] },
    ],
    commands: [{ name: 'crash', level: 'member', run: () => { throw new Error('bad command'); } }],
  };

  it('an error in one rule does not stop the others', async () => {
    bot = makeBot({ dbPath: db(), features: [...buildFeatures(), boom] });
    expect(sentTexts(await bot.say('alice', 'hi'))).toEqual(['heard hi']);
  });

  it('a failing command answers with an apology and the bot goes on', async () => {
    bot = makeBot({ dbPath: db(), features: [...buildFeatures(), boom] });
    expect(sentTexts(await bot.say('alice', '/crash'))).toEqual(['抱歉，处理这条命令时出了点问题，已经记录下来了。']);
    expect(sentTexts(await bot.say('alice', 'still here'))).toEqual(['heard still here']);
  });

  it('rules skip commands unless they ask to see them', async () => {
    bot = makeBot({ dbPath: db(), features: [...buildFeatures(), boom] });
    expect(sentTexts(await bot.say('alice', '/rules'))).toHaveLength(1);
  });

  it('a command reads back what it just saved', async () => {
    const echoRules: Feature = {
      name: 'echo-rules',
      commands: [{ name: 'setecho', level: 'admin', run: (ctx) => (ctx.save(rulesSetting, ctx.command.args), [ctx.reply(ctx.groupSettings.get(rulesSetting))]) }],
    };
    bot = makeBot({ dbPath: db(), features: [...buildFeatures(), echoRules] });
    expect(sentTexts(await bot.say('boss', '/setecho 只聊学习', { role: 'owner' }))).toEqual(['只聊学习']);
  });

  it('a message delivered twice is handled once', async () => {
    bot = makeBot({ dbPath: db(), features: [...buildFeatures(), boom] });
    const event: MessageEvent = {
      type: 'message', platform: 'test', groupId: 'g1', chat: 'group', eventId: 'dup', messageId: 'dup',
      at: bot.clock.now(), sender: { id: 'alice', name: 'Alice' }, kind: 'text', text: 'once',
    };
    expect(sentTexts(await bot.dispatch(event))).toEqual(['heard once']);
    expect(await bot.dispatch({ ...event })).toEqual([]);
  });

  it('every message lands in the hourly activity ledger by kind', async () => {
    bot = makeBot({ dbPath: db() });
    await bot.say('alice', 'one');
    await bot.say('alice', 'two');
    await bot.dispatch({
      type: 'message', platform: 'test', groupId: 'g1', chat: 'group', eventId: 's1', messageId: 's1',
      at: bot.clock.now(), sender: { id: 'bob', name: 'Bob' }, kind: 'sticker', text: '',
    });
    expect(bot.app.store.activity.buffered).toBe(2); // one row per member, hour and kind, coalesced in memory until the next tick
    await bot.app.tick();
    expect(bot.app.store.activity.buffered).toBe(0);
    const g = { platform: 'test', groupId: 'g1' };
    expect([bot.app.store.activity.memberMessages(g, 'alice'), bot.app.store.activity.memberMessages(g, 'bob')]).toEqual([2, 1]);
    const hour = Math.floor(bot.clock.now().getTime() / 3_600_000) * 3600;
    expect(bot.app.store.activity.hourly(g, new Date(0), new Date('2100-01-01'))).toEqual([{ hour, count: 3 }]);
  });

  it('buffered ledger counts are written at stop, and before any read', async () => {
    bot = makeBot({ dbPath: db() });
    await bot.say('alice', 'one');
    const g = { platform: 'test', groupId: 'g1' };
    expect(bot.app.store.activity.hourly(g, new Date(0), new Date('2030-01-01'))).toEqual([
      { hour: Math.floor(bot.clock.now().getTime() / 3_600_000) * 3600, count: 1 },
    ]);
    await bot.say('alice', 'two');
    await bot.app.stop();
    expect(bot.app.store.activity.buffered).toBe(0);
    expect(bot.app.store.activity.memberMessages(g, 'alice')).toBe(2);
  });

  it('joins and leaves are recorded with the inviter', async () => {
    bot = makeBot({ dbPath: db() });
    const at = bot.clock.now();
    await bot.dispatch({ type: 'memberJoined', platform: 'test', groupId: 'g1', eventId: 'j1', at, members: [{ id: 'n1', name: '小王' }], inviter: { id: 'alice', name: 'Alice' } });
    await bot.dispatch({ type: 'memberLeft', platform: 'test', groupId: 'g1', eventId: 'l1', at, member: { id: 'n1', name: '小王' } });
    expect(bot.app.store.members.get({ platform: 'test', groupId: 'g1' }, 'n1')).toMatchObject({ name: '小王', inviterId: 'alice', joinedAt: at.getTime(), leftAt: at.getTime() });
  });

  it('group commands in a private chat work on the member\'s one group, or ask which group first', async () => {
    bot = makeBot({ dbPath: db() });
    const dm = { chat: 'private' as const, group: 'alice' };
    expect(sentTexts(await bot.say('alice', '/rules', dm))).toEqual(['我还没在任何群里见过你。先在群里说句话，再来私聊我。']);
    expect(sentTexts(await bot.say('alice', '/setrules x', dm))).toEqual(['/setrules 要作用于某个群。请先发送 /use 选择要管理的群。']);
    expect(sentTexts(await bot.say('alice', '/help', dm))[0]).toMatch(/可用的命令/);
    await bot.say('alice', '大家好', { group: 'g1' });
    expect(sentTexts(await bot.say('alice', '/rules', dm))).toEqual(['本群还没有设置群规。管理员可以用 /setrules 设置。']);
    await bot.say('alice', '大家好', { group: 'g2' });
    expect(sentTexts(await bot.say('alice', '/me', dm))[0]).toMatch(/^你在好几个群里，\/me 要用在哪个群？\n1\. g1\n2\. g2/);
    expect(sentTexts(await bot.say('alice', '/use 2', dm))).toEqual(['好的，接下来你在这里发的命令都作用于「g2」。']);
    expect(sentTexts(await bot.say('alice', '/setrules x', dm))).toEqual(['抱歉，/setrules 只有群主和管理员可以使用。']);
  });
});

describe('the registry', () => {
  it('refuses two commands with one name', () => {
    const a: Feature = { name: 'a', commands: [{ name: 'x', level: 'member', run: () => [] }] };
    const b: Feature = { name: 'b', commands: [{ name: 'x', level: 'member', run: () => [] }] };
    expect(() => new Registry([a, b])).toThrow(RegistryError);
  });

  it('refuses an alias another command already uses', () => {
    const a: Feature = { name: 'a', commands: [{ name: 'checkin', aliases: ['打卡'], level: 'member', run: () => [] }] };
    const b: Feature = { name: 'b', commands: [{ name: 'clockin', aliases: ['打卡'], level: 'member', run: () => [] }] };
    expect(() => new Registry([a, b])).toThrow(/alias "打卡" of \/clockin is already taken by \/checkin/);
  });

  it('refuses duplicate rules, job kinds and settings', () => {
    const rule = { id: 'r', on: ['message' as const], stage: 'after' as const, decide: () => [] };
    expect(() => new Registry([{ name: 'a', rules: [rule] }, { name: 'b', rules: [rule] }])).toThrow(/rule "r"/);
    const job = { kind: 'k', run: () => [] };
    expect(() => new Registry([{ name: 'a', jobs: [job, job] }])).toThrow(/job kind "k"/);
    const s = buildFeatures().flatMap((f) => f.settings ?? [])[0]!;
    expect(() => new Registry([{ name: 'a', settings: [s] }, { name: 'b', settings: [s] }])).toThrow(/setting "timezone"/);
  });
});

describe('the executor and platform fallbacks', () => {
  const moderator: Feature = {
    name: 'moderator',
    rules: [
      {
        id: 'no-spam',
        on: ['message'],
        stage: 'after',
        decide: (ctx) => {
          const e = ctx.event as MessageEvent;
          if (!e.text.includes('spam')) return;
          const user = { id: e.sender.id, name: e.sender.name };
          return {
            actions: [
              { type: 'delete', platform: e.platform, groupId: e.groupId, messageId: e.messageId, user, reason: '广告' },
              { type: 'mute', platform: e.platform, groupId: e.groupId, user, until: new Date(ctx.now.getTime() + 3_600_000), reason: '广告' },
              { type: 'send', platform: e.platform, groupId: e.groupId, text: 'pick one', buttons: [{ label: '我是真人', data: 'human', keyword: '真人' }] },
            ],
            stop: true,
          };
        },
      },
    ],
  };

  it('where the platform can, it deletes and mutes, and logs why', async () => {
    bot = makeBot({ dbPath: db(), features: [...buildFeatures(), moderator] });
    await bot.say('spammer', 'buy spam');
    // Moderation has its own lane, so it never waits behind the chat's paced messages.
    const types = bot.adapter.performed.map((a) => a.type);
    expect(types.filter((t) => t !== 'send')).toEqual(['delete', 'mute']);
    expect(types).toContain('send');
    expect(bot.app.store.actionLog.recent({ platform: 'test', groupId: 'g1' }).map((e) => [e.action, e.outcome])).toEqual([
      ['mute', 'done'],
      ['delete', 'done'],
    ]);
  });

  it('on WeChat it reminds publicly with an @mention, tells the owner, and turns buttons into keywords', async () => {
    bot = makeBot({ dbPath: db(), features: [...buildFeatures(), moderator], capabilities: SIMULATED.wechat, config: { owners: { test: ['boss'] } } });
    await bot.say('spammer', 'buy spam');
    const done = bot.adapter.performed;
    expect(done.map((a) => a.type)).toEqual(['send', 'dm', 'send', 'dm', 'send']);
    expect(done[0]).toMatchObject({ text: '@spammer 这条消息不符合群规（广告），请撤回。', mentions: [{ id: 'spammer', name: 'spammer' }] });
    expect(done[1]).toMatchObject({ type: 'dm', userId: 'boss', text: expect.stringContaining('没法删除 spammer 的消息') });
    expect(done[2]).toMatchObject({ text: expect.stringMatching(/^@spammer 请在 2026-11-24 10:00 前暂停发言/) });
    expect(done[4]).toMatchObject({ text: 'pick one\n回复「真人」：我是真人' });
    expect(done[4]).not.toHaveProperty('buttons');
    expect(bot.app.store.actionLog.recent({ platform: 'test', groupId: 'g1' })[0]?.outcome).toBe('fallback:unsupported');
  });

  it('a platform refusal at run time (bot lacks the right) falls back the same way', async () => {
    bot = makeBot({ dbPath: db(), features: [...buildFeatures(), moderator], config: { owners: { test: ['boss'] } } });
    bot.adapter.perform = async (action) => {
      bot!.adapter.performed.push(action);
      return action.type === 'delete' ? { ok: false, why: 'forbidden', detail: 'need the Delete messages right' } : { ok: true };
    };
    await bot.say('spammer', 'spam again');
    expect(bot.adapter.performed.map((a) => a.type)).toEqual(['delete', 'send', 'dm', 'mute', 'send']);
    expect(bot.app.store.actionLog.recent({ platform: 'test', groupId: 'g1' })[1]?.outcome).toBe('fallback:forbidden:need the Delete messages right');
  });

  it('an action that throws is a failure like any other: the fallback applies and the actions after it go on', async () => {
    bot = makeBot({ dbPath: db(), features: [...buildFeatures(), moderator] });
    bot.adapter.perform = async (action) => {
      if (action.type === 'delete') throw new Error('network down');
      bot!.adapter.performed.push(action);
      return { ok: true };
    };
    await bot.say('spammer', 'spam');
    expect(bot.adapter.performed.map((a) => a.type).sort()).toEqual(['mute', 'send', 'send']);
    expect(bot.adapter.texts()).toContain('@spammer 这条消息不符合群规（广告），请撤回。');
    expect(bot.app.store.actionLog.recent({ platform: 'test', groupId: 'g1' }).map((e) => e.outcome)).toContain('fallback:failed:network down');
  });
});

describe('decisions are data', () => {
  it('a rule that writes to the store while deciding is caught (tests run strict), naming itself', async () => {
    const writes: Feature = {
      name: 'probe',
      rules: [{ id: 'probe.writes', on: ['message'], stage: 'after', decide: (ctx) => void ctx.store.notices.firstTime(ctx.group, 'probe', 0) }],
    };
    const bot = makeBot({ dbPath: join(tmp.dir, 'strict.db'), features: [...buildFeatures(), writes] });
    try {
      await expect(bot.say('ann', 'hello')).rejects.toThrow('rule probe.writes wrote to the store while deciding; return records instead');
    } finally {
      bot.close();
    }
  });
});
