import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupContext } from '../src/engine/context.js';
import { ladderSetting, parseStep, stepFor } from '../src/features/penalties/ladder.js';
import { type Offence, activeStrikes, describeStep, isExempt, punish } from '../src/features/penalties/punish.js';
import { messages } from '../src/i18n/index.js';
import { logAction, logOutcome } from '../src/features/penalties/logText.js';
import { type TestBot, makeBot, sentTexts, tempDir } from './support/recording.js';
import { StrikesRepo } from '../src/features/penalties/strikes.sql.js';

let tmp: ReturnType<typeof tempDir>;
let bot: TestBot;
const g = { platform: 'test', groupId: 'g1' };
beforeEach(() => {
  tmp = tempDir();
  bot = makeBot({ dbPath: join(tmp.dir, 'p.db') });
  bot.app.store.groups.ensure(g, 0);
});
afterEach(() => {
  bot.close();
  tmp.cleanup();
});

const ctx = () => groupContext(bot.app.services, g, messages);
/** A strike as the bot gives it: the decision, carried out (its records written), and what it does on the platform. */
const strike = (o: Offence) => bot.app.store.transaction(() => bot.app.executor.plan(punish(ctx(), o), { at: bot.clock.now().getTime() }).acts);
const bob = { id: 'bob', name: '小波' };

describe('the ladder', () => {
  it('parses steps and stays on the top step past the end', () => {
    expect(parseStep('mute:30m')).toEqual({ kind: 'mute', ms: 1_800_000, text: '30m' });
    expect(parseStep('ban')).toBeUndefined();
    expect(stepFor(1, ['remind', 'kick'])).toBe('remind');
    expect(stepFor(5, ['remind', 'kick'])).toBe('kick');
    expect(ladderSetting.fromText('remind, warn → mute:2h，kick')).toEqual(['remind', 'warn', 'mute:2h', 'kick']);
    expect(ladderSetting.fromText('remind,explode')).toBeUndefined();
  });

  it('each strike climbs one step and says what comes next', () => {
    const lines = [1, 2, 3, 4].map(() => {
      bot.clock.advance(11 * 60_000); // past the cooling period
      return strike({ user: bob, rule: 'ads', reason: '发二维码' });
    });
    expect(lines.map((a) => a.map((x) => x.type))).toEqual([['send'], ['send'], ['send', 'mute'], ['send', 'kick']]);
    expect(sentTexts(lines[0]!)).toEqual(['@小波 禁止广告（发二维码）。这是第 1 次：提醒。再有一次将警告。如有异议请发送 /appeal 申诉。']);
    expect(sentTexts(lines[3]!)).toEqual(['@小波 禁止广告（发二维码）。这是第 4 次：移出群。如有异议请发送 /appeal 申诉。']);
    expect(lines[2]![1]).toMatchObject({ type: 'mute' });
  });

  it('a burst is one offence: within the cooling period no step is climbed again, but an admin\'s warning counts', () => {
    expect(strike({ user: bob, rule: 'workhours', reason: '闲聊' })).toHaveLength(1);
    bot.clock.advance(60_000);
    expect(strike({ user: bob, rule: 'workhours', reason: '闲聊' })).toEqual([]);
    expect(sentTexts(strike({ user: bob, rule: 'manual', reason: '刷屏', by: 'o' }))[0]).toContain('这是第 2 次');
    expect(bot.app.store.of(StrikesRepo).active(g, 'bob', bot.clock.now().getTime())).toHaveLength(2);
  });

  it('a newcomer\'s first day is gentler: automatic strikes stop at a warning', async () => {
    await bot.dispatch({ type: 'memberJoined', ...g, eventId: 'j', at: bot.clock.now(), members: [{ id: 'bob', name: '小波' }] });
    const steps = [1, 2, 3, 4].map(() => {
      bot.clock.advance(11 * 60_000);
      return strike({ user: bob, rule: 'workhours', reason: '闲聊' }).map((a) => a.type);
    });
    expect(steps).toEqual([['send'], ['send'], ['send'], ['send']]);
  });

  it('strikes expire after the group period and stop counting', () => {
    strike({ user: bob, rule: 'ads', reason: 'x' });
    bot.clock.advance(31 * 86_400_000);
    expect(sentTexts(strike({ user: bob, rule: 'ads', reason: 'x' }))[0]).toContain('这是第 1 次');
  });

  it('a strike is decided as data: nothing is stored until the executor carries it out', () => {
    const decided = punish(ctx(), { user: bob, rule: 'workhours', reason: '闲聊' });
    expect(decided.flatMap((a) => (a.type === 'record' ? [a.kind] : []))).toEqual(['penalties.strike', 'log']);
    expect(activeStrikes(ctx(), 'bob')).toEqual([]);
    expect(bot.app.store.actionLog.recent(g)).toEqual([]);
  });

  it('every strike is in the log with its rule, reason and step', () => {
    strike({ user: bob, rule: 'workhours', reason: '闲聊' });
    expect(bot.app.store.actionLog.recent(g)[0]).toMatchObject({ action: 'strike', userId: 'bob', reason: '工作时间请聊与主题相关的内容：闲聊', outcome: 'step:1:remind' });
  });

  it('admins and trusted members are exempt; others are not', async () => {
    await bot.dispatch({ type: 'adminsKnown', ...g, eventId: 'a', at: bot.clock.now(), admins: [{ id: 'ann', name: 'Ann', role: 'admin' }] });
    bot.app.store.members.seen(g, 'tim', 'Tim', 0);
    bot.app.store.members.setTrusted(g, 'tim', true);
    expect(isExempt(ctx(), { id: 'ann' })).toBe(true);
    expect(isExempt(ctx(), { id: 'tim' })).toBe(true);
    expect(isExempt(ctx(), { id: 'bob' })).toBe(false);
    expect(isExempt(ctx(), { id: 'bob', role: 'admin' })).toBe(true); // the platform says so on this message
  });
});

