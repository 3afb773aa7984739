import type { Action } from '../src/engine/actions.js';
import type { CommandContext } from '../src/engine/context.js';
import type { Command, Feature } from '../src/engine/registry.js';
import { checkIn, makeUp, redeemReward } from '../src/features/checkin/checkin.js';
import { checkinRecorders, pointsMoved, redemptionDelivered, rewardRemoved, rewardSet } from '../src/features/checkin/records.js';
import { cancelJob, scheduleJob } from '../src/engine/records.js';
import { rewardsCopy } from '../src/features/checkin/copy.js';
import { decodeReason } from '../src/features/checkin/ledger.js';
import { awardFor } from '../src/features/checkin/points.js';
import { currentStreak } from '../src/features/checkin/streak.js';
import {
  basePointsSetting,
  checkinSettings,
  makeupCostSetting,
  makeupDaysSetting,
  milestonesSetting,
  reminderSetting,
  streakBonusCapSetting,
  streakBonusSetting,
} from '../src/features/checkin/settings.js';
import { addDays, daysBetween, formatLocal, nextLocal, parseDay, weekdayOf } from '../src/time/calendar.js';
import { REMINDER_JOB, checkinDay, reminderJob } from '../src/features/checkin/jobs.js';
import { targetMember } from '../src/engine/targets.js';
import { CheckinsRepo } from '../src/features/checkin/checkins.sql.js';
import { PointsRepo } from '../src/features/checkin/points.sql.js';

const checkin: Command = {
  name: 'checkin',
  aliases: ['打卡', '签到', 'qd'],
  level: 'member',
  run(ctx) {
    const s = ctx.groupSettings;
    const t = ctx.t.checkin;
    const { sender, at } = ctx.event;
    const day = checkinDay(ctx, at); // the message's own time: a late delivery keeps its day
    const note = ctx.command.args.slice(0, 500) || undefined;
    const rules = { base: s.get(basePointsSetting), streakBonus: s.get(streakBonusSetting), streakBonusCap: s.get(streakBonusCapSetting), milestones: s.get(milestonesSetting) };
    const r = checkIn(ctx.store, ctx.group, { userId: sender.id, name: sender.name }, day, at.getTime(), note, rules);
    if (r.already) return [ctx.reply(t.already(r.seq, r.figures.streak, r.figures.points))];
    const actions: Action[] = [...r.records, ctx.reply(t.done(r.seq, r.figures.streak, r.figures.total, r.awarded, r.figures.points))];
    if (r.milestone) {
      const bonus = awardFor(r.milestone, rules).points - awardFor(r.milestone, { ...rules, milestones: '' }).points;
      actions.push(ctx.send(t.milestone(sender.name, r.milestone, bonus), { mentions: [{ id: sender.id, name: sender.name }] }));
    }
    return actions;
  },
};

const makeup: Command = {
  name: 'makeup',
  aliases: ['补签'],
  level: 'member',
  run(ctx) {
    const t = ctx.t.checkin;
    const today = checkinDay(ctx, ctx.event.at);
    const day = ctx.command.args || addDays(today, -1);
    if (!parseDay(day)) return ctx.usage();
    const back = daysBetween(day, today);
    const window = ctx.groupSettings.get(makeupDaysSetting);
    if (back < 1 || back > window) return [ctx.reply(t.makeupTooOld(window))];
    const cost = ctx.groupSettings.get(makeupCostSetting);
    const result = makeUp(ctx.store, ctx.group, ctx.event.sender.id, day, ctx.now.getTime(), cost, today);
    if (result.done === 'already') return [ctx.reply(t.makeupAlready(day))];
    if (result.done === 'poor') return [ctx.reply(t.makeupPoor(cost, ctx.store.of(PointsRepo).balance(ctx.group, ctx.event.sender.id)))];
    return [...result.records, ctx.reply(t.makeupDone(day, cost, result.streak))];
  },
};

