import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageEvent } from '../src/engine/events.js';
import { formatIsoLocal } from '../src/time/calendar.js';
import { type LedgerReason, decodeReason, encodeReason } from '../src/features/checkin/ledger.js';
import { nextStreak, streakFromDays } from '../src/features/checkin/streak.js';
import { messages } from '../src/i18n/index.js';
import { type TestBot, makeBot, sentTexts, tempDir, textEvent } from './support/recording.js';
import { CheckinsRepo } from '../src/features/checkin/checkins.sql.js';
import { PointsRepo } from '../src/features/checkin/points.sql.js';

let tmp: ReturnType<typeof tempDir>;
let bot: TestBot;
beforeEach(() => {
  tmp = tempDir();
  bot = makeBot({ dbPath: join(tmp.dir, 'c.db') });
});
afterEach(() => {
  bot.close();
  tmp.cleanup();
});

const msg = (from: string, text: string, id?: string): MessageEvent => textEvent(from, text, bot.clock.now(), id ? { id } : {});
const g = { platform: 'test', groupId: 'g1' };
const checkinRows = () => bot.app.store.of(CheckinsRepo).figures(g, 'ann')?.total ?? 0;

describe('check-in', () => {
  it('two check-ins racing count once', async () => {
    const [a, b] = await Promise.all([bot.dispatch(msg('ann', '打卡')), bot.dispatch(msg('ann', '/checkin'))]);
    expect([...sentTexts(a), ...sentTexts(b)].filter((t) => t.startsWith('✅'))).toHaveLength(1);
    expect(checkinRows()).toBe(1);
    expect(bot.app.store.of(CheckinsRepo).figures(g, 'ann')).toMatchObject({ total: 1, points: 10 });
  });

  it('the same message delivered twice counts once, even by a second process after a restart', async () => {
    await bot.dispatch(msg('ann', '打卡', 'dup'));
    expect(await bot.dispatch(msg('ann', '打卡', 'dup'))).toEqual([]);
    const second = makeBot({ dbPath: bot.dbPath, clock: bot.clock });
    expect(await second.dispatch(msg('ann', '打卡', 'dup'))).toEqual([]);
    second.close();
    expect(checkinRows()).toBe(1);
  });

  it('the daily order counts members in the order they checked in', async () => {
    for (const who of ['a', 'b', 'c']) await bot.dispatch(msg(who, '打卡'));
    expect(bot.app.store.of(CheckinsRepo).day(g, '2026-11-24').map((r) => [r.userId, r.seq])).toEqual([['a', 1], ['b', 2], ['c', 3]]);
  });

  it('/rank shows the top 10 and the asker below it', async () => {
    for (let i = 1; i <= 12; i++) await bot.dispatch(msg(`m${String(i).padStart(2, '0')}`, '打卡'));
    const board = sentTexts(await bot.dispatch(msg('m12', '/rank')))[0]!;
    expect(board.split('\n')).toHaveLength(1 + 10 + 2);
    expect(board).toMatch(/\n\n你：第 12 名 — 第 12 个（09:00）$/);
    expect(sentTexts(await bot.dispatch(msg('zz', '/rank points')))[0]).toMatch(/你还不在榜上。$/);
    expect(sentTexts(await bot.dispatch(msg('zz', '/rank everything')))[0]).toMatch(/^用法：\/rank/);
  });

  it('rewards: stock and balance are enforced, the owner is told to deliver', async () => {
    await bot.say('o', '/reward add 贴纸 5 1', { role: 'owner' });
    await bot.dispatch(msg('ann', '打卡'));
    await bot.dispatch(msg('bob', '打卡'));
    const redeemed = await bot.dispatch(msg('ann', '/redeem 贴纸'));
    expect(sentTexts(redeemed)).toEqual(['🎉 兑换成功：贴纸！剩余 5 积分。群主会尽快联系你发放。']);
    expect(redeemed.find((a) => a.type === 'notifyOwner')).toMatchObject({ text: '「g1」的 ann 兑换了「贴纸」，请发放。发放后在群里发送 /redemptions 标记。' });
    expect(sentTexts(await bot.dispatch(msg('bob', '/redeem 贴纸')))).toEqual(['「贴纸」已经兑完了。']);
    await bot.say('o', '/reward add 徽章 50', { role: 'owner' });
    expect(sentTexts(await bot.dispatch(msg('bob', '/redeem 徽章')))).toEqual(['兑换「徽章」需要 50 积分，你有 10 积分。']);
    expect(sentTexts(await bot.dispatch(msg('bob', '/redeem 飞船')))).toEqual(['没有叫「飞船」的奖励。发送 /rewards 查看。']);
    expect(bot.app.store.of(PointsRepo).history(g, 'ann').map((h) => [h.delta, h.reason])).toEqual([[-5, 'redeem:贴纸'], [10, 'checkin:2026-11-24']]);
  });

  it('owners give and take points with a reason, never below zero; members see only their own history', async () => {
    await bot.dispatch(msg('ann', '打卡'));
    expect(sentTexts(await bot.say('o', '/points give ann 20 分享好文', { role: 'owner' }))).toEqual(['已给 ann 增加 20 积分，现在 30 分。']);
    expect(sentTexts(await bot.say('o', '/points take ann 100', { role: 'owner' }))).toEqual(['ann 只有 30 积分，不够扣。']);
    expect(sentTexts(await bot.dispatch(msg('bob', '/points give bob 99')))).toEqual(['抱歉，/points give 只有群主和管理员可以使用。']);
    expect(sentTexts(await bot.dispatch(msg('bob', '/points ann')))).toEqual(['抱歉，/points 只有群主和管理员可以使用。']);
    expect(sentTexts(await bot.dispatch(msg('ann', '/points')))[0]).toContain('+20 分享好文');
  });

  it('the evening reminder goes once a day to members whose streak is alive but not yet kept today', async () => {
    await bot.dispatch(msg('ann', '打卡'));
    await bot.dispatch(msg('bob', '打卡'));
    await bot.say('o', '/checkinreminder 21:00', { role: 'owner' });
    bot.clock.set('2026-11-25T10:00:00+08:00');
    await bot.dispatch(msg('ann', '打卡'));
    const before = bot.adapter.performed.length;
    await bot.app.scheduler.advanceTo(bot.clock, new Date('2026-11-26T22:00:00+08:00'));
    const reminders = bot.adapter.performed.slice(before).flatMap((a) => (a.type === 'send' ? [a.text] : []));
    // The 25th: only bob has yet to keep his streak. The 26th: ann; bob's streak is already broken.
    expect(reminders).toEqual(['⏰ @bob 今天还没打卡哦，别让连续记录断了～', '⏰ @ann 今天还没打卡哦，别让连续记录断了～']);
  });

  it('/checkins counts every member of the group who has not checked in, from the first day', async () => {
    for (const who of ['ann', 'bob', 'cat', 'dan']) await bot.dispatch(msg(who, '大家好'));
    await bot.dispatch(msg('ann', '打卡'));
    const list = sentTexts(await bot.say('o', '/checkins', { role: 'owner' }))[0]!;
    expect(list).toMatch(/今天已打卡 1 人：ann/);
    expect(list).toMatch(/群里还没打卡的 4 人：bob、cat、dan、o/);
  });
});