describe('moderation commands', () => {
  const owner = { role: 'owner' as const };

  it('/warn by reply, /warns, /unwarn, /trust and /log', async () => {
    const warn = await bot.app.dispatch({
      type: 'message', ...g, chat: 'group', eventId: 'w1', messageId: 'w1', at: bot.clock.now(), sender: { id: 'o', name: 'O', role: 'owner' }, kind: 'text',
      text: '/warn 刷屏', replyTo: { messageId: 'x', senderId: 'bob', senderName: '小波' },
    });
    expect(sentTexts(warn)).toEqual(['@小波 管理员提醒（刷屏）。这是第 1 次：提醒。再有一次将警告。如有异议请发送 /appeal 申诉。']);
    expect(sentTexts(await bot.say('bob', '/warns'))[0]).toMatch(/^bob 的有效违规记录：\n• 2026-11-24 09:00 管理员提醒（刷屏）→ 提醒$/);
    expect(sentTexts(await bot.say('carl', '/warns bob'))).toEqual(['抱歉，/warns 只有群主和管理员可以使用。']);
    expect(sentTexts(await bot.say('o', '/unwarn bob', owner))).toEqual(['已撤销 bob 最近的一次违规记录，还剩 0 次有效记录。']);
    expect(sentTexts(await bot.say('o', '/trust bob', owner))).toEqual(['已信任 bob：自动规则不会处罚他。']);
    expect(sentTexts(await bot.say('o', '/log', owner))[0]).toMatch(/^最近的处理记录：\n• 2026-11-24 09:00 撤销违规 bob：刷屏 → 由 o 处理\n• 2026-11-24 09:00 记违规 bob：管理员提醒：刷屏 → 第 1 次：提醒$/);
    expect(sentTexts(await bot.say('o', '/ladder warn,kick 1d', owner))).toEqual(['违规处理阶梯：警告 → 移出群\n记录有效期：1 天']);
    expect(sentTexts(await bot.say('o', '/ladder warn,explode', owner))[0]).toMatch(/^用法：/);
  });

  it('/warn needs a target and never punishes admins', async () => {
    expect(sentTexts(await bot.say('o', '/warn 刷屏', owner))).toEqual(['请回复对方的消息，或 @ 成员。']);
    await bot.dispatch({ type: 'adminsKnown', ...g, eventId: 'a', at: bot.clock.now(), admins: [{ id: 'ann', name: 'Ann', role: 'admin' }] });
    const warnAdmin = await bot.app.dispatch({
      type: 'message', ...g, chat: 'group', eventId: 'w2', messageId: 'w2', at: bot.clock.now(), sender: { id: 'o', name: 'O', role: 'owner' }, kind: 'text',
      text: '/warn @Ann', mentions: [{ id: 'ann', name: 'Ann' }],
    });
    expect(sentTexts(warnAdmin)).toEqual(['管理员不会被警告或处罚。']);
  });

  it('an appeal with nothing to appeal says so', async () => {
    expect(sentTexts(await bot.say('bob', '/appeal'))).toEqual(['你在本群没有可以申诉的违规记录。']);
  });
});

describe('the action log reads in the group\u2019s language', () => {
  it('codes written by the deciders become words; older free-text rows print as written', () => {
    const [zh, en] = [messages('zh-CN'), messages('en')];
    expect(logOutcome(zh, 'removed:0.86')).toBe('已删除（可信度 0.86）');
    expect(logOutcome(en, 'step:2:mute:1h')).toBe(`strike 2: ${describeStep(en, parseStep('mute:1h')!)}`);
    expect(logOutcome(zh, 'fallback:forbidden:need the Delete messages right')).toBe('没能执行（机器人没有这项权限：need the Delete messages right）');
    expect(logOutcome(en, 'opinion:not-ad:review:0.91')).toBe('the language model called it no ad; sent to the owner');
    expect(logAction(zh, 'adfilter (observe)')).toBe('防广告（观察模式）');
    expect(logOutcome(zh, '#1 remind')).toBe('#1 remind');
  });
});
