// Overflow (分流): each group of a family may have a capacity. A group at its capacity sends
// newcomers on to the family's first group with room: a newcomer's welcome says where, /invite
// gives the way in, and the family's entry point (a private chat with the bot: /entry <family>, or
// Telegram's t.me/<bot>?start=entry-<family>) always leads to a group with room. On Telegram the way
// in is an invite link the bot makes for as many people as there is room; on WeChat it is what the
// owner registered for the group (its name, a 群活码 link: /overflow entry).
import { type Action, INVITE_SLOT, type SendAction } from '../../engine/actions.js';
import type { CommandContext, GroupContext } from '../../engine/context.js';
import { noticeForgotten, noticeGiven } from '../../engine/records.js';
import { ruleOn } from '../../engine/registry.js';
import { intSetting, textSetting } from '../../settings/definition.js';
import type { GroupRef } from '../../storage/groups.js';
import { FamiliesRepo } from './family.sql.js';

/** How many members the group holds before newcomers are sent on (0: no limit). */
export const capacitySetting = intSetting('overflow.capacity', 0, 200_000, 0);
/** How to get into the group where the bot cannot make an invite link (WeChat): its name, a link. */
export const entrySetting = textSetting('overflow.entry', 300, '搜索群名「读书会二群」，或扫群主朋友圈的群活码');

const DAY = 86_400_000;

export interface GroupSize {
  group: GroupRef;
  title: string;
  members: number;
  /** 0: no limit. */
  capacity: number;
  /** How many more it takes; Infinity without a limit. */
  room: number;
}

/** The group's size: the platform's own count where it gave one, else the members Steward saw. */
export function sizeOf(ctx: GroupContext, g: GroupRef): GroupSize {
  const members = ctx.store.groups.memberCount(g) ?? ctx.store.members.countPresent(g);
  const capacity = ctx.settings.for(g).get(capacitySetting);
  const title = ctx.store.groups.label(g);
  return { group: g, title, members, capacity, room: capacity ? Math.max(0, capacity - members) : Infinity };
}

/** The family's groups, oldest first, with their sizes. */
export function familySizes(ctx: GroupContext, familyId: number, platform: string): GroupSize[] {
  return ctx.store.of(FamiliesRepo).groups(familyId).map((f) => sizeOf(ctx, { platform, groupId: f.groupId }));
}

/** Where a newcomer should go: the first of the family's groups (oldest first) with room. */
export const firstWithRoom = (sizes: readonly GroupSize[]): GroupSize | undefined => sizes.find((s) => s.room > 0);

/**
 * What to say about getting into `to`, worded around the way in by `say`: a fresh invite link for
 * as many as there is room (at most 50 at a time), or, where no link can be made, the entry the
 * owner registered for that group. Spread onto a send: `{ ...ctx.reply(w.text), invite: w.invite }`.
 */
export function wayInto(ctx: GroupContext, to: GroupSize, say: (way: string) => string): Pick<SendAction, 'text' | 'invite'> & { notes: Action[] } {
  const registered = ctx.settings.for(to.group).get(entrySetting);
  const fallbackText = say(registered ? `「${to.title}」${registered}` : ctx.t.overflow.askAdmins(to.title));
  const memberLimit = Number.isFinite(to.room) ? Math.min(50, to.room) : 50;
  // No link can be made here and the owner registered no way in: newcomers are told to ask, and the owner to register one.
  const notes = registered || ctx.capabilities(ctx.group.platform).inviteLinks ? [] : daily(ctx, `overflow:no-entry:${to.group.groupId}`, ctx.t.overflow.ownerNoEntry(to.title));
  return { text: say(`「${to.title}」${INVITE_SLOT}`), invite: { groupId: to.group.groupId, memberLimit, fallbackText }, notes };
}

/** A note to the owner, at most once a day for the same key. */
function daily(ctx: GroupContext, key: string, text: string): Action[] {
  const last = ctx.store.notices.at(ctx.group, key);
  const at = ctx.now.getTime();
  if (last !== undefined && at - last < DAY) return [];
  return [noticeForgotten.of(ctx.group, { key }), noticeGiven.of(ctx.group, { key, at }), ctx.notifyOwner(text, 'overflow')];
}

/** No group of the family has room: the owner hears of it once a day. */
function allFull(ctx: GroupContext, sizes: readonly GroupSize[]): Action[] {
  const t = ctx.t.overflow;
  return daily(ctx, 'overflow:all-full', t.ownerAllFull(sizes.map((s) => t.sizeLine(s.title, s.members, s.capacity))));
}

/**
 * The way into the family's first group with room, for a member asking: /invite in a group (that
 * group, while it has room), /entry in a private chat (the family's entry point).
 */
export function inviteTo(ctx: CommandContext, sizes: readonly GroupSize[], here?: GroupRef): Action[] {
  const t = ctx.t.overflow;
  const own = here && sizes.find((s) => s.group.groupId === here.groupId);
  const target = own && own.room > 0 ? own : firstWithRoom(sizes);
  if (!target) return [ctx.reply(t.allFull), ...(here ? allFull(ctx, sizes) : [])];
  const way = wayInto(ctx, target, (w) => (target === own ? t.inviteHere(w) : here ? t.inviteNext(w) : t.entryWay(w)));
  return [{ ...ctx.reply(way.text), invite: way.invite }, ...way.notes];
}

/** A newcomer who joined a group at its capacity hears where the family has room (after the welcome). */
export const overflowArrivals = ruleOn('memberJoined', {
  id: 'family.overflow',
  stage: 'after',
  decide(ctx, e) {
    if (!ctx.groupSettings.get(capacitySetting)) return; // most groups: no limit, nothing to count
    const size = sizeOf(ctx, ctx.group);
    if (size.members <= size.capacity) return;
    const fam = ctx.store.of(FamiliesRepo).of(ctx.group);
    const sizes = fam ? familySizes(ctx, fam.familyId, ctx.group.platform) : [size];
    const next = firstWithRoom(sizes);
    const t = ctx.t.overflow;
    // Nowhere to send them: they stay, welcomed as usual, and the owner hears of it.
    if (!next) return allFull(ctx, sizes);
    // Those who came past the capacity: of a batch that filled the group, the last ones.
    const mentions = e.members.slice(-Math.min(e.members.length, size.members - size.capacity)).map((m) => ({ id: m.id, name: m.name }));
    const names = mentions.map((m) => `@${m.name}`).join(' ');
    const way = wayInto(ctx, next, (w) => t.fullGoOn(names, size.members, size.capacity, w));
    return [{ ...ctx.send(way.text, { mentions }), invite: way.invite }, ...way.notes];
  },
});
