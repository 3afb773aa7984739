import type { CommandContext } from '../src/engine/context.js';
import type { Command, Feature } from '../src/engine/registry.js';
import type { MemberRow } from '../src/storage/members.js';

/** The member a command points at: an @mention, the message it replies to, or a name typed. */
export function targetMember(ctx: CommandContext, typed: string): { id: string; name: string } | 'ambiguous' | undefined {
  const mentioned = ctx.event.mentions?.[0];
  if (mentioned) return { id: mentioned.id, name: mentioned.name };
  const reply = ctx.event.replyTo;
  if (reply?.senderId) return { id: reply.senderId, name: reply.senderName ?? reply.senderId };
  if (!typed) return undefined;
  const found = ctx.store.members.find(ctx.group, typed);
  if (found.length > 1) return 'ambiguous';
  return found[0] ? { id: found[0].userId, name: found[0].name } : undefined;
}

const admin: Command = {
  name: 'admin',
  aliases: ['管理员'],
  level: 'owner',
  run(ctx) {
    const [sub, ...rest] = ctx.command.argv;
    if (sub !== 'add' && sub !== 'remove') return ctx.usage();
    const who = targetMember(ctx, rest.join(' '));
    if (who === 'ambiguous') return [ctx.reply(ctx.t.roles.ambiguous(rest.join(' ')))];
    if (!who) return ctx.usage();
    ctx.store.members.seen(ctx.group, who.id, who.name, ctx.now.getTime());
    ctx.store.members.setRole(ctx.group, who.id, sub === 'add' ? 'admin' : null);
    return [ctx.reply(sub === 'add' ? ctx.t.roles.added(who.name) : ctx.t.roles.removed(who.name))];
  },
};

const admins: Command = {
  name: 'admins',
  level: 'member',
  run(ctx) {
    const names = (rows: MemberRow[]) => rows.map((m) => m.name).join('、') || ctx.t.common.none;
    const owners = ctx.store.members.withRole(ctx.group, 'owner');
    const adminRows = ctx.store.members.withRole(ctx.group, 'admin').filter((m) => !owners.some((o) => o.userId === m.userId));
    return [ctx.reply(ctx.t.roles.list(names(owners), names(adminRows)))];
  },
};

export const rolesFeature: Feature = { name: 'roles', commands: [admin, admins] };
