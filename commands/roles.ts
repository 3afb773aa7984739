import { targetMember } from '../src/engine/targets.js';
import type { Command, Feature } from '../src/engine/registry.js';
import type { MemberRow } from '../src/storage/members.js';
import { roleSet } from '../src/engine/records.js';

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
    return [roleSet.of(ctx.group, { userId: who.id, name: who.name, role: sub === 'add' ? 'admin' : null, at: ctx.now.getTime() }), ctx.reply(sub === 'add' ? ctx.t.roles.added(who.name) : ctx.t.roles.removed(who.name))];
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
