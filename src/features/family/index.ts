// What other features may use of families (an announcement to every group of one, 群发).
import type { GroupContext } from '../../engine/context.js';
import type { GroupRef } from '../../storage/groups.js';
import { FamiliesRepo } from './family.sql.js';

/** The family the group is in, if any. */
export const familyOf = (ctx: GroupContext, g: GroupRef): number | undefined => ctx.store.of(FamiliesRepo).of(g)?.familyId;

/** The family's groups, oldest first. */
export const familyGroups = (ctx: GroupContext, familyId: number, platform: string): GroupRef[] =>
  ctx.store.of(FamiliesRepo).groups(familyId).map((f) => ({ platform, groupId: f.groupId }));