describe('topic previews', () => {
  it('are posted at the right local minutes of the topic day, and the topic opens on time', async () => {
    const times: string[] = [];
    const perform = bot.adapter.perform.bind(bot.adapter);
    bot.adapter.perform = async (action) => {
      if (action.type === 'send' && !action.replyTo) times.push(`${formatIsoLocal(bot.clock.now(), 'Asia/Shanghai')} ${action.text.split('\n')[0]}`);
      return perform(action);
    };
    bot.clock.set('2026-11-23T12:00:00+08:00');
    await bot.say('o', '/previews 08:00,13:00,22:00', { role: 'owner' });
    await bot.say('o', '/topic add 2026-11-24 20:00 架构评审', { role: 'owner' });
    await bot.app.scheduler.advanceTo(bot.clock, new Date('2026-11-25T00:00:00+08:00'));
    // 22:00 falls after the 20:00 topic: it announces the topic the evening before.
    expect(times).toEqual([
      '2026-11-23T22:00:00+08:00 📢 明日话题预告',
      '2026-11-24T08:00:00+08:00 📢 今日话题预告',
      '2026-11-24T13:00:00+08:00 📢 今日话题预告',
      '2026-11-24T20:00:00+08:00 🎙️ 话题时间到！《架构评审》',
    ]);
  });
});

