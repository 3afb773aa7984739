// The reward catalogue travels with /settings export: a second group offers the same rewards.
import { z } from 'zod';
import { itemProblems } from '../../engine/copies.js';
import type { GroupCopy } from '../../engine/registry.js';
import { PointsRepo } from './points.sql.js';
import { rewardSet } from './records.js';

const reward = z.object({ name: z.string().min(1).max(50), cost: z.number().int().positive(), stock: z.number().int().min(0).nullable() }).strict();

export const rewardsCopy: GroupCopy = {
  key: 'rewards',
  export: (ctx) => ctx.store.of(PointsRepo).rewards(ctx.group),
  check: itemProblems('rewards', reward),
  add(ctx, items) {
    // Same name: the copy's cost and stock win (an upsert), so importing twice adds nothing twice.
    const have = new Set(ctx.store.of(PointsRepo).rewards(ctx.group).map((r) => r.name));
    const rewards = items.map((item) => reward.parse(item));
    return { added: rewards.filter((r) => !have.has(r.name)).length, records: rewards.map((r) => rewardSet.of(ctx.group, r)) };
  },
};
