// Pure helpers for local days and weekly schedules in a named IANA time zone.
// SQLite and JavaScript Dates are UTC; these translate at the edge of every decision.

import { canonicalClock, canonicalSchedule } from './chinese.js';

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Zone offsets change on quarter hours (UTC) at the finest, and at most once in one. */
const SLOT_MS = 15 * 60_000;
/** Per zone, the offset through each quarter hour asked about lately (undefined: it changes within). */
const offsets = new Map<string, Map<number, number | undefined>>();

/**
 * The wall-clock parts of an instant in a zone. Asking Intl costs microseconds, and every message
 * asks (its hour, its day): so Intl is asked for the zone's offset once per quarter hour, and the
 * parts are plain arithmetic from there.
 */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const ms = instant.getTime();
  const slot = Math.floor(ms / SLOT_MS);
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(slot);
  if (offset === undefined && !zone.has(slot)) {
    if (zone.size >= 256) zone.clear(); // a scan over many weeks: only the latest quarters are worth keeping
    const first = offsetMs(slot * SLOT_MS, timeZone);
    offset = first === offsetMs(slot * SLOT_MS + SLOT_MS - 1, timeZone) ? first : undefined;
    zone.set(slot, offset);
  }
  if (offset === undefined) return intlParts(instant, timeZone);
  const d = new Date(ms + offset);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay() };
}

function offsetMs(ms: number, timeZone: string): number {
  const p = intlParts(new Date(ms), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

function intlParts(instant: Date, timeZone: string): LocalParts {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday ?? 'Sun'] ?? 0,
  };
}

/** Minutes east of UTC that the zone observes at this instant (+480 for Asia/Shanghai). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function dayString(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * The local calendar day ('YYYY-MM-DD') an instant falls on. With dayStartMinutes (e.g. 240 for
 * 04:00) a day runs from that local time to the same time the next day, for night owls.
 */
export function localDay(instant: Date, timeZone: string, dayStartMinutes = 0): string {
  const p = localParts(instant, timeZone);
  const day = dayString(p.year, p.month, p.day);
  return p.hour * 60 + p.minute < dayStartMinutes ? addDays(day, -1) : day;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDay(day: string): { year: number; month: number; day: number } | undefined {
  const m = DAY_RE.exec(day);
  if (!m) return undefined;
  const [year, month, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, d));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== d) return undefined;
  return { year, month, day: d };
}

