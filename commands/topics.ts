import type { Action } from '../src/engine/actions.js';
import type { CommandContext } from '../src/engine/context.js';
import type { Command, Feature } from '../src/engine/registry.js';
import {
  JOB_ANNOUNCE,
  JOB_OPEN,
  previewTimes,
  previewsSetting,
  replanPreviews,
  scheduleTopic,
  topicJobs,
  topicLine,
} from '../src/features/topics/schedule.js';
import { announcementsCopy, topicsCopy } from '../src/features/topics/copy.js';
import { TopicsRepo, type TopicRow } from '../src/features/topics/topics.sql.js';
import { announcementAdded, announcementSet, topicAdded, topicSaved, topicsRecorders } from '../src/features/topics/records.js';
import { cancelJob, scheduleJob } from '../src/engine/records.js';
import { formatLocal, nextLocal, nextOccurrence, parseDay, parseRecurrence, parseTimeOfDay, zonedTime } from '../src/time/calendar.js';

/** "2026-11-24 20:00 rest" → the instant in the group's zone and the rest of the text. */
function leadingDateTime(ctx: CommandContext, argv: string[]): { at: Date; rest: string[] } | undefined {
  const [d, t, ...rest] = argv;
  const minutes = t ? parseTimeOfDay(t) : undefined;
  if (!d || !parseDay(d) || minutes === undefined || minutes >= 1440) return undefined;
  return { at: zonedTime(d, minutes, ctx.groupSettings.timezone), rest };
}

/** "title | description | host" */
function parts(text: string): { title: string; description: string; host: string } {
  const [title = '', description = '', host = ''] = text.split('|').map((p) => p.trim());
  return { title: title.slice(0, 100), description: description.slice(0, 1000), host: host.replace(/^@/, '').slice(0, 50) };
}

/** A new topic under its coming id, and what writes it and schedules its jobs. */
function addTopic(ctx: CommandContext, row: Omit<TopicRow, 'id' | 'state'>): { topic: TopicRow; records: Action[] } {
  const topic: TopicRow = { id: ctx.store.of(TopicsRepo).nextTopicId(), ...row, state: 'scheduled' };
  const { state: _new, ...added } = topic;
  return { topic, records: [topicAdded.of(ctx.group, { topic: added, at: ctx.now.getTime() }), ...scheduleTopic(ctx, topic)] };
}

/** A warning when another topic starts at the same minute (two hosts talking at once). */
function clash(ctx: CommandContext, row: Pick<TopicRow, 'id' | 'startsAt'>): string {
  const others = ctx.store.of(TopicsRepo).between(ctx.group, row.startsAt, row.startsAt + 60_000).filter((t) => t.id !== row.id);
  return others.length ? `\n${ctx.t.topics.sameTime(others.map((t) => t.title))}` : '';
}

const topic: Command = {
  name: 'topic',
  aliases: ['话题'],
  level: 'admin',
  run(ctx): Action[] {
    const t = ctx.t.topics;
    const [sub, ...rest] = ctx.command.argv;
    // Set up inside a forum topic, it is posted there.
    const base = { platform: ctx.group.platform, groupId: ctx.group.groupId, threadId: ctx.event.threadId ?? null };
    const restText = (n: number) => ctx.command.args.split(/\s+/).slice(n).join(' ');
    switch (sub) {
      case 'add': {
        const when = leadingDateTime(ctx, rest);
        const p = parts(restText(3));
        if (!when || !p.title) return ctx.usage();
        if (when.at <= ctx.now) return [ctx.reply(t.past)];
        const { topic: row, records } = addTopic(ctx, { ...base, ...p, startsAt: when.at.getTime(), recurrence: null });
        return [...records, ctx.reply(t.added(topicLine(ctx, row, true)) + clash(ctx, row))];
      }
      case 'every': {
        const recurrence = rest.slice(0, 2).join(' ');
        const p = parts(restText(3));
        const first = parseRecurrence(recurrence) ? nextOccurrence(recurrence, ctx.now, ctx.groupSettings.timezone) : undefined;
        if (!first || !p.title) return ctx.usage();
        const { topic: row, records } = addTopic(ctx, { ...base, ...p, startsAt: first.getTime(), recurrence });
        return [...records, ctx.reply(t.recurring(recurrence, topicLine(ctx, row, true)) + clash(ctx, row))];
      }
      case 'cancel': {
        const row = rest[0] ? ctx.store.of(TopicsRepo).topic(Number(rest[0])) : undefined;
        if (!row || row.platform !== ctx.group.platform || row.groupId !== ctx.group.groupId || row.state !== 'scheduled') return [ctx.reply(t.unknown(rest[0] ?? ''))];
        return [topicSaved.of(ctx.group, { ...row, state: 'cancelled' }), cancelJob.of(ctx.group, { kind: JOB_OPEN, key: String(row.id) }), ctx.reply(t.cancelled(row.title))];
      }
      case 'edit': {
        const row = rest[0] ? ctx.store.of(TopicsRepo).topic(Number(rest[0])) : undefined;
        if (!row || row.platform !== ctx.group.platform || row.groupId !== ctx.group.groupId || row.state !== 'scheduled') return [ctx.reply(t.unknown(rest[0] ?? ''))];
        const when = leadingDateTime(ctx, rest.slice(1));
        const text = when ? restText(4) : restText(2);
        const p = parts(text);
        if (!when && !p.title) return ctx.usage();
        if (when && when.at <= ctx.now) return [ctx.reply(t.past)];
        const edited: TopicRow = {
          ...row,
          ...(when ? { startsAt: when.at.getTime() } : {}),
          ...(p.title ? { title: p.title } : {}),
          ...(p.description ? { description: p.description } : {}),
          ...(p.host ? { host: p.host } : {}),
        };
        // Moved: the previews of the old day must not announce it.
        const jobs = when ? replanPreviews(ctx, edited) : scheduleTopic(ctx, edited);
        return [topicSaved.of(ctx.group, edited), ...jobs, ctx.reply(t.edited(topicLine(ctx, edited, true)))];
      }
      default:
        return ctx.usage();
    }
  },
};

