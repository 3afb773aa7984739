// What the check-in feature writes, as records its decisions return (src/engine/records.ts). The
// engagement row (check-in figures and the points balance) and the ledger change only here.
import { type Recorder, recordKind } from '../../engine/records.js';
import { CheckinsRepo } from './checkins.sql.js';
import { PointsRepo, type Reward } from './points.sql.js';

/** A day checked in (or made up), and the figures it leaves: the streak, and the run the longest follows. */
export const dayCheckedIn = recordKind<{ userId: string; name: string; day: string; at: number; seq: number; note: string | undefined; madeUp: boolean; streak: number; run: number; lastDay: string | null }>(
  'checkin.day',
);
/** Points moved, with the reason in the ledger (`by`: the admin, or null for the bot's own awards and charges). */
export const pointsMoved = recordKind<{ userId: string; name: string; delta: number; reason: string; by: string | null; at: number }>('checkin.points');
export const rewardSet = recordKind<Reward>('checkin.reward');
export const rewardRemoved = recordKind<{ name: string }>('checkin.reward-removed');
/** A reward handed over for points: one less in stock, and a redemption the owner delivers. */
export const rewardRedeemed = recordKind<{ userId: string; reward: string; cost: number; at: number }>('checkin.redeemed');
export const redemptionDelivered = recordKind<{ id: number; by: string; at: number }>('checkin.delivered');

export const checkinRecorders: Recorder[] = [
  dayCheckedIn.applied(({ store }, g, c) => {
    const repo = store.of(CheckinsRepo);
    repo.ensureMember(g, c.userId, c.name);
    repo.insertDay(g, c);
    repo.setFigures(g, c.userId, { totalDelta: 1, streak: c.streak, run: c.run, lastDay: c.lastDay });
  }),
  pointsMoved.applied(({ store }, g, p) => store.of(PointsRepo).add(g, p, p.delta, p.reason, p.by, p.at)),
  rewardSet.applied(({ store }, g, r) => store.of(PointsRepo).addReward(g, r)),
  rewardRemoved.applied(({ store }, g, { name }) => void store.of(PointsRepo).removeReward(g, name)),
  rewardRedeemed.applied(({ store }, g, r) => store.of(PointsRepo).redeemed(g, r.userId, r.reward, r.cost, r.at)),
  redemptionDelivered.applied(({ store }, g, d) => store.of(PointsRepo).markDelivered(g, d.id, d.by, d.at)),
];
