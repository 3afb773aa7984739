import type { Action } from '../src/engine/actions.js';
import type { CommandContext } from '../src/engine/context.js';
import { type Command, type Feature, atLeast } from '../src/engine/registry.js';
import { memberOrAnswer } from '../src/engine/targets.js';
import { ban, bannedArrivals, importedBansSetting, shareRemovals, unban } from '../src/features/family/family.js';
import { FamiliesRepo } from '../src/features/family/family.sql.js';
import { capacitySetting, entrySetting, familySizes, firstWithRoom, inviteTo, overflowArrivals, sizeOf } from '../src/features/family/overflow.js';
import { familyAdopted, familyCreated, familyLeft, familyLinked, familyRecorders } from '../src/features/family/records.js';

function show(ctx: CommandContext) {
  const t = ctx.t.family;
  const repo = ctx.store.of(FamiliesRepo);
  const mine = repo.of(ctx.group);
  if (!mine) return [ctx.reply(t.none)];
  const sharing = new Map(repo.groups(mine.familyId).map((gr) => [gr.groupId, gr.sharesBans]));
  const groups = familySizes(ctx, mine.familyId, ctx.group.platform).map((s) => ({ title: s.title, members: s.members, capacity: s.capacity, sharing: sharing.get(s.group.groupId) ?? false }));
  return [ctx.reply(t.show(mine.familyId, groups, repo.banCount(mine.familyId), mine.sharesBans))];
}

const family: Command = {
  name: 'family',
  aliases: ['家族'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.family;
    const [sub, arg, extra] = ctx.command.argv;
    const repo = ctx.store.of(FamiliesRepo);
    const mine = repo.of(ctx.group);
    if (!sub) return show(ctx);
    if (extra !== undefined) return ctx.usage();
    const owner = atLeast(ctx.level, 'owner');
    switch (sub) {
      case 'create': {
        if (!owner) return [ctx.reply(ctx.t.common.refusedOwner('/family create'))];
        if (mine && repo.owner(mine.familyId, ctx.group.platform) === '') {
          // The group's own list, begun by /ban, becomes this owner's family.
          return [familyAdopted.of(ctx.group, { id: mine.familyId, ownerId: ctx.event.sender.id }), ctx.reply(t.created(mine.familyId))];
        }
        if (mine) return [ctx.reply(t.already(mine.familyId))];
        const id = repo.nextId();
        return [familyCreated.of(ctx.group, { id, ownerId: ctx.event.sender.id, at: ctx.now.getTime() }), familyLinked.of(ctx.group, { familyId: id, sharesBans: true }), ctx.reply(t.created(id))];
      }
      case 'join': {
        if (!owner) return [ctx.reply(ctx.t.common.refusedOwner('/family join'))];
        const id = arg && /^\d{1,9}$/.test(arg) ? Number(arg) : undefined;
        if (id === undefined) return ctx.usage();
        // Only the owner who made the family links groups to it: nobody else's bans reach these groups.
        if (repo.owner(id, ctx.group.platform) !== ctx.event.sender.id) return [ctx.reply(t.notYours(id))];
        return [familyLinked.of(ctx.group, { familyId: id, sharesBans: true }), ctx.reply(t.joined(id))];
      }
      case 'leave':
        if (!owner) return [ctx.reply(ctx.t.common.refusedOwner('/family leave'))];
        if (!mine) return [ctx.reply(t.none)];
        return [familyLeft.of(ctx.group, {}), ctx.reply(t.left(mine.familyId))];
      case 'share': {
        const on = arg === 'on' ? true : arg === 'off' ? false : undefined;
        if (on === undefined) return ctx.usage();
        if (!mine) return [ctx.reply(t.none)];
        return [familyLinked.of(ctx.group, { familyId: mine.familyId, sharesBans: on }), ctx.reply(on ? t.sharing : t.notSharingNow)];
      }
      case 'imported': {
        const on = arg === 'on' ? true : arg === 'off' ? false : undefined;
        if (on === undefined) return ctx.usage();
        ctx.save(importedBansSetting, on);
        return [ctx.reply(on ? t.importedOn : t.importedOff)];
      }
      default:
        return ctx.usage();
    }
  },
};

/** The member a ban command is about: an @mention, a reply, a name typed, or a platform id. */
const who = (ctx: CommandContext, typed: string) => memberOrAnswer(ctx, typed, { byId: true });