const me: Command = {
  name: 'me',
  aliases: ['我的'],
  level: 'member',
  run(ctx) {
    const { sender } = ctx.event;
    const f = ctx.store.of(CheckinsRepo).figures(ctx.group, sender.id);
    if (!f || (!f.total && !f.points)) return [ctx.reply(ctx.t.checkin.meNone(sender.name))];
    const day = checkinDay(ctx, ctx.event.at);
    const today = ctx.store.of(CheckinsRepo).has(ctx.group, sender.id, day);
    return [ctx.reply(ctx.t.checkin.me(sender.name, currentStreak(f, day), f.longest, f.total, f.points, ctx.store.of(CheckinsRepo).rank(ctx.group, sender.id, 'points'), today))];
  },
};

type Board = 'today' | 'week' | 'all' | 'streak' | 'points';
/** How many stored streaks the streak board reads to find today's ten longest alive ones. */
const STREAK_BOARD_SCAN = 500;
const BOARDS: Record<string, Board> = { today: 'today', 今日: 'today', 今天: 'today', week: 'week', 本周: 'week', all: 'all', 总: 'all', streak: 'streak', 连续: 'streak', points: 'points', 积分: 'points' };

/** Top 10 of a board, with the asker's own place below it. */
const rank: Command = {
  name: 'rank',
  aliases: ['排行', '排行榜'],
  level: 'member',
  run(ctx) {
    const board = ctx.command.args ? BOARDS[ctx.command.args.toLowerCase()] : 'today';
    if (!board) return ctx.usage();
    const t = ctx.t.checkin;
    const me = ctx.event.sender.id;
    const tz = ctx.groupSettings.timezone;
    const today = checkinDay(ctx, ctx.event.at);
    let lines: string[];
    let mine: string;
    if (board === 'today') {
      const rows = ctx.store.of(CheckinsRepo).day(ctx.group, today);
      const value = (r: (typeof rows)[number]) => t.unitOrder(r.seq, formatLocal(new Date(r.at), tz).slice(11));
      lines = rows.slice(0, 10).map((r, i) => t.boardLine(i + 1, r.name, value(r)));
      const own = rows.find((r) => r.userId === me);
      mine = own ? t.boardYou(own.seq, value(own)) : t.boardYouNone;
    } else if (board === 'week') {
      const from = addDays(today, -((weekdayOf(today) + 6) % 7)); // Monday
      const to = addDays(from, 6);
      lines = ctx.store.of(CheckinsRepo).week(ctx.group, from, to).map((r, i) => t.boardLine(i + 1, r.name, t.unitTimes(r.n)));
      const own = ctx.store.of(CheckinsRepo).weekRank(ctx.group, me, from, to);
      mine = own.n ? t.boardYou(own.rank, t.unitTimes(own.n)) : t.boardYouNone;
    } else {
      const by = board === 'all' ? 'total' : board;
      const unit = board === 'points' ? t.unitPoints : t.unitDays;
      const f = ctx.store.of(CheckinsRepo).figures(ctx.group, me);
      if (by === 'streak') {
        // Streaks as they stand today: a broken one is off the board, however long it was.
        const alive = ctx.store.of(CheckinsRepo)
          .board(ctx.group, 'streak', STREAK_BOARD_SCAN)
          .map((r) => ({ ...r, streak: currentStreak(r, today) }))
          .filter((r) => r.streak > 0);
        lines = alive.slice(0, 10).map((r, i) => t.boardLine(i + 1, r.name, unit(r.streak)));
        const place = alive.findIndex((r) => r.userId === me);
        mine = place >= 0 ? t.boardYou(place + 1, unit(alive[place]!.streak)) : t.boardYouNone;
      } else {
        lines = ctx.store.of(CheckinsRepo).board(ctx.group, by).map((r, i) => t.boardLine(i + 1, r.name, unit(r[by])));
        mine = f && f[by] > 0 ? t.boardYou(ctx.store.of(CheckinsRepo).rank(ctx.group, me, by), unit(f[by])) : t.boardYouNone;
      }
    }
    const title = `🏅 ${t.boardTitle[board]}`;
    return [ctx.reply([title, ...(lines.length ? lines : [t.boardEmpty]), '', mine].join('\n'))];
  },
};

