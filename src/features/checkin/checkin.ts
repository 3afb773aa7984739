// What a check-in and a make-up card mean: the streak they make, the points they earn, what the
// ledger says. The repositories only store; this decides (inside the decision's transaction).
import type { GroupRef } from '../../storage/groups.js';
import { CheckinsRepo, type MemberFigures } from './checkins.sql.js';
import type { Store } from '../../storage/store.js';
import { encodeReason } from './ledger.js';
import { type PointRules, awardFor } from './points.js';
import { nextStreak, streakFromDays } from './streak.js';
import { PointsRepo } from './points.sql.js';

export interface CheckinResult {
  already: boolean;
  /** Order of the day (1 = first). */
  seq: number;
  figures: MemberFigures;
  awarded: number;
  milestone?: number;
}

/** Checks a member in for a local day, once: the streak grows or starts again, and points follow. */
export function checkIn(store: Store, g: GroupRef, m: { userId: string; name: string }, day: string, at: number, note: string | undefined, rules: PointRules): CheckinResult {
  store.of(CheckinsRepo).ensureMember(g, m.userId, m.name);
  const inserted = store.of(CheckinsRepo).insertDay(g, { userId: m.userId, day, at, note, madeUp: false });
  const seq = store.of(CheckinsRepo).seq(g, m.userId, day);
  const before = store.of(CheckinsRepo).figures(g, m.userId)!;
  if (!inserted) return { already: true, seq, figures: before, awarded: 0 };
  const streak = nextStreak(before, day);
  const { points, milestone } = awardFor(streak, rules);
  store.of(CheckinsRepo).setFigures(g, m.userId, { totalDelta: 1, streak, lastDay: day });
  if (points) store.of(PointsRepo).add(g, m, points, encodeReason({ kind: 'checkin', day, ...(milestone ? { milestone } : {}) }), null, at);
  return { already: false, seq, figures: store.of(CheckinsRepo).figures(g, m.userId)!, awarded: points, ...(milestone ? { milestone } : {}) };
}

/**
 * A make-up card (补签卡): fills a missed day, pays for it, and recomputes the streak from the days
 * on record. 'poor' when the balance does not cover it.
 */
export function makeUp(store: Store, g: GroupRef, userId: string, day: string, at: number, cost: number, today: string): 'done' | 'already' | 'poor' {
  const f = store.of(CheckinsRepo).figures(g, userId);
  if (store.of(CheckinsRepo).has(g, userId, day)) return 'already';
  if (!f || f.points < cost) return 'poor';
  store.of(CheckinsRepo).insertDay(g, { userId, day, at, note: undefined, madeUp: true });
  store.of(CheckinsRepo).setFigures(g, userId, { totalDelta: 1, streak: f.streak, lastDay: f.lastDay });
  store.of(PointsRepo).add(g, { userId, name: f.name }, -cost, encodeReason({ kind: 'makeup', day }), null, at);
  const recomputed = streakFromDays(store.of(CheckinsRepo).daysDesc(g, userId), today);
  if (recomputed) store.of(CheckinsRepo).setStreak(g, userId, recomputed);
  return 'done';
}
