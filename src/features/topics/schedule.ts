import { z } from 'zod';
import type { Action } from '../../engine/actions.js';
import type { GroupContext } from '../../engine/context.js';
import type { JobHandler, JobOutcome } from '../../engine/registry.js';
import { defineSetting } from '../../settings/definition.js';
import { TopicsRepo, type TopicRow } from './topics.sql.js';
import { addDays, canonicalTime, formatLocal, formatTimeOfDay, localDay, nextOccurrence, parseTimeOfDay, zonedTime } from '../../time/calendar.js';
import { mostActiveHours } from '../insights/index.js';
import { cancelJob, scheduleJob } from '../../engine/records.js';
import { announcementSet, topicSaved } from './records.js';

export const JOB_PREVIEW = 'topics.preview';
export const JOB_OPEN = 'topics.open';
export const JOB_ANNOUNCE = 'announce';

/** A topic opened this late is skipped (and the owner told) rather than posted out of place. */
const OPEN_GRACE_MS = 30 * 60_000;
/** Later than this, a post is marked as late. */
const LATE_MARK_MS = 60_000;

const DEFAULT_PREVIEWS = ['08:00', '13:00', '18:00'];
/** Preview times from this hour on also announce the next day's topics. */
const EVENING = 20 * 60;

export const previewsSetting = defineSetting<string[]>({
  key: 'topics.previews',
  schema: z.array(z.string().refine((t) => t === 'auto' || (parseTimeOfDay(t) ?? 1440) < 1440, 'HH:MM or auto')).min(1).max(8),
  fallback: DEFAULT_PREVIEWS,
  fromText: (text) => {
    if (text.trim() === 'auto') return ['auto'];
    const times = text.split(/[,，\s]+/).filter(Boolean).map(canonicalTime);
    if (!times.length || times.length > 8 || times.some((t) => t === undefined)) return undefined;
    return [...new Set(times as string[])].sort();
  },
  show: (v) => v.join(','),
  example: '08:00,13:00,18:00,22:00',
});

/** Preview times of the day: the owner's, or the group's most active hours with `auto`. */
export function previewTimes(ctx: GroupContext): string[] {
  const set = ctx.groupSettings.get(previewsSetting);
  if (set[0] !== 'auto') return set;
  const hours = mostActiveHours(ctx.store.activity, ctx.group, ctx.now, ctx.groupSettings.timezone);
  return hours ? hours.map((h) => formatTimeOfDay(h * 60)) : DEFAULT_PREVIEWS;
}

/**
 * The jobs of a topic: its opening, and the previews of its day still ahead of it. The opening job
 * itself passes `previewsOnly` and returns its next run instead (a running job cannot be
 * rescheduled under its own key).
 */
export function scheduleTopic(ctx: GroupContext, t: Pick<TopicRow, 'id' | 'startsAt'>, previewsOnly = false): Action[] {
  const now = ctx.now.getTime();
  const tz = ctx.groupSettings.timezone;
  const jobs: Action[] = [];
  if (!previewsOnly) jobs.push(scheduleJob.of(ctx.group, { kind: JOB_OPEN, key: String(t.id), dueAt: t.startsAt, at: now }));
  const day = localDay(new Date(t.startsAt), tz);
  for (const time of previewTimes(ctx)) {
    const minutes = parseTimeOfDay(time)!;
    let at = zonedTime(day, minutes, tz).getTime();
    // An evening preview after the topic's hour announces it the evening before ("明日话题预告").
    const eve = at >= t.startsAt && minutes >= EVENING;
    if (eve) at = zonedTime(addDays(day, -1), minutes, tz).getTime();
    if ((at < t.startsAt || eve) && at > now) {
      jobs.push(scheduleJob.of(ctx.group, { kind: JOB_PREVIEW, key: `${day}@${eve ? 'eve:' : ''}${time}`, dueAt: at, payload: { day, ...(eve ? { tomorrow: true } : {}) }, at: now }));
    }
  }
  return jobs;
}

/**
 * After the preview times change, or a topic moves (`changed`, not written yet): the pending
 * previews dropped and planned again.
 */
export function replanPreviews(ctx: GroupContext, changed?: TopicRow): Action[] {
  const out: Action[] = ctx.store.jobs.pending(ctx.group, JOB_PREVIEW).map((job) => cancelJob.of(ctx.group, { kind: JOB_PREVIEW, key: job.key }));
  const upcoming = ctx.store.of(TopicsRepo).upcoming(ctx.group, ctx.now.getTime(), 200).filter((t) => t.id !== changed?.id);
  for (const t of changed ? [...upcoming, changed] : upcoming) out.push(...scheduleTopic(ctx, t));
  return out;
}

