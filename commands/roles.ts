import { targetMember } from '../src/engine/targets.js';
import type { Command, Feature } from '../src/engine/registry.js';
import type { MemberRow } from '../src/storage/members.js';
import { roleSet } from '../src/engine/records.js';
import { byTitle, titleGiven, titleRecorders, titleTaken } from '../src/features/roles/titles.js';

/** At most this long a title, and this many members called at once. */
const TITLE_MAX = 10;
const CALL_MAX = 50;

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
    const titles = [...byTitle(ctx)].map(([title, people]) => ctx.t.roles.titleLine(title, people.map((p) => p.name)));
    return [ctx.reply([ctx.t.roles.list(names(owners), names(adminRows)), ...titles].join('\n'))];
  },
};

/** `/title <member> <title>` gives a title (讲师, 助教…); `/title <member> off` takes it. */
const title: Command = {
  name: 'title',
  aliases: ['头衔'],
  level: 'owner',
  run(ctx) {
    const argv = ctx.command.argv;
    const given = argv.at(-1);
    if (!given || given.length > TITLE_MAX) return ctx.usage();
    const who = targetMember(ctx, argv.slice(0, -1).join(' ').replace(/^@/, ''));
    if (who === 'ambiguous') return [ctx.reply(ctx.t.roles.ambiguous(argv.slice(0, -1).join(' ')))];
    if (!who) return ctx.usage();
    if (given === 'off' || given === '取消') return [titleTaken.of(ctx.group, { userId: who.id }), ctx.reply(ctx.t.roles.titleTaken(who.name))];
    return [titleGiven.of(ctx.group, { userId: who.id, name: who.name, title: given, at: ctx.now.getTime() }), ctx.reply(ctx.t.roles.titleGiven(who.name, given))];
  },
};

/** `/call <title> [message]`: everyone holding the title, mentioned in one message. */
const call: Command = {
  name: 'call',
  aliases: ['呼叫'],
  level: 'admin',
  run(ctx) {
    const [wanted] = ctx.command.argv;
    if (!wanted) return ctx.usage();
    const people = (byTitle(ctx).get(wanted) ?? []).slice(0, CALL_MAX);
    if (!people.length) return [ctx.reply(ctx.t.roles.nobodyTitled(wanted))];
    const mentions = people.map((p) => ({ id: p.userId, name: p.name }));
    const text = `${mentions.map((m) => `@${m.name}`).join(' ')} ${ctx.command.args.slice(ctx.command.args.indexOf(wanted) + wanted.length).trim() || ctx.t.roles.called(wanted)}`;
    return [ctx.send(text, { mentions })];
  },
};

export const rolesFeature: Feature = { name: 'roles', commands: [admin, admins, title, call], recorders: titleRecorders };
