import { z } from 'zod';
import { defineSetting, enumSetting } from '../../settings/definition.js';
import { type WeeklySchedule, addDays, daysBetween, formatTimeOfDay, parseDay, parseWeeklySchedule } from '../../time/calendar.js';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Back to the form people type: "mon-fri 09:00-12:00,13:30-18:00". */
export function formatSchedule(s: WeeklySchedule): string {
  const days = [...s.days].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    runs.push(j > i + 1 ? `${DAY_NAMES[days[i]!]}-${DAY_NAMES[days[j]!]}` : days.slice(i, j + 1).map((d) => DAY_NAMES[d]).join(','));
    i = j + 1;
  }
  return `${runs.join(',')} ${s.ranges.map((r) => `${formatTimeOfDay(r.start)}-${formatTimeOfDay(r.end)}`).join(',')}`;
}

const scheduleSchema = z
  .object({
    days: z.array(z.number().int().min(0).max(6)).min(1),
    ranges: z.array(z.object({ start: z.number().int().min(0).max(1440), end: z.number().int().min(0).max(1440) })).min(1),
  })
  .nullable();

export const worktimeSetting = defineSetting<WeeklySchedule | null>({
  key: 'worktime.schedule',
  schema: scheduleSchema as z.ZodType<WeeklySchedule | null>,
  fallback: null,
  fromText: (text) => (text.trim() === 'off' ? null : parseWeeklySchedule(text)),
  show: (v) => (v ? formatSchedule(v) : 'off'),
  example: 'mon-fri 09:00-12:00,13:30-18:00',
});

/** "2026-10-01..2026-10-07" or "2026-10-01" → the days; at most a year. */
export function parseDayRange(text: string): string[] | undefined {
  const [from, to = from, extra] = text.trim().split('..');
  if (!from || extra !== undefined || !parseDay(from) || !parseDay(to!)) return undefined;
  const n = daysBetween(from, to!);
  if (n < 0 || n > 366) return undefined;
  return Array.from({ length: n + 1 }, (_, i) => addDays(from, i));
}

export const holidaysSetting = defineSetting<string[]>({
  key: 'worktime.holidays',
  schema: z.array(z.string().refine((d) => parseDay(d) !== undefined, 'YYYY-MM-DD')).max(1000),
  fallback: [],
  fromText: (text) => (text.trim() === 'none' ? [] : parseDayRange(text)),
  show: (v) => (v.length ? `${v.length} 天 (${v[0]}…${v.at(-1)})` : '—'),
  example: '2026-10-01..2026-10-07',
});

/** observe only writes to /log what it would do, so owners can build trust first (as the ad filter's). */
export type FocusMode = 'off' | 'observe' | 'remind' | 'strict';
export const focusSetting = enumSetting<FocusMode>('focus.mode', ['off', 'observe', 'remind', 'strict'], 'remind');

/** Forum topics (Telegram message_thread_id) where anything goes in work hours too: a chit-chat topic. */
export const freeTopicsSetting = defineSetting<string[]>({
  key: 'focus.freeTopics',
  schema: z.array(z.string().regex(/^\d{1,12}$/)).max(50),
  fallback: [],
  fromText: (text) => {
    const ids = text.split(/[,，\s]+/).filter(Boolean);
    return ids.length <= 50 && ids.every((id) => /^\d{1,12}$/.test(id)) ? ids : undefined;
  },
  show: (v) => (v.length ? v.join(',') : '—'),
  example: '42',
});

export const topicWordsSetting = defineSetting<string[]>({
  key: 'topic.words',
  schema: z.array(z.string().min(1).max(30)).max(300),
  fallback: [],
  fromText: (text) => {
    const words = text.split(/[,，、\s]+/).filter(Boolean);
    return words.length <= 300 && words.every((w) => w.length <= 30) ? words : undefined;
  },
  show: (v) => (v.length ? v.join('、') : '—'),
  example: '前端,React,性能',
});

export const topicDescriptionSetting = defineSetting<string>({
  key: 'topic.description',
  schema: z.string().max(300),
  fallback: '',
  fromText: (t) => (t.trim().length <= 300 ? t.trim() : undefined),
  example: '前端开发 性能优化 工程化',
});

export const workhoursSettings = [worktimeSetting, holidaysSetting, focusSetting, freeTopicsSetting, topicWordsSetting, topicDescriptionSetting];
