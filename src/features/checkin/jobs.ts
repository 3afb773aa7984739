// The check-in feature's day and its scheduled reminder.
import type { GroupContext } from '../../engine/context.js';
import type { JobHandler } from '../../engine/registry.js';
import { localDay, nextLocal, parseTimeOfDay } from '../../time/calendar.js';
import { dayStartSetting, reminderSetting } from './settings.js';
import { CheckinsRepo } from './checkins.sql.js';

export const REMINDER_JOB = 'checkin.reminder';

/** The check-in day of an instant: the group's zone, and its owner-set day start. */
export function checkinDay(ctx: GroupContext, at: Date): string {
  return localDay(at, ctx.groupSettings.timezone, parseTimeOfDay(ctx.groupSettings.get(dayStartSetting)) ?? 0);
}

/** At most one reminder a day, to members who checked in before but not today. */
export const reminderJob: JobHandler = {
  kind: REMINDER_JOB,
  run(ctx) {
    const time = ctx.groupSettings.get(reminderSetting);
    if (time === 'off') return [];
    const next = { dueAt: nextLocal(ctx.now, ctx.groupSettings.timezone, time) };
    // A reminder due while the bot was down for hours is stale: skip it, keep the rhythm.
    if (ctx.lateBy > 60 * 60_000) return { actions: [], next };
    const lapsed = ctx.store.of(CheckinsRepo).lapsed(ctx.group, checkinDay(ctx, ctx.now), 30);
    if (!lapsed.length) return { actions: [], next };
    const mentions = lapsed.map((m) => ({ id: m.userId, name: m.name }));
    return { actions: [ctx.send(ctx.t.checkin.reminder(mentions.map((m) => `@${m.name}`).join(' ')), { mentions })], next };
  },
};
