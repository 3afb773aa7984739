import type { Command, Feature } from '../src/engine/registry.js';
import { atLeast } from '../src/engine/registry.js';

/**
 * `/use` in a private chat: list the sender's groups, or pick one; the commands they send in that
 * chat then apply to it. Owners configure groups this way; members appeal and check their points
 * (a muted member can post nowhere else).
 */
const use: Command = {
  name: 'use',
  aliases: ['选择群'],
  level: 'member',
  where: 'any',
  run(ctx) {
    const { event } = ctx;
    if (event.chat !== 'private') return [ctx.reply(ctx.t.private.inGroup)];
    const groups = ctx.store.members.groupsOf(event.platform, event.sender.id);
    const label = (g: { groupId: string; title: string | null }) => g.title ?? g.groupId;
    const wanted = ctx.command.args;
    if (!wanted) {
      if (!groups.length) return [ctx.reply(ctx.t.private.none)];
      return [ctx.reply(ctx.t.private.list(groups.map((g, i) => `${i + 1}. ${label(g)}（${g.groupId}）`)))];
    }
    const byNumber = /^\d+$/.test(wanted) ? groups[Number(wanted) - 1] : undefined;
    const chosen = byNumber ?? groups.find((g) => g.groupId === wanted || g.title === wanted);
    const groupId = chosen?.groupId ?? (ctx.store.groups.exists({ platform: event.platform, groupId: wanted }) ? wanted : undefined);
    if (!groupId) return [ctx.reply(ctx.t.private.unknown(wanted))];
    const target = { platform: event.platform, groupId };
    const title = ctx.store.groups.label(target);
    // Superusers can pick any group by id; everyone else must be in it.
    if (!chosen && !atLeast(ctx.levelOf(target, { id: event.sender.id }), 'admin')) return [ctx.reply(ctx.t.private.notAdmin(title))];
    ctx.privateTargets.set(event.platform, event.sender.id, target);
    return [ctx.reply(ctx.t.private.chosen(title))];
  },
};

export const useFeature: Feature = { name: 'use', commands: [use] };