export function addDays(day: string, n: number): string {
  const p = parseDay(day);
  if (!p) throw new RangeError(`not a day: ${day}`);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + n));
  return dayString(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  const pa = parseDay(a);
  const pb = parseDay(b);
  if (!pa || !pb) throw new RangeError(`not a day: ${pa ? b : a}`);
  return Math.round((Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / 86_400_000);
}

/** Weekday (0 = Sunday) of a calendar day. */
export function weekdayOf(day: string): number {
  const p = parseDay(day);
  if (!p) throw new RangeError(`not a day: ${day}`);
  return new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
}

/**
 * The instant when the wall clock in timeZone shows `minutes` past midnight on `day`.
 * In a spring-forward gap the result is the equivalent instant after the gap; in a
 * fall-back overlap it is the first of the two.
 */
export function zonedTime(day: string, minutes: number, timeZone: string): Date {
  const p = parseDay(day);
  if (!p) throw new RangeError(`not a day: ${day}`);
  const wall = Date.UTC(p.year, p.month - 1, p.day, 0, minutes);
  const first = wall - offsetMinutes(new Date(wall), timeZone) * 60000;
  const second = wall - offsetMinutes(new Date(first), timeZone) * 60000;
  // Prefer the earlier candidate that really shows the wall time (the overlap case).
  const candidates = [Math.min(first, second), Math.max(first, second)];
  for (const c of candidates) {
    const lp = localParts(new Date(c), timeZone);
    if (lp.hour * 60 + lp.minute === minutes % 1440 && dayString(lp.year, lp.month, lp.day) === day) return new Date(c);
  }
  // In a gap neither shows it; the later candidate keeps the pre-change offset, i.e. "after the gap".
  return new Date(candidates[1]!);
}

/** "HH:MM" (or "9点", "下午2点半") → minutes after midnight, or undefined. "24:00" is allowed as an end of day. */
export function parseTimeOfDay(text: string): number | undefined {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(canonicalClock(text));
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

/** A time of day as typed ("21:00", "晚上9点") → "HH:MM" within the day, or undefined. */
export function canonicalTime(text: string): string | undefined {
  const minutes = parseTimeOfDay(text);
  return minutes !== undefined && minutes < 1440 ? formatTimeOfDay(minutes) : undefined;
}

export function formatTimeOfDay(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** "2026-11-24 20:00" in the zone. */
export function formatLocal(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${dayString(p.year, p.month, p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** ISO-8601 with the zone's offset: "2026-11-24T10:00:00+08:00". */
export function formatIsoLocal(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const off = offsetMinutes(instant, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${dayString(p.year, p.month, p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export interface TimeRange {
  /** Minutes after local midnight, inclusive. */
  start: number;
  /** Minutes after local midnight, exclusive; may be 1440. */
  end: number;
}

export interface WeeklySchedule {
  /** Weekdays the ranges apply to, 0 = Sunday. */
  days: number[];
  ranges: TimeRange[];
  /** Local days ('YYYY-MM-DD') on which the schedule does not apply. */
  holidays?: string[];
}

/** Whether an instant falls inside the weekly schedule, read on the zone's wall clock. */
export function isWithinSchedule(instant: Date, schedule: WeeklySchedule, timeZone: string): boolean {
  const p = localParts(instant, timeZone);
  if (!schedule.days.includes(p.weekday)) return false;
  if (schedule.holidays?.includes(dayString(p.year, p.month, p.day))) return false;
  const m = p.hour * 60 + p.minute;
  return schedule.ranges.some((r) => m >= r.start && m < r.end);
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** "mon-fri" / "mon,wed,fri" / "sat-sun" (or "周一到周五", "工作日") → weekday numbers. */
export function parseWeekdays(text: string): number[] | undefined {
  const days = new Set<number>();
  for (const part of canonicalSchedule(text).toLowerCase().split(',')) {
    const [a, b] = part.split('-');
    const from = DAY_NAMES.indexOf((a ?? '').slice(0, 3));
    const to = b === undefined ? from : DAY_NAMES.indexOf(b.slice(0, 3));
    if (from < 0 || to < 0) return undefined;
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort((x, y) => x - y);
}

/** "mon-fri 09:00-12:00,13:30-18:00" (or "周一到周五 9点-18点") → a schedule, or undefined when malformed. */
export function parseWeeklySchedule(text: string): WeeklySchedule | undefined {
  const [dayPart, rangePart, ...rest] = canonicalSchedule(text).split(/\s+/);
  if (!dayPart || !rangePart || rest.length) return undefined;
  const days = parseWeekdays(dayPart);
  if (!days) return undefined;
  const ranges: TimeRange[] = [];
  for (const r of rangePart.split(',')) {
    const [a, b, extra] = r.split('-');
    if (a === undefined || b === undefined || extra !== undefined) return undefined;
    const start = parseTimeOfDay(a);
    const end = parseTimeOfDay(b);
    if (start === undefined || end === undefined || end <= start) return undefined;
    ranges.push({ start, end });
  }
  return { days, ranges };
}

/** The longest duration anyone types: past a year, Telegram treats a restriction as forever anyway. */
const MAX_DURATION_MS = 366 * 86_400_000;

/** "30s", "10m", "2h", "7d" → milliseconds (at most 366 days). */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,9})\s*(s|m|h|d)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]!.toLowerCase() as 's' | 'm' | 'h' | 'd'];
  const ms = Number(m[1]) * unit;
  return ms > 0 && ms <= MAX_DURATION_MS ? ms : undefined;
}

/** "tue,thu 20:00" / "daily 09:00" (or "周二、周四 晚上8点") → days and minute, or undefined. */
export function parseRecurrence(text: string): { days: number[]; minutes: number } | undefined {
  const [daysText, time, extra] = canonicalSchedule(text).split(/\s+/);
  if (!daysText || !time || extra) return undefined;
  const days = daysText === 'daily' || daysText === 'everyday' ? [0, 1, 2, 3, 4, 5, 6] : parseWeekdays(daysText);
  const minutes = parseTimeOfDay(time);
  if (!days || minutes === undefined || minutes >= 1440) return undefined;
  return { days, minutes };
}

/** The first occurrence strictly after `after`, on the group's wall clock. */
export function nextOccurrence(recurrence: string, after: Date, timeZone: string): Date | undefined {
  const r = parseRecurrence(recurrence);
  if (!r) return undefined;
  const first = localDay(after, timeZone);
  for (let i = 0; i < 8; i++) {
    const day = addDays(first, i);
    const at = zonedTime(day, r.minutes, timeZone);
    if (r.days.includes(localParts(at, timeZone).weekday) && at > after) return at;
  }
  return undefined;
}

/** The next time the wall clock shows hh:mm in the zone, after `now`. */
export function nextLocal(now: Date, timeZone: string, hhmm: string): Date {
  return nextOccurrence(`daily ${hhmm}`, now, timeZone)!;
}
