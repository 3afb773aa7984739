import type { CommandContext } from '../src/engine/context.js';
import type { Command, Feature } from '../src/engine/registry.js';
import { addEvent, atHand, attend, attendPoints, attendanceCode, joinButton, joinEvent, leaveEvent, parseEvent, plusOne, remindJob, soonest } from '../src/features/events/events.js';
import { eventsCopy } from '../src/features/events/copy.js';
import { EventsRepo } from '../src/features/events/events.sql.js';
import { eventRecorders } from '../src/features/events/records.js';
import { formatLocal } from '../src/time/calendar.js';

/** The event a command names by number, or the soonest coming one. */
function named(ctx: CommandContext, typed: string | undefined) {
  if (typed === undefined) return soonest(ctx);
  const ev = /^#?\d{1,9}$/.test(typed) ? ctx.store.of(EventsRepo).get(Number(typed.replace('#', ''))) : undefined;
  return ev && ev.platform === ctx.group.platform && ev.groupId === ctx.group.groupId ? ev : undefined;
}

const event: Command = {
  name: 'event',
  aliases: ['活动'],
  level: 'admin',
  run(ctx) {
    const [sub, ...rest] = ctx.command.argv;
    if (sub === 'add') {
      const e = parseEvent(rest, ctx.groupSettings.timezone);
      return e ? addEvent(ctx, e) : ctx.usage();
    }
    if (sub === 'code' && rest.length <= 1) {
      const ev = rest[0] === undefined ? atHand(ctx) : named(ctx, rest[0]);
      return ev ? attendanceCode(ctx, ev) : [ctx.reply(ctx.t.events.none)];
    }
    return ctx.usage();
  },
};

const events: Command = {
  name: 'events',
  aliases: ['活动列表'],
  level: 'member',
  run(ctx) {
    const repo = ctx.store.of(EventsRepo);
    const coming = repo.upcoming(ctx.group, ctx.now.getTime());
    if (!coming.length) return [ctx.reply(ctx.t.events.none)];
    const lines = coming.map((ev) => {
      const signed = repo.signups(ev.id);
      return ctx.t.events.line(ev.id, ev.title, formatLocal(new Date(ev.startsAt), ctx.groupSettings.timezone), signed.filter((s) => s.state === 'in').length, ev.capacity, signed.filter((s) => s.state === 'waiting').length);
    });
    return [ctx.reply(ctx.t.events.upcoming(lines))];
  },
};

/** A member's sign-up or sign-off, for the event named by number or the soonest one. */
const forEvent = (name: string, aliases: string[], act: typeof joinEvent): Command => ({
  name,
  aliases,
  level: 'member',
  run(ctx) {
    const ev = named(ctx, ctx.command.argv[0]);
    return ev ? act(ctx, ev, ctx.event.sender) : [ctx.reply(ctx.t.events.none)];
  },
});

const join = forEvent('join', ['接龙', '报名'], joinEvent);
const leave = forEvent('leave', ['取消接龙', '取消报名'], leaveEvent);

const attendCommand: Command = {
  name: 'attend',
  aliases: ['到场'],
  level: 'member',
  run(ctx) {
    const code = ctx.command.argv[0];
    return code && /^\d{4}$/.test(code) && ctx.command.argv.length === 1 ? attend(ctx, code) : ctx.usage();
  },
};

export const eventsFeature: Feature = {
  name: 'events',
  commands: [event, events, join, leave, attendCommand],
  rules: [plusOne, joinButton],
  jobs: [remindJob],
  settings: [attendPoints],
  recorders: eventRecorders,
  copies: [eventsCopy],
};
