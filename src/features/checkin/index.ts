// What other features use of check-ins: the points ledger, for the points they award.
import type { Action } from '../../engine/actions.js';
import type { GroupRef } from '../../storage/groups.js';
import { pointsMoved } from './records.js';

/** Points given by the bot itself (a digest, an attendance), with the reason the ledger shows. */
export const awardPoints = (g: GroupRef, user: { id: string; name: string }, delta: number, reason: string, at: number): Action =>
  pointsMoved.of(g, { userId: user.id, name: user.name, delta, reason, by: null, at });