const banCommand: Command = {
  name: 'ban',
  aliases: ['封禁'],
  level: 'admin',
  run(ctx) {
    const mentioned = ctx.event.mentions?.[0];
    const first = ctx.command.argv[0] ?? '';
    const byReply = !mentioned && !!ctx.event.replyTo?.senderId;
    const user = who(ctx, byReply ? '' : first.replace(/^@/, ''));
    if (Array.isArray(user)) return user;
    if (atLeast(ctx.levelOf(ctx.group, { id: user.id }), 'admin')) return [ctx.reply(ctx.t.penalties.notAdmins)];
    const reason = (byReply ? ctx.command.args : ctx.command.argv.slice(1).join(' ')).trim() || ctx.t.family.defaultReason;
    return ban(ctx, user, reason);
  },
};

const unbanCommand: Command = {
  name: 'unban',
  aliases: ['解封'],
  level: 'admin',
  run(ctx) {
    const user = who(ctx, ctx.command.args.replace(/^@/, ''));
    return Array.isArray(user) ? user : unban(ctx, user);
  },
};

/** The family's groups with their sizes, where newcomers go now, and the family's entry point. */
function overflowShow(ctx: CommandContext): Action[] {
  const t = ctx.t.overflow;
  const fam = ctx.store.of(FamiliesRepo).of(ctx.group);
  const sizes = fam ? familySizes(ctx, fam.familyId, ctx.group.platform) : [sizeOf(ctx, ctx.group)];
  if (!sizes.some((s) => s.capacity)) return [ctx.reply(t.noCapacity)];
  const link = fam && ctx.privateLink(ctx.group.platform, `entry-${fam.familyId}`);
  const entry = fam ? (link ? t.entryLink(link, fam.familyId) : t.entryWord(fam.familyId)) : undefined;
  return [ctx.reply(t.show(sizes.map((s) => t.sizeLine(s.title, s.members, s.capacity)), firstWithRoom(sizes)?.title, entry))];
}

const overflow: Command = {
  name: 'overflow',
  aliases: ['分流'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.overflow;
    const [sub, ...rest] = ctx.command.argv;
    if (!sub) return overflowShow(ctx);
    if (sub === 'entry') {
      const text = ctx.command.args.slice(ctx.command.args.indexOf('entry') + 'entry'.length).trim();
      if (!text) return ctx.usage();
      if (text === 'off') {
        ctx.save(entrySetting, '');
        return [ctx.reply(t.entryOff)];
      }
      const value = entrySetting.fromText(text);
      if (value === undefined) return ctx.usage();
      ctx.save(entrySetting, value);
      return [ctx.reply(t.entrySet(value))];
    }
    if (rest.length) return ctx.usage();
    const capacity = sub === 'off' ? 0 : capacitySetting.fromText(sub);
    if (capacity === undefined) return ctx.usage();
    ctx.save(capacitySetting, capacity);
    return [ctx.reply(capacity ? t.capacitySet(capacity) : t.capacityOff)];
  },
};

/** `/invite`: how a friend gets in: this group while it has room, else the family's next with room. */
const invite: Command = {
  name: 'invite',
  aliases: ['邀请'],
  level: 'member',
  run(ctx) {
    if (ctx.command.argv.length) return ctx.usage();
    const fam = ctx.store.of(FamiliesRepo).of(ctx.group);
    return inviteTo(ctx, fam ? familySizes(ctx, fam.familyId, ctx.group.platform) : [sizeOf(ctx, ctx.group)], ctx.group);
  },
};

/** `/entry <family>` in a private chat (Telegram: t.me/<bot>?start=entry-<family>): the family's entry point. */
const entry: Command = {
  name: 'entry',
  aliases: ['入群'],
  level: 'member',
  where: 'any',
  run(ctx) {
    const [id, extra] = ctx.command.argv;
    if (ctx.event.chat === 'group' && id === undefined) return invite.run(ctx);
    if (!id || extra !== undefined || !/^\d{1,9}$/.test(id)) return ctx.usage();
    const repo = ctx.store.of(FamiliesRepo);
    if (repo.owner(Number(id), ctx.group.platform) === undefined) return [ctx.reply(ctx.t.overflow.noSuchFamily(id))];
    return inviteTo(ctx, familySizes(ctx, Number(id), ctx.group.platform));
  },
};

export const familyFeature: Feature = {
  name: 'family',
  commands: [family, banCommand, unbanCommand, overflow, invite, entry],
  rules: [bannedArrivals, overflowArrivals],
  settings: [importedBansSetting, capacitySetting, entrySetting],
  recorders: familyRecorders,
  follows: [shareRemovals],
};