const checkins: Command = {
  name: 'checkins',
  aliases: ['打卡情况'],
  level: 'admin',
  run(ctx) {
    const today = checkinDay(ctx, ctx.event.at);
    const done = ctx.store.of(CheckinsRepo).day(ctx.group, today).map((r) => r.name);
    // Everyone in the group now is expected to check in, not only those who did before.
    const missing = ctx.store.of(CheckinsRepo).notYet(ctx.group, today);
    return [ctx.reply(ctx.t.checkin.todayList(done, missing.names, missing.count))];
  },
};

const checkinReminder: Command = {
  name: 'checkinreminder',
  aliases: ['打卡提醒'],
  level: 'admin',
  run(ctx) {
    const value = ctx.command.argv.length === 1 ? reminderSetting.fromText(ctx.command.args) : undefined;
    if (!value) return ctx.usage();
    ctx.save(reminderSetting, value);
    if (value === 'off') return [cancelJob.of(ctx.group, { kind: REMINDER_JOB, key: 'daily' }), ctx.reply(ctx.t.checkin.reminderOff)];
    const now = ctx.now.getTime();
    const dueAt = nextLocal(ctx.now, ctx.groupSettings.timezone, value).getTime();
    return [scheduleJob.of(ctx.group, { kind: REMINDER_JOB, key: 'daily', dueAt, at: now }), ctx.reply(ctx.t.checkin.reminderOn(value))];
  },
};

function pointsTarget(ctx: CommandContext, typed: string) {
  const who = targetMember(ctx, typed.replace(/^@/, ''));
  return who === 'ambiguous' ? undefined : who;
}

const points: Command = {
  name: 'points',
  aliases: ['积分'],
  level: 'member',
  run(ctx) {
    const t = ctx.t.points;
    const [sub, who, amount, ...reason] = ctx.command.argv;
    if (sub === 'give' || sub === 'take') {
      if (ctx.level === 'member') return [ctx.reply(ctx.t.common.refusedAdmin(`${ctx.command.typed} ${sub}`))];
      const target = who ? pointsTarget(ctx, who) : undefined;
      const n = Number(amount);
      if (!target || !Number.isInteger(n) || n <= 0 || n > 1_000_000) return ctx.usage();
      const delta = sub === 'give' ? n : -n;
      // Nobody's balance goes below zero.
      const balance = ctx.store.of(PointsRepo).balance(ctx.group, target.id);
      if (balance + delta < 0) return [ctx.reply(t.poor(target.name, balance))];
      const moved = pointsMoved.of(ctx.group, { userId: target.id, name: target.name, delta, reason: reason.join(' ') || sub, by: ctx.event.sender.id, at: ctx.now.getTime() });
      return [moved, ctx.reply(t.granted(target.name, delta, balance + delta))];
    }
    const self = { id: ctx.event.sender.id, name: ctx.event.sender.name };
    const target = sub ? pointsTarget(ctx, sub) : self;
    if (!target) return ctx.usage();
    if (target.id !== self.id && ctx.level === 'member') return [ctx.reply(ctx.t.common.refusedAdmin(ctx.command.typed))];
    const tz = ctx.groupSettings.timezone;
    const history = ctx.store.of(PointsRepo).history(ctx.group, target.id);
    const balance = ctx.store.of(PointsRepo).balance(ctx.group, target.id);
    if (!history.length) return [ctx.reply(t.balance(target.name, balance))];
    const label = (stored: string) => {
      const r = decodeReason(stored);
      if (r.kind === 'grant') return r.note;
      if (r.kind === 'redeem') return `${t.reasons.redeem} ${r.reward}`;
      return `${t.reasons[r.kind === 'checkin' && r.milestone ? 'milestone' : r.kind]} ${r.day}`;
    };
    return [ctx.reply(t.history(target.name, balance, history.map((h) => t.line(formatLocal(new Date(h.at), tz), h.delta, label(h.reason)))))];
  },
};

