// What a check-in and a make-up card mean: the streak they make, the points they earn, what the
// ledger says. Decided from what is stored; what changes goes out as records (./records.ts).
import type { Action } from '../../engine/actions.js';
import type { GroupRef } from '../../storage/groups.js';
import type { Store } from '../../storage/store.js';
import { CheckinsRepo, type MemberFigures } from './checkins.sql.js';
import { encodeReason } from './ledger.js';
import { type PointRules, awardFor } from './points.js';
import { dayCheckedIn, pointsMoved, rewardRedeemed } from './records.js';
import { PointsRepo } from './points.sql.js';
import { nextStreak, streakFromDays } from './streak.js';

export interface CheckinResult {
  already: boolean;
  /** Order of the day (1 = first). */
  seq: number;
  /** The member's figures once this check-in counts. */
  figures: MemberFigures;
  awarded: number;
  milestone?: number;
  /** What to write: the day, and the points it earned. */
  records: Action[];
}

const noFigures = (userId: string, name: string): MemberFigures => ({ userId, name, total: 0, streak: 0, longest: 0, lastDay: null, points: 0 });

/** Checks a member in for a local day, once: the streak grows or starts again, and points follow. */
export function checkIn(store: Store, g: GroupRef, m: { userId: string; name: string }, day: string, at: number, note: string | undefined, rules: PointRules): CheckinResult {
  const repo = store.of(CheckinsRepo);
  const before = repo.figures(g, m.userId) ?? noFigures(m.userId, m.name);
  const seq = repo.seq(g, m.userId, day);
  if (seq !== undefined) return { already: true, seq, figures: before, awarded: 0, records: [] };
  const streak = nextStreak(before, day);
  const { points, milestone } = awardFor(streak, rules);
  const place = repo.lastPlace(g, day) + 1;
  const records: Action[] = [dayCheckedIn.of(g, { ...m, day, at, seq: place, note, madeUp: false, streak, run: streak, lastDay: day })];
  if (points) records.push(pointsMoved.of(g, { ...m, delta: points, reason: encodeReason({ kind: 'checkin', day, ...(milestone ? { milestone } : {}) }), by: null, at }));
  const figures = { ...before, name: m.name, total: before.total + 1, streak, longest: Math.max(before.longest, streak), lastDay: day, points: before.points + points };
  return { already: false, seq: place, figures, awarded: points, ...(milestone ? { milestone } : {}), records };
}

/**
 * A make-up card (补签卡): fills a missed day, pays for it, and recomputes the streak from the days
 * on record with the filled one. 'poor' when the balance does not cover it.
 */
export function makeUp(store: Store, g: GroupRef, userId: string, day: string, at: number, cost: number, today: string): { done: 'already' } | { done: 'poor' } | { done: 'made-up'; streak: number; records: Action[] } {
  const repo = store.of(CheckinsRepo);
  if (repo.seq(g, userId, day) !== undefined) return { done: 'already' };
  const f = repo.figures(g, userId);
  if (!f || f.points < cost) return { done: 'poor' };
  const days = [day, ...repo.daysDesc(g, userId)].sort().reverse();
  const s = streakFromDays(days, today) ?? { streak: f.streak, run: f.streak, lastDay: day };
  return {
    done: 'made-up',
    streak: s.streak,
    records: [
      dayCheckedIn.of(g, { userId, name: f.name, day, at, seq: repo.lastPlace(g, day) + 1, note: undefined, madeUp: true, streak: s.streak, run: s.run, lastDay: s.lastDay }),
      pointsMoved.of(g, { userId, name: f.name, delta: -cost, reason: encodeReason({ kind: 'makeup', day }), by: null, at }),
    ],
  };
}

export type Redemption =
  | { ok: true; balance: number; records: Action[] }
  | { ok: false; why: 'no-such-reward'; balance: number }
  | { ok: false; why: 'out-of-stock'; balance: number }
  | { ok: false; why: 'poor'; balance: number; cost: number };

/** A reward for points: there must be one, in stock, and the member must afford it. */
export function redeemReward(store: Store, g: GroupRef, m: { userId: string; name: string }, reward: string, at: number): Redemption {
  const points = store.of(PointsRepo);
  const balance = points.balance(g, m.userId);
  const r = points.reward(g, reward);
  if (!r) return { ok: false, why: 'no-such-reward', balance };
  if (r.stock !== null && r.stock <= 0) return { ok: false, why: 'out-of-stock', balance };
  if (balance < r.cost) return { ok: false, why: 'poor', balance, cost: r.cost };
  return {
    ok: true,
    balance: balance - r.cost,
    records: [pointsMoved.of(g, { ...m, delta: -r.cost, reason: encodeReason({ kind: 'redeem', reward }), by: null, at }), rewardRedeemed.of(g, { userId: m.userId, reward, cost: r.cost, at })],
  };
}