describe('a broken streak', () => {
  it('shows as 0 in /me and is off the streak board, as of today in the group\'s day', async () => {
    for (let d = 0; d < 3; d++) {
      await bot.dispatch(msg('ann', '打卡'));
      await bot.dispatch(msg('bob', '打卡'));
      bot.clock.advance(86_400_000);
    }
    bot.clock.advance(3 * 86_400_000); // Ann misses three days; Bob checks in again today
    await bot.dispatch(msg('bob', '打卡'));
    const me = sentTexts(await bot.dispatch(msg('ann', '/me')))[0]!;
    expect(me).toMatch(/连续打卡：0 天/);
    expect(me).toMatch(/最长 3 天/);
    const board = sentTexts(await bot.dispatch(msg('ann', '/rank streak')))[0]!;
    expect(board).toContain('bob');
    expect(board).not.toMatch(/ann/);
  });
});

describe('reward redemptions', () => {
  it('the owner lists what waits to be delivered, marks one done, and the member is told', async () => {
    await bot.say('o', '/reward add 书签 10', { role: 'owner' });
    await bot.dispatch(msg('ann', '打卡'));
    await bot.dispatch(msg('ann', '/redeem 书签'));
    const list = sentTexts(await bot.say('o', '/redemptions', { role: 'owner' }))[0]!;
    expect(list).toMatch(/^🎁 待发放的兑换：\n#1 ann · 书签 · /);
    const done = sentTexts(await bot.say('o', '/redemptions done 1', { role: 'owner' }));
    expect(done).toEqual(['已标记 #1 已发放（ann 的「书签」）。', '🎁 @ann 你兑换的「书签」已发放，请查收！']);
    expect(sentTexts(await bot.say('o', '/redemptions', { role: 'owner' }))).toEqual(['没有待发放的兑换。']);
    expect(sentTexts(await bot.say('o', '/redemptions done 1', { role: 'owner' }))).toEqual(['没有待发放的兑换 #1。发送 /redemptions 查看。']);
  });
});

describe('what a check-in means, apart from how it is stored', () => {
  it('a streak grows by one day at a time and starts again after a gap', () => {
    expect(nextStreak({ streak: 4, lastDay: '2026-11-23' }, '2026-11-24')).toBe(5);
    expect(nextStreak({ streak: 4, lastDay: '2026-11-22' }, '2026-11-24')).toBe(1);
    expect(nextStreak({ streak: 0, lastDay: null }, '2026-11-24')).toBe(1);
  });

  it('after a make-up card the days on record say the streak: the run ending at the latest day, alive only till tomorrow', () => {
    const days = ['2026-11-24', '2026-11-23', '2026-11-22', '2026-11-20'];
    expect(streakFromDays(days, '2026-11-24')).toEqual({ streak: 3, run: 3, lastDay: '2026-11-24' });
    expect(streakFromDays(days, '2026-11-25')).toEqual({ streak: 3, run: 3, lastDay: '2026-11-24' });
    expect(streakFromDays(days, '2026-11-26')).toEqual({ streak: 0, run: 3, lastDay: '2026-11-24' });
    expect(streakFromDays([], '2026-11-26')).toBeUndefined();
  });

  it('the ledger keeps why points moved, and reads it back', () => {
    const reasons: LedgerReason[] = [
      { kind: 'checkin', day: '2026-11-24' },
      { kind: 'checkin', day: '2026-11-24', milestone: 7 },
      { kind: 'makeup', day: '2026-11-23' },
      { kind: 'redeem', reward: '书签:限量版' },
      { kind: 'grant', note: '分享了好资料' },
    ];
    for (const r of reasons) expect(decodeReason(encodeReason(r))).toEqual(r);
  });
});

describe('English replies count properly', () => {
  it('one day, one point; two days, two points', () => {
    const en = messages('en');
    expect(en.checkin.me('Amy', 1, 1, 1, 1, 1, true)).toContain('Streak: 1 day (longest 1)');
    expect(en.checkin.me('Amy', 2, 2, 2, 2, 1, true)).toContain('Streak: 2 days (longest 2)');
    expect(en.points.balance('Amy', 1)).toBe('Amy has 1 point.');
  });
});