export function topicLine(ctx: GroupContext, t: TopicRow, withDay = false): string {
  const when = formatLocal(new Date(t.startsAt), ctx.groupSettings.timezone);
  return ctx.t.topics.line(withDay ? when : when.slice(11), t.title, t.host, t.id);
}

const previewJob: JobHandler = {
  kind: JOB_PREVIEW,
  run(ctx) {
    const { day, tomorrow } = ctx.job.payload as { day: string; tomorrow?: boolean };
    const tz = ctx.groupSettings.timezone;
    // After downtime several previews of a day may be due at once: only the last one posts.
    const alsoDue = ctx.store.jobs.pending(ctx.group, JOB_PREVIEW).some((j) => j.key.startsWith(`${day}@`) && j.dueAt <= ctx.now.getTime());
    if (alsoDue) return [];
    const from = zonedTime(day, 0, tz).getTime();
    const to = zonedTime(addDays(day, 1), 0, tz).getTime();
    const all = ctx.store.of(TopicsRepo).between(ctx.group, from, to);
    const ahead = all.filter((t) => t.startsAt > ctx.now.getTime());
    if (!ahead.length) {
      // Due while the bot was down and every topic has begun since: say so to the owner, post nothing.
      if (all.length && ctx.lateBy > LATE_MARK_MS) return [ctx.notifyOwner(ctx.t.topics.previewSkipped(formatLocal(new Date(ctx.job.dueAt), tz)))];
      return [];
    }
    const late = ctx.lateBy > LATE_MARK_MS;
    // Each topic with its description: a preview says what the topic is about, not only its title.
    const lines = ahead.map((t) => (t.description ? `${topicLine(ctx, t)}\n  ${t.description}` : topicLine(ctx, t)));
    return [ctx.send(ctx.t.topics.preview(lines, late, !!tomorrow))];
  },
};

const openJob: JobHandler = {
  kind: JOB_OPEN,
  run(ctx): JobOutcome | Action[] {
    const t = ctx.store.of(TopicsRepo).topic(Number(ctx.job.key));
    if (!t || t.state !== 'scheduled') return [];
    const tz = ctx.groupSettings.timezone;
    const actions: Action[] = [];
    if (ctx.lateBy > OPEN_GRACE_MS) {
      actions.push(ctx.notifyOwner(ctx.t.topics.openSkipped(t.title, formatLocal(new Date(t.startsAt), tz))));
    } else {
      const late = ctx.lateBy > LATE_MARK_MS ? Math.round(ctx.lateBy / 60_000) : 0;
      actions.push(ctx.send(ctx.t.topics.open(t.title, t.description, t.host, late), { threadId: t.threadId ?? undefined }));
    }
    const next = t.recurrence ? nextOccurrence(t.recurrence, new Date(Math.max(t.startsAt, ctx.now.getTime())), tz) : undefined;
    if (!next) return [...actions, topicSaved.of(ctx.group, { ...t, state: 'done' })];
    const moved = { ...t, startsAt: next.getTime() };
    return { actions: [...actions, topicSaved.of(ctx.group, moved), ...scheduleTopic(ctx, moved, true)], next: { dueAt: next } };
  },
};

const announceJob: JobHandler = {
  kind: JOB_ANNOUNCE,
  run(ctx): JobOutcome | Action[] {
    const a = ctx.store.of(TopicsRepo).announcement(Number(ctx.job.key));
    if (!a || a.state !== 'scheduled') return [];
    const tz = ctx.groupSettings.timezone;
    const actions: Action[] =
      ctx.lateBy > OPEN_GRACE_MS ? [ctx.notifyOwner(ctx.t.topics.announceSkipped(formatLocal(new Date(a.at), tz), a.text))] : [ctx.send(a.text, { threadId: a.threadId ?? undefined })];
    const next = a.recurrence ? nextOccurrence(a.recurrence, new Date(Math.max(a.at, ctx.now.getTime())), tz) : undefined;
    if (!next) return [...actions, announcementSet.of(ctx.group, { id: a.id, at: a.at, state: 'done' })];
    return { actions: [...actions, announcementSet.of(ctx.group, { id: a.id, at: next.getTime(), state: 'scheduled' })], next: { dueAt: next } };
  },
};

export const topicJobs = [previewJob, openJob, announceJob];
