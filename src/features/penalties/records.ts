// What the penalties feature writes, as records its decisions return (src/engine/records.ts).
import type { Action } from '../../engine/actions.js';
import type { GroupContext } from '../../engine/context.js';
import { type Recorder, logEntry, recordKind } from '../../engine/records.js';
import { type NewStrike, type StrikeRow, StrikesRepo } from './strikes.sql.js';

export const strikeRecorded = recordKind<Omit<NewStrike, 'platform' | 'groupId'>>('penalties.strike');
export const strikeWithdrawn = recordKind<{ id: number; at: number }>('penalties.withdraw');
/** An appeal opened, under the id its decision gave it (StrikesRepo.nextAppealId). */
export const appealOpened = recordKind<{ id: number; strikeId: number; at: number }>('penalties.appeal');
export const appealDecided = recordKind<{ id: number; state: 'accepted' | 'rejected'; by: string; at: number }>('penalties.appeal-decided');

export const penaltyRecorders: Recorder[] = [
  strikeRecorded.applied(({ store }, g, s) => void store.of(StrikesRepo).add({ ...g, ...s })),
  strikeWithdrawn.applied(({ store }, _g, { id, at }) => void store.of(StrikesRepo).revoke(id, at)),
  appealOpened.applied(({ store }, _g, { id, strikeId, at }) => store.of(StrikesRepo).addAppeal(id, strikeId, at)),
  appealDecided.applied(({ store }, _g, { id, state, by, at }) => void store.of(StrikesRepo).decide(id, state, by, at)),
];

/** A strike taken back (by an admin, an appeal, a message found on topic after all), and the log line saying so. */
export function withdraw(ctx: GroupContext, strike: StrikeRow, what: string, by: string): Action[] {
  const at = ctx.now.getTime();
  return [strikeWithdrawn.of(ctx.group, { id: strike.id, at }), logEntry.of(ctx.group, { at, what, userId: strike.userId, reason: strike.reason, outcome: `by:${by}` })];
}