const topics: Command = {
  name: 'topics',
  aliases: ['话题列表'],
  level: 'member',
  run(ctx) {
    const rows = ctx.store.of(TopicsRepo).upcoming(ctx.group, ctx.now.getTime(), 20);
    if (!rows.length) return [ctx.reply(ctx.t.topics.none)];
    return [ctx.reply(ctx.t.topics.list(rows.map((r) => topicLine(ctx, r, true))))];
  },
};

const previews: Command = {
  name: 'previews',
  aliases: ['话题预告'],
  level: 'admin',
  run(ctx) {
    const value = ctx.command.args ? previewsSetting.fromText(ctx.command.args) : undefined;
    if (!value) return ctx.usage();
    ctx.save(previewsSetting, value); // ctx reads the saved value from here on
    const times = previewTimes(ctx).join(',');
    return [...replanPreviews(ctx), ctx.reply(value[0] === 'auto' ? ctx.t.topics.previewsAuto(times) : ctx.t.topics.previewsSet(times))];
  },
};

const announce: Command = {
  name: 'announce',
  aliases: ['公告'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.topics;
    const argv = ctx.command.argv;
    const tz = ctx.groupSettings.timezone;
    const base = { platform: ctx.group.platform, groupId: ctx.group.groupId, threadId: ctx.event.threadId ?? null };
    const words = ctx.command.args.split(/\s+/);
    if (argv[0] === 'cancel') {
      const a = argv[1] ? ctx.store.of(TopicsRepo).announcement(Number(argv[1])) : undefined;
      if (!a || a.platform !== base.platform || a.groupId !== base.groupId || a.state !== 'scheduled') return ctx.usage();
      return [announcementSet.of(ctx.group, { id: a.id, at: a.at, state: 'cancelled' }), cancelJob.of(ctx.group, { kind: JOB_ANNOUNCE, key: String(a.id) }), ctx.reply(t.announceCancelled(a.id))];
    }
    let at: Date | undefined;
    let recurrence: string | null = null;
    let text: string;
    if (argv[0] === 'every') {
      recurrence = argv.slice(1, 3).join(' ');
      at = parseRecurrence(recurrence) ? nextOccurrence(recurrence, ctx.now, tz) : undefined;
      text = words.slice(3).join(' ');
    } else if (argv[0] && parseDay(argv[0])) {
      at = leadingDateTime(ctx, argv)?.at;
      text = words.slice(2).join(' ');
    } else {
      // "20:00 text": the next time the clock shows 20:00.
      at = argv[0] && parseTimeOfDay(argv[0]) !== undefined && parseTimeOfDay(argv[0])! < 1440 ? nextLocal(ctx.now, ctx.groupSettings.timezone, argv[0]) : undefined;
      text = words.slice(1).join(' ');
    }
    if (!at || !text.trim()) return ctx.usage();
    if (at <= ctx.now) return [ctx.reply(t.past)];
    const id = ctx.store.of(TopicsRepo).nextAnnouncementId();
    const now = ctx.now.getTime();
    return [
      announcementAdded.of(ctx.group, { announcement: { id, ...base, text: text.trim().slice(0, 2000), at: at.getTime(), recurrence }, at: now }),
      scheduleJob.of(ctx.group, { kind: JOB_ANNOUNCE, key: String(id), dueAt: at.getTime(), at: now }),
      ctx.reply(t.announceAdded(formatLocal(at, tz), id)),
    ];
  },
};

const announcements: Command = {
  name: 'announcements',
  aliases: ['公告列表'],
  level: 'admin',
  run(ctx) {
    const rows = ctx.store.of(TopicsRepo).announcements(ctx.group);
    const tz = ctx.groupSettings.timezone;
    if (!rows.length) return [ctx.reply(ctx.t.topics.announceNone)];
    return [ctx.reply(ctx.t.topics.announceList(rows.map((a) => ctx.t.topics.announceLine(a.id, formatLocal(new Date(a.at), tz), a.recurrence, a.text))))];
  },
};

export const topicsFeature: Feature = {
  name: 'topics',
  copies: [topicsCopy, announcementsCopy],
  commands: [topic, topics, previews, announce, announcements],
  jobs: topicJobs,
  settings: [previewsSetting],
  recorders: topicsRecorders,
};

