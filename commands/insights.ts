import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Action } from '../src/engine/actions.js';
import type { GroupContext } from '../src/engine/context.js';
import type { Command, Feature, JobHandler, JobOutcome } from '../src/engine/registry.js';
import { bestHours, heatmap, heatmapPng, heatmapText } from '../src/features/insights/heatmap.js';
import { LAYERS, layers } from '../src/features/insights/layers.js';
import {
  insightsSettings,
  lurkerDaysSetting,
  lurkerMentionDays,
  lurkerRemoveDays,
  parseWeeklyTime,
  weeklyReportSetting,
} from '../src/features/insights/settings.js';
import { groupStats } from '../src/features/insights/stats.js';
import { formatTimeOfDay, nextOccurrence } from '../src/time/calendar.js';
import { nextLocal } from './checkin.js';

const DAY = 86_400_000;
const pct = (x: number) => `${Math.round(x * 100)}%`;

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
  );
}

const stats: Command = {
  name: 'stats',
  aliases: ['数据'],
  level: 'admin',
  run(ctx) {
    const arg = ctx.command.args || '7d';
    const m = /^(\d+)d$/.exec(arg);
    const days = m ? Number(m[1]) : NaN;
    if (!(days >= 1 && days <= 365)) return ctx.usage();
    return [ctx.reply(statsText(ctx, days))];
  },
};

/** Where heatmap pictures are written before the platform uploads them. */
const PICTURES = join(tmpdir(), 'steward-pictures');

const heatmapCommand: Command = {
  name: 'heatmap',
  aliases: ['热力图'],
  level: 'admin',
  run(ctx): Action[] {
    const tz = ctx.groupSettings.timezone;
    const grid = heatmap(ctx.store.activity.hourly(ctx.group, new Date(ctx.now.getTime() - 28 * DAY), ctx.now), tz);
    const t = ctx.t.insights;
    if (!grid.flat().some((v) => v > 0)) return [ctx.reply(t.heatmapEmpty)];
    const hours = bestHours(grid);
    const best = hours.map((h) => formatTimeOfDay(h * 60)).join('、');
    mkdirSync(PICTURES, { recursive: true });
    const path = join(PICTURES, `heatmap-${ctx.group.platform}-${ctx.group.groupId.replace(/[^\w@.-]/g, '_')}-${ctx.now.getTime()}.png`);
    writeFileSync(path, heatmapPng(grid));
    const caption = t.heatmapCaption(best, hours.length);
    return [{ type: 'photo', ...ctx.group, path, caption, fallbackText: `${caption}\n${heatmapText(grid, t.dayNames)}` }];
  },
};

const layersCommand: Command = {
  name: 'layers',
  aliases: ['分层'],
  level: 'admin',
  run(ctx) {
    const withNames = ctx.command.args === 'names' || ctx.command.args === '名单';
    if (ctx.command.args && !withNames) return ctx.usage();
    const all = layers(ctx.store, ctx.group, ctx.now, ctx.groupSettings.timezone, ctx.groupSettings.get(lurkerDaysSetting));
    const t = ctx.t.insights;
    const lines = LAYERS.map((layer) => {
      const members = all.filter((m) => m.layer === layer);
      return t.layerLine(t.layerNames[layer] ?? layer, members.length, withNames && members.length ? members.slice(0, 50).map((m) => m.name).join('、') : undefined);
    });
    return [ctx.reply(t.layers(lines))];
  },
};

const lurkers: Command = {
  name: 'lurkers',
  aliases: ['潜水'],
  level: 'admin',
  run(ctx) {
    const days = ctx.command.args ? Number(ctx.command.args) : ctx.groupSettings.get(lurkerDaysSetting);
    if (!Number.isInteger(days) || days < 1 || days > 365) return ctx.usage();
    const silent = layers(ctx.store, ctx.group, ctx.now, ctx.groupSettings.timezone, days).filter((m) => m.layer === 'lurker');
    return [ctx.reply(ctx.t.insights.lurkers(days, silent.map((m) => m.name)))];
  },
};

const invites: Command = {
  name: 'invites',
  aliases: ['邀请榜'],
  level: 'member',
  run(ctx) {
    const rows = ctx.store.insights.invites(ctx.group);
    const t = ctx.t.insights;
    if (!rows.length) return [ctx.reply(t.invitesNone)];
    return [ctx.reply(t.invites(rows.map((r, i) => t.inviteLine(i + 1, r.name, r.active, r.stayed, r.invited))))];
  },
};

const LURKER_JOB = 'insights.lurkers';
const REPORT_JOB = 'insights.report';
/** Lurker care looks once a day, at 10:00 local time. */
const CARE_TIME = '10:00';

