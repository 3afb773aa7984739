import type { Action } from '../src/engine/actions.js';
import { dailyChart, heatmapChart, layerCounts, layersChart } from '../src/features/insights/charts.js';
import { dailySeries } from '../src/features/insights/stats.js';
import type { Command, Feature } from '../src/engine/registry.js';
import { bestHours, heatmap, heatmapText } from '../src/features/insights/heatmap.js';
import { LAYERS, layers } from '../src/features/insights/layers.js';
import {
  insightsSettings,
  lurkerDaysSetting,
  lurkerMentionDays,
  lurkerRemoveDays,
  parseWeeklyTime,
  weeklyReportSetting,
} from '../src/features/insights/settings.js';
import { CARE_TIME, LURKER_JOB, REPORT_JOB, lurkerJob, nextWeekly, reportJob, statsText } from '../src/features/insights/jobs.js';
import { formatTimeOfDay, nextLocal } from '../src/time/calendar.js';
import { cancelJob, scheduleJob } from '../src/engine/records.js';
import { InsightsRepo } from '../src/features/insights/insights.sql.js';

const stats: Command = {
  name: 'stats',
  aliases: ['数据'],
  level: 'admin',
  run(ctx) {
    const arg = ctx.command.args || '7d';
    const m = /^(\d+)d$/.exec(arg);
    const days = m ? Number(m[1]) : NaN;
    if (!(days >= 1 && days <= 365)) return ctx.usage();
    // The figures, with the last 30 days drawn: messages, who spoke, check-ins.
    const text = statsText(ctx, days);
    const w = ctx.t.insights.chart;
    const chart = dailyChart(dailySeries(ctx.store, ctx.group, ctx.now, 30, ctx.groupSettings.timezone), w.dailyTitle, w);
    return [{ type: 'photo', ...ctx.group, chart, caption: text, fallbackText: text }];
  },
};

const heatmapCommand: Command = {
  name: 'heatmap',
  aliases: ['热力图'],
  level: 'admin',
  run(ctx): Action[] {
    const tz = ctx.groupSettings.timezone;
    const grid = heatmap(ctx.store.activity.hourly(ctx.group, new Date(ctx.now.getTime() - 28 * 86_400_000), ctx.now), tz);
    const t = ctx.t.insights;
    if (!grid.flat().some((v) => v > 0)) return [ctx.reply(t.heatmapEmpty)];
    const hours = bestHours(grid);
    const best = hours.map((h) => formatTimeOfDay(h * 60)).join('、');
    const caption = t.heatmapCaption(best, hours.length);
    return [{ type: 'photo', ...ctx.group, chart: heatmapChart(grid, hours, t.chart), caption, fallbackText: `${caption}\n${heatmapText(grid, t.dayNames)}` }];
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
    const text = t.layers(lines);
    // With names the list can outgrow a picture's caption: then it is text alone.
    if (withNames) return [ctx.reply(text)];
    return [{ type: 'photo', ...ctx.group, chart: layersChart(layerCounts(all, t.layerNames), t.chart), caption: text, fallbackText: text }];
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
    const rows = ctx.store.of(InsightsRepo).invites(ctx.group);
    const t = ctx.t.insights;
    if (!rows.length) return [ctx.reply(t.invitesNone)];
    return [ctx.reply(t.invites(rows.map((r, i) => t.inviteLine(i + 1, r.name, r.active, r.stayed, r.invited))))];
  },
};

const lurkerCare: Command = {
  name: 'lurkercare',
  aliases: ['潜水关怀'],
  level: 'admin',
  run(ctx) {
    const [first, second, extra] = ctx.command.argv;
    const t = ctx.t.insights;
    if (first === 'off' && !second) {
      ctx.save(lurkerMentionDays, 0);
      return [cancelJob.of(ctx.group, { kind: LURKER_JOB, key: 'daily' }), ctx.reply(t.lurkerCareOff)];
    }
    const n = first ? lurkerMentionDays.fromText(first) : undefined;
    const m = second === undefined ? 0 : lurkerRemoveDays.fromText(second);
    if (!n || m === undefined || extra) return ctx.usage();
    ctx.save(lurkerMentionDays, n);
    ctx.save(lurkerRemoveDays, m);
    const dueAt = nextLocal(ctx.now, ctx.groupSettings.timezone, CARE_TIME).getTime();
    return [scheduleJob.of(ctx.group, { kind: LURKER_JOB, key: 'daily', dueAt, at: ctx.now.getTime() }), ctx.reply(t.lurkerCareOn(n, m))];
  },
};

const weeklyReport: Command = {
  name: 'weeklyreport',
  aliases: ['周报'],
  level: 'admin',
  run(ctx) {
    const value = ctx.command.args ? weeklyReportSetting.fromText(ctx.command.args) : undefined;
    if (!value) return ctx.usage();
    ctx.save(weeklyReportSetting, value);
    const t = ctx.t.insights;
    if (value === 'off') return [cancelJob.of(ctx.group, { kind: REPORT_JOB, key: 'weekly' }), ctx.reply(t.reportOff)];
    const { weekday, minutes } = parseWeeklyTime(value)!;
    const scheduled = scheduleJob.of(ctx.group, { kind: REPORT_JOB, key: 'weekly', dueAt: nextWeekly(ctx, value).getTime(), at: ctx.now.getTime() });
    return [scheduled, ctx.reply(t.reportOn(`${t.weekdays[weekday]} ${formatTimeOfDay(minutes)}`))];
  },
};

export const insightsFeature: Feature = {
  name: 'insights',
  commands: [stats, heatmapCommand, layersCommand, lurkers, invites, lurkerCare, weeklyReport],
  jobs: [lurkerJob, reportJob],
  settings: insightsSettings,
};
