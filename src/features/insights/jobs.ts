// The insights feature's scheduled work: the daily care for silent members and the weekly report.
import type { Action } from '../../engine/actions.js';
import type { GroupContext } from '../../engine/context.js';
import type { JobHandler, JobOutcome } from '../../engine/registry.js';
import { nextLocal, nextOccurrence } from '../../time/calendar.js';
import { layers } from './layers.js';
import { lurkerMentionDays, lurkerRemoveDays, weeklyReportSetting } from './settings.js';
import { dailySeries, groupStats } from './stats.js';
import { dailyChart } from './charts.js';
import { noticeForgotten, noticeGiven } from '../../engine/records.js';
import { InsightsRepo } from './insights.sql.js';

const DAY = 86_400_000;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The group's figures over the last `days`, as /stats and the weekly report show them. */
export function statsText(ctx: GroupContext, days: number): string {
  const s = groupStats(ctx.store, ctx.group, ctx.now, days, ctx.groupSettings.timezone);
  const t = ctx.t.insights;
  const share = (n: number) => (s.retention.cohort ? pct(n / s.retention.cohort) : '—');
  return t.stats(
    days,
    s.joined,
    s.left,
    s.messages,
    s.activeMembers,
    s.present,
    pct(s.checkinRate),
    s.top.map((u) => t.topLine(u.name, u.n)).join('、') || ctx.t.common.none,
    t.retention(s.retention.cohort, share(s.retention.after7), share(s.retention.after30)),
  ) + (s.events.held ? `\n${t.events(s.events.held, s.events.signedUp, s.events.attended)}` : '');
}

export const LURKER_JOB = 'insights.lurkers';
export const REPORT_JOB = 'insights.report';
/** Lurker care looks once a day, at 10:00 local time. */
export const CARE_TIME = '10:00';

/** One gentle mention after N silent days; after M more, removal or a list for the owner. */
export const lurkerJob: JobHandler = {
  kind: LURKER_JOB,
  run(ctx): JobOutcome {
    const n = ctx.groupSettings.get(lurkerMentionDays);
    if (!n) return { actions: [] };
    const next = { dueAt: nextLocal(ctx.now, ctx.groupSettings.timezone, CARE_TIME) };
    const m = ctx.groupSettings.get(lurkerRemoveDays);
    const t = ctx.t.insights;
    const now = ctx.now.getTime();
    const silent = layers(ctx.store, ctx.group, ctx.now, ctx.groupSettings.timezone, n).filter((x) => x.layer === 'lurker' && !x.protected);
    const toMention: { id: string; name: string }[] = [];
    const toRemove: { id: string; name: string }[] = [];
    const notes: Action[] = [];
    for (const s of silent) {
      const key = `lurker:${s.userId}`;
      // Removal was asked for already (the platform may not report the leave): once is enough.
      if (ctx.store.notices.at(ctx.group, `lurker-removed:${s.userId}`) !== undefined) continue;
      const mentionedAt = ctx.store.notices.at(ctx.group, key);
      // Spoke since the last mention and fell silent again: mentioned afresh.
      if (mentionedAt !== undefined && ctx.store.of(InsightsRepo).activeSince(ctx.group, s.userId, mentionedAt)) notes.push(noticeForgotten.of(ctx.group, { key }));
      else if (mentionedAt !== undefined) {
        if (m && now - mentionedAt >= m * DAY) toRemove.push({ id: s.userId, name: s.name });
        continue;
      }
      notes.push(noticeGiven.of(ctx.group, { key, at: now }));
      toMention.push({ id: s.userId, name: s.name });
    }
    const actions: Action[] = notes;
    const named = toMention.slice(0, 30);
    if (named.length) actions.push(ctx.send(t.lurkerMention(named.map((x) => `@${x.name}`).join(' '), named.length), { mentions: named }));
    for (const user of toRemove) actions.push(noticeGiven.of(ctx.group, { key: `lurker-removed:${user.id}`, at: now }));
    if (toRemove.length && ctx.capabilities(ctx.group.platform).kick) {
      for (const user of toRemove) actions.push({ type: 'kick', ...ctx.group, user, reason: t.lurkerReason(n + m) });
    } else if (toRemove.length) {
      actions.push(ctx.notifyOwner(t.lurkerList(ctx.store.groups.label(ctx.group), toRemove.map((x) => x.name).join('、'))));
    }
    return { actions, next };
  },
};

/** The next report time: "mon 09:00" is a weekly recurrence like a topic's. */
export const nextWeekly = (ctx: GroupContext, spec: string): Date => nextOccurrence(spec, ctx.now, ctx.groupSettings.timezone)!;

export const reportJob: JobHandler = {
  kind: REPORT_JOB,
  run(ctx): JobOutcome {
    const spec = ctx.groupSettings.get(weeklyReportSetting);
    if (spec === 'off') return { actions: [] };
    const title = ctx.store.groups.label(ctx.group);
    // One small chart after the figures: the week's messages, members who spoke and check-ins.
    const w = ctx.t.insights.chart;
    const week = dailySeries(ctx.store, ctx.group, ctx.now, 7, ctx.groupSettings.timezone);
    const chart = { spec: dailyChart(week, w.weekTitle, w, { width: 480, height: 260 }), fallbackText: `${w.weekTitle}: ${week.days.map((d, i) => `${d} ${week.messages[i]}`).join(', ')}` };
    return { actions: [{ ...ctx.notifyOwner(ctx.t.insights.report(title, statsText(ctx, 7)), 'weekly report'), chart }], next: { dueAt: nextWeekly(ctx, spec) } };
  },
};