const lurkerCare: Command = {
  name: 'lurkercare',
  aliases: ['潜水关怀'],
  level: 'admin',
  run(ctx) {
    const [first, second, extra] = ctx.command.argv;
    const t = ctx.t.insights;
    if (first === 'off' && !second) {
      ctx.save(lurkerMentionDays, 0);
      ctx.store.jobs.cancel(ctx.group, LURKER_JOB, 'daily');
      return [ctx.reply(t.lurkerCareOff)];
    }
    const n = first ? lurkerMentionDays.fromText(first) : undefined;
    const m = second === undefined ? 0 : lurkerRemoveDays.fromText(second);
    if (!n || m === undefined || extra) return ctx.usage();
    ctx.save(lurkerMentionDays, n);
    ctx.save(lurkerRemoveDays, m);
    ctx.store.jobs.schedule({ ...ctx.group, kind: LURKER_JOB, key: 'daily', dueAt: nextLocal(ctx, CARE_TIME).getTime() }, ctx.now.getTime());
    return [ctx.reply(t.lurkerCareOn(n, m))];
  },
};

/** One gentle mention after N silent days; after M more, removal or a list for the owner. */
const lurkerJob: JobHandler = {
  kind: LURKER_JOB,
  run(ctx): JobOutcome {
    const n = ctx.groupSettings.get(lurkerMentionDays);
    if (!n) return { actions: [] };
    const next = { dueAt: nextLocal(ctx, CARE_TIME) };
    const m = ctx.groupSettings.get(lurkerRemoveDays);
    const t = ctx.t.insights;
    const now = ctx.now.getTime();
    const silent = layers(ctx.store, ctx.group, ctx.now, ctx.groupSettings.timezone, n).filter((x) => x.layer === 'lurker' && !x.protected);
    const toMention: { id: string; name: string }[] = [];
    const toRemove: { id: string; name: string }[] = [];
    for (const s of silent) {
      const key = `lurker:${s.userId}`;
      // Removal was asked for already (the platform may not report the leave): once is enough.
      if (ctx.store.notices.at(ctx.group, `lurker-removed:${s.userId}`) !== undefined) continue;
      const mentionedAt = ctx.store.notices.at(ctx.group, key);
      if (mentionedAt !== undefined && ctx.store.insights.activeSince(ctx.group, s.userId, mentionedAt)) ctx.store.notices.clear(ctx.group, key);
      else if (mentionedAt !== undefined) {
        if (m && now - mentionedAt >= m * DAY) toRemove.push({ id: s.userId, name: s.name });
        continue;
      }
      ctx.store.notices.firstTime(ctx.group, key, now);
      toMention.push({ id: s.userId, name: s.name });
    }
    const actions: Action[] = [];
    if (toMention.length) actions.push(ctx.send(t.lurkerMention(toMention.slice(0, 30).map((x) => `@${x.name}`).join(' ')), { mentions: toMention.slice(0, 30) }));
    for (const user of toRemove) ctx.store.notices.firstTime(ctx.group, `lurker-removed:${user.id}`, now);
    if (toRemove.length && ctx.capabilities(ctx.group.platform).kick) {
      for (const user of toRemove) actions.push({ type: 'kick', ...ctx.group, user, reason: t.lurkerReason(n + m) });
    } else if (toRemove.length) {
      actions.push(ctx.notifyOwner(t.lurkerList(ctx.store.groups.title(ctx.group) ?? ctx.group.groupId, toRemove.map((x) => x.name).join('、'))));
    }
    return { actions, next };
  },
};

/** The next report time: "mon 09:00" is a weekly recurrence like a topic's. */
const nextWeekly = (ctx: GroupContext, spec: string): Date => nextOccurrence(spec, ctx.now, ctx.groupSettings.timezone)!;

const weeklyReport: Command = {
  name: 'weeklyreport',
  aliases: ['周报'],
  level: 'admin',
  run(ctx) {
    const value = ctx.command.args ? weeklyReportSetting.fromText(ctx.command.args) : undefined;
    if (!value) return ctx.usage();
    ctx.save(weeklyReportSetting, value);
    const t = ctx.t.insights;
    if (value === 'off') {
      ctx.store.jobs.cancel(ctx.group, REPORT_JOB, 'weekly');
      return [ctx.reply(t.reportOff)];
    }
    ctx.store.jobs.schedule({ ...ctx.group, kind: REPORT_JOB, key: 'weekly', dueAt: nextWeekly(ctx, value).getTime() }, ctx.now.getTime());
    const { weekday, minutes } = parseWeeklyTime(value)!;
    return [ctx.reply(t.reportOn(`${t.weekdays[weekday]} ${formatTimeOfDay(minutes)}`))];
  },
};

const reportJob: JobHandler = {
  kind: REPORT_JOB,
  run(ctx): JobOutcome {
    const spec = ctx.groupSettings.get(weeklyReportSetting);
    if (spec === 'off') return { actions: [] };
    const title = ctx.store.groups.title(ctx.group) ?? ctx.group.groupId;
    return { actions: [ctx.notifyOwner(ctx.t.insights.report(title, statsText(ctx, 7)), 'weekly report')], next: { dueAt: nextWeekly(ctx, spec) } };
  },
};

export const insightsFeature: Feature = {
  name: 'insights',
  commands: [stats, heatmapCommand, layersCommand, lurkers, invites, lurkerCare, weeklyReport],
  jobs: [lurkerJob, reportJob],
  settings: insightsSettings,
};