const rewards: Command = {
  name: 'rewards',
  aliases: ['奖励'],
  level: 'member',
  run(ctx) {
    const list = ctx.store.of(PointsRepo).rewards(ctx.group);
    const t = ctx.t.rewards;
    return [ctx.reply(list.length ? t.list(list.map((r) => t.line(r.name, r.cost, r.stock))) : t.none)];
  },
};

const reward: Command = {
  name: 'reward',
  aliases: ['奖励管理'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.rewards;
    const [sub, name, cost, stock, extra] = ctx.command.argv;
    if (sub === 'add' && name && cost && !extra) {
      const c = Number(cost);
      const st = stock === undefined ? null : Number(stock);
      if (!Number.isInteger(c) || c <= 0 || (st !== null && (!Number.isInteger(st) || st < 0))) return ctx.usage();
      return [rewardSet.of(ctx.group, { name, cost: c, stock: st }), ctx.reply(t.added(name, c, st))];
    }
    if (sub === 'remove' && name && !cost) {
      if (!ctx.store.of(PointsRepo).reward(ctx.group, name)) return [ctx.reply(t.unknown(name))];
      return [rewardRemoved.of(ctx.group, { name }), ctx.reply(t.removed(name))];
    }
    return ctx.usage();
  },
};

const redeem: Command = {
  name: 'redeem',
  aliases: ['兑换'],
  level: 'member',
  run(ctx) {
    const name = ctx.command.args;
    if (!name) return ctx.usage();
    const t = ctx.t.rewards;
    const r = redeemReward(ctx.store, ctx.group, { userId: ctx.event.sender.id, name: ctx.event.sender.name }, name, ctx.now.getTime());
    if (!r.ok) {
      if (r.why === 'no-such-reward') return [ctx.reply(t.unknown(name))];
      if (r.why === 'out-of-stock') return [ctx.reply(t.outOfStock(name))];
      return [ctx.reply(t.poor(name, r.cost, r.balance))];
    }
    const title = ctx.store.groups.label(ctx.group);
    return [...r.records, ctx.reply(t.redeemed(name, r.balance)), ctx.notifyOwner(t.toOwner(title, ctx.event.sender.name, name), 'redeem')];
  },
};

/** `/redemptions`: what members redeemed and still wait for; `/redemptions done <n>` marks one delivered and tells the member. */
const redemptions: Command = {
  name: 'redemptions',
  aliases: ['兑换记录'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.rewards;
    const [sub, n, extra] = ctx.command.argv;
    if (!sub) {
      const tz = ctx.groupSettings.timezone;
      const rows = ctx.store.of(PointsRepo).pendingRedemptions(ctx.group);
      if (!rows.length) return [ctx.reply(t.pendingNone)];
      return [ctx.reply(t.pending(rows.map((r) => t.pendingLine(r.id, r.name, r.reward, formatLocal(new Date(r.at), tz)))))];
    }
    if (sub !== 'done' || !n || extra || !/^\d+$/.test(n)) return ctx.usage();
    const done = ctx.store.of(PointsRepo).pendingRedemption(ctx.group, Number(n));
    if (!done) return [ctx.reply(t.noSuchPending(Number(n)))];
    const member = { id: done.userId, name: ctx.store.members.get(ctx.group, done.userId)?.name ?? done.userId };
    return [
      redemptionDelivered.of(ctx.group, { id: done.id, by: ctx.event.sender.id, at: ctx.now.getTime() }),
      ctx.reply(t.markedDelivered(done.id, member.name, done.reward)),
      ctx.send(t.delivered(member.name, done.reward), { mentions: [member] }),
    ];
  },
};

export const checkinFeature: Feature = {
  name: 'checkin',
  commands: [checkin, makeup, me, rank, checkins, checkinReminder, points, rewards, reward, redeem, redemptions],
  jobs: [reminderJob],
  settings: checkinSettings,
  copies: [rewardsCopy],
  recorders: checkinRecorders,
};
