// One ban list for an operator's groups (家族). Groups one owner links share it: a removal every
// group would make (an ad, an admin's /ban) lands on the list, is carried out in the other groups
// that share bans, and whoever is on it is removed on joining any of them, with the reason and the
// group it came from in each group's /log. An imported published list (the CAS export) works at joins.
import { z } from 'zod';
import type { Action, KickAction, Mention } from '../../engine/actions.js';
import type { CommandContext, GroupContext } from '../../engine/context.js';
import { logEntry } from '../../engine/records.js';
import { type Follower, type Rule, atLeast, ruleOn } from '../../engine/registry.js';
import { parseSwitch } from '../../settings/core.js';
import { defineSetting } from '../../settings/definition.js';
import { isExempt } from '../penalties/index.js';
import { FamiliesRepo } from './family.sql.js';
import { familyBanned, familyCreated, familyLinked, familyUnbanned } from './records.js';

/** Whether people on an imported ban list (steward bans import) are removed when they join this group. */
export const importedBansSetting = defineSetting<boolean>({ key: 'bans.imported', schema: z.boolean(), fallback: true, fromText: parseSwitch, example: 'on' });

const titleOf = (ctx: GroupContext, groupId: string) => ctx.store.groups.label({ platform: ctx.group.platform, groupId });

/** Whether the member is in the group now, as far as the bot saw. */
function present(ctx: GroupContext, userId: string): boolean {
  const m = ctx.store.members.get(ctx.group, userId);
  return !!m && (m.leftAt === null || (m.joinedAt ?? m.firstSeen) > m.leftAt);
}

/** A shared removal: onto the family's list, and carried out in its other groups that share bans. */
function shared(ctx: GroupContext, kick: KickAction): Action[] {
  const repo = ctx.store.of(FamiliesRepo);
  const home = { platform: kick.platform, groupId: kick.groupId };
  const mine = repo.of(home);
  if (!mine?.sharesBans) return [];
  const at = ctx.now.getTime();
  const reason = kick.reason ?? '';
  const out: Action[] = [familyBanned.of(home, { familyId: mine.familyId, ban: { userId: kick.user.id, userName: kick.user.name, reason, fromGroup: home.groupId, at } })];
  const from = titleOf(ctx, home.groupId);
  for (const other of repo.groups(mine.familyId)) {
    if (other.groupId === home.groupId || !other.sharesBans) continue;
    const there = ctx.inGroup({ platform: home.platform, groupId: other.groupId });
    if (isExempt(there, kick.user)) continue; // an admin or a trusted member there stays
    const why = there.t.family.sharedReason(from, reason);
    out.push(logEntry.of(there.group, { at, what: 'family ban', userId: kick.user.id, reason: why, outcome: `from:${from}` }));
    // Not there now: the list removes them if they come (a removal where they are not would only fail).
    if (present(there, kick.user.id)) out.push({ type: 'kick', ...there.group, user: kick.user, reason: why });
  }
  return out;
}

/** Removals every group would make, shared with the family. The copies do not share again. */
export const shareRemovals: Follower = {
  on: ['kick'],
  follow: (ctx, decided) => decided.flatMap((a) => (a.type === 'kick' && a.share ? shared(ctx, a) : [])),
};

/** Whoever is on the family's list, or on an imported list the group keeps, is removed on joining. */
export const bannedArrivals: Rule = ruleOn('memberJoined', {
  id: 'family.banned',
  stage: 'guard',
  decide(ctx, e) {
    if (e.inviter && atLeast(ctx.levelOf(ctx.group, e.inviter), 'admin')) return; // an admin brought them back on purpose
    const repo = ctx.store.of(FamiliesRepo);
    const fam = repo.of(ctx.group);
    const imported = ctx.groupSettings.get(importedBansSetting);
    const t = ctx.t.family;
    const at = ctx.now.getTime();
    const out: Action[] = [];
    let removed = 0;
    for (const m of e.members) {
      if (isExempt(ctx, m)) continue;
      const ban = fam?.sharesBans ? repo.banned(fam.familyId, m.id) : undefined;
      const list = !ban && imported ? repo.importedBan(ctx.group.platform, m.id) : undefined;
      if (!ban && !list) continue;
      const reason = ban ? t.sharedReason(titleOf(ctx, ban.fromGroup), ban.reason) : t.importedReason(list!);
      removed++;
      out.push(
        logEntry.of(ctx.group, { at, what: 'family ban', userId: m.id, reason, outcome: ban ? `from:${titleOf(ctx, ban.fromGroup)}` : `list:${list}` }),
        { type: 'kick', ...ctx.group, user: { id: m.id, name: m.name }, reason },
      );
    }
    // Nobody left to welcome: the arrival rules need not run.
    return out.length ? { actions: out, stop: removed === e.members.length } : undefined;
  },
});

/** `/ban` (reply or @): removed, and kept out of every group on the group's list. */
export function ban(ctx: CommandContext, user: Mention, reason: string): Action[] {
  const repo = ctx.store.of(FamiliesRepo);
  const out: Action[] = [];
  if (!repo.of(ctx.group)) {
    // The group's first ban begins its list: a family of one, its owner's if an owner banned.
    // (Its list is not written yet when removals are shared, so the ban goes on it here.)
    const id = repo.nextId();
    const at = ctx.now.getTime();
    const owner = atLeast(ctx.level, 'owner') ? ctx.event.sender.id : '';
    out.push(
      familyCreated.of(ctx.group, { id, ownerId: owner, at }),
      familyLinked.of(ctx.group, { familyId: id, sharesBans: true }),
      familyBanned.of(ctx.group, { familyId: id, ban: { userId: user.id, userName: user.name, reason, fromGroup: ctx.group.groupId, at } }),
    );
  }
  return [...out, { type: 'kick', ...ctx.group, user, reason, share: true }, ctx.reply(ctx.t.family.banned(user.name, reason))];
}

/** `/unban`: off the list in every group of the family. */
export function unban(ctx: CommandContext, user: Mention): Action[] {
  const t = ctx.t.family;
  const repo = ctx.store.of(FamiliesRepo);
  const fam = repo.of(ctx.group);
  const ban = fam && repo.banned(fam.familyId, user.id);
  const imported = repo.importedBan(ctx.group.platform, user.id);
  const also = imported ? `\n${t.stillImported(imported)}` : '';
  if (!fam || !ban) return [ctx.reply(`${t.notBanned(user.name)}${also}`)];
  const at = ctx.now.getTime();
  const groups = repo.groups(fam.familyId);
  return [
    familyUnbanned.of(ctx.group, { familyId: fam.familyId, userId: user.id }),
    ...groups.map((gr) => logEntry.of({ platform: ctx.group.platform, groupId: gr.groupId }, { at, what: 'family unban', userId: user.id, reason: ban.reason, outcome: `by:${ctx.event.sender.name}` })),
    ctx.reply(`${t.unbanned(user.name, groups.length)}${also}`),
  ];
}
