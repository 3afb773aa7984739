import { describe, expect, it } from 'vitest';
import { canonicalZone } from '../src/time/chinese.js';
import {
  addDays,
  daysBetween,
  formatIsoLocal,
  isValidTimeZone,
  isWithinSchedule,
  localDay,
  localParts,
  nextOccurrence,
  parseDuration,
  parseRecurrence,
  parseTimeOfDay,
  parseWeeklySchedule,
  zonedTime,
} from '../src/time/calendar.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

describe('local day in Asia/Shanghai', () => {
  it('a message at 23:59 and one at 00:01 fall on consecutive local days', () => {
    expect(localDay(new Date('2026-11-24T23:59:00+08:00'), SH)).toBe('2026-11-24');
    expect(localDay(new Date('2026-11-25T00:01:00+08:00'), SH)).toBe('2026-11-25');
  });

  it('uses the group zone, not UTC: 01:00 Shanghai is still the previous day in UTC', () => {
    const at = new Date('2026-11-25T01:00:00+08:00');
    expect(at.toISOString().slice(0, 10)).toBe('2026-11-24');
    expect(localDay(at, SH)).toBe('2026-11-25');
  });

  it('a day that starts at 04:00 keeps 02:00 on the day before', () => {
    expect(localDay(new Date('2026-11-25T02:00:00+08:00'), SH, 240)).toBe('2026-11-24');
    expect(localDay(new Date('2026-11-25T04:00:00+08:00'), SH, 240)).toBe('2026-11-25');
  });

  it('crosses month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });
});

describe('daylight saving in America/New_York', () => {
  it('local wall times map to the right instants on both sides of the spring change', () => {
    // 2026-03-08: clocks jump from 02:00 EST (-05:00) to 03:00 EDT (-04:00).
    expect(zonedTime('2026-03-07', 9 * 60, NY).toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(zonedTime('2026-03-08', 9 * 60, NY).toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });

  it('a time inside the spring gap lands after the gap', () => {
    const t = zonedTime('2026-03-08', 2 * 60 + 30, NY);
    expect(formatIsoLocal(t, NY)).toBe('2026-03-08T03:30:00-04:00');
  });

  it('the repeated hour in autumn takes the first occurrence', () => {
    // 2026-11-01: 01:30 happens twice; the first is EDT.
    expect(formatIsoLocal(zonedTime('2026-11-01', 90, NY), NY)).toBe('2026-11-01T01:30:00-04:00');
  });

  it('the local day changes at local midnight on a 23-hour day', () => {
    expect(localDay(new Date('2026-03-08T04:59:00Z'), NY)).toBe('2026-03-07');
    expect(localDay(new Date('2026-03-08T05:00:00Z'), NY)).toBe('2026-03-08');
    expect(localDay(new Date('2026-03-09T03:59:00Z'), NY)).toBe('2026-03-08');
    expect(localDay(new Date('2026-03-09T04:00:00Z'), NY)).toBe('2026-03-09');
  });

  it('a 09:00-18:00 schedule follows the wall clock across the change', () => {
    const work = parseWeeklySchedule('mon-fri 09:00-18:00')!;
    // Friday before (EST) and Monday after (EDT): 09:30 local is inside both times.
    expect(isWithinSchedule(new Date('2026-03-06T14:30:00Z'), work, NY)).toBe(true);
    expect(isWithinSchedule(new Date('2026-03-09T13:30:00Z'), work, NY)).toBe(true);
    // 08:30 EDT is 12:30Z, which would have been 07:30 EST: outside either way.
    expect(isWithinSchedule(new Date('2026-03-09T12:30:00Z'), work, NY)).toBe(false);
  });
});

describe('wall-clock parts, worked out from the zone offset', () => {
  // What Intl itself says, field by field: the arithmetic must agree everywhere, also across a change.
  const intl = (at: Date, timeZone: string) => {
    const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    const o = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
    return { year: +o.year!, month: +o.month!, day: +o.day!, hour: +o.hour!, minute: +o.minute!, second: +o.second!, weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(o.weekday!) };
  };
  it.each([
    [NY, '2026-03-08T06:00:00Z'], // spring forward at 02:00 local
    [NY, '2026-11-01T05:00:00Z'], // fall back: 01:00–02:00 twice
    ['Australia/Lord_Howe', '2026-04-04T14:00:00Z'], // a half-hour change
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z'], // +05:45
    [SH, '2026-12-31T15:30:00Z'], // a new year
  ])('%s around %s, every 7 minutes and 13 seconds for six hours', (zone, around) => {
    const start = Date.parse(around) - 3 * 3_600_000;
    for (let ms = start; ms < start + 6 * 3_600_000; ms += 433_000) expect(localParts(new Date(ms), zone)).toEqual(intl(new Date(ms), zone));
  });
});

describe('weekly schedules', () => {
  const work = parseWeeklySchedule('mon-fri 09:00-12:00,13:30-18:00')!;

  it('parses days and ranges', () => {
    expect(work).toEqual({ days: [1, 2, 3, 4, 5], ranges: [{ start: 540, end: 720 }, { start: 810, end: 1080 }] });
    expect(parseWeeklySchedule('sat-sun 00:00-24:00')?.days).toEqual([0, 6]);
    expect(parseWeeklySchedule('fri-mon 10:00-11:00')?.days).toEqual([0, 1, 5, 6]);
  });

  it('rejects malformed schedules', () => {
    for (const bad of ['', 'mon-fri', 'xyz 09:00-10:00', 'mon 10:00-09:00', 'mon 25:00-26:00', 'mon 09:00-10:00 extra', 'mon 9-10']) {
      expect(parseWeeklySchedule(bad), bad).toBeUndefined();
    }
  });

  it('is inside on a Tuesday morning and outside at lunch, at night and on Saturday', () => {
    expect(isWithinSchedule(new Date('2026-11-24T09:00:00+08:00'), work, SH)).toBe(true);
    expect(isWithinSchedule(new Date('2026-11-24T12:00:00+08:00'), work, SH)).toBe(false);
    expect(isWithinSchedule(new Date('2026-11-24T17:59:00+08:00'), work, SH)).toBe(true);
    expect(isWithinSchedule(new Date('2026-11-24T22:00:00+08:00'), work, SH)).toBe(false);
    expect(isWithinSchedule(new Date('2026-11-28T10:00:00+08:00'), work, SH)).toBe(false);
  });

  it('judges by the group zone: 09:30 in Shanghai is 01:30 UTC on the same weekday', () => {
    expect(isWithinSchedule(new Date('2026-11-24T01:30:00Z'), work, SH)).toBe(true);
    expect(isWithinSchedule(new Date('2026-11-24T01:30:00Z'), work, 'UTC')).toBe(false);
  });

  it('holidays switch the schedule off for the whole local day', () => {
    const withHoliday = { ...work, holidays: ['2026-10-01'] };
    expect(isWithinSchedule(new Date('2026-10-01T10:00:00+08:00'), withHoliday, SH)).toBe(false);
    expect(isWithinSchedule(new Date('2026-10-02T10:00:00+08:00'), withHoliday, SH)).toBe(true);
  });
});

describe('recurrences', () => {
  it('the next occurrence is strictly after, on the local wall clock, across the DST change', () => {
    expect(nextOccurrence('daily 21:00', new Date('2026-11-24T20:59:00+08:00'), SH)?.toISOString()).toBe('2026-11-24T13:00:00.000Z');
    expect(nextOccurrence('daily 21:00', new Date('2026-11-24T21:00:00+08:00'), SH)?.toISOString()).toBe('2026-11-25T13:00:00.000Z');
    expect(nextOccurrence('tue,thu 20:00', new Date('2026-11-25T08:00:00+08:00'), SH)?.toISOString()).toBe('2026-11-26T12:00:00.000Z');
    // Saturday 09:00 EST, then Monday 09:00 EDT: the wall clock holds, the instant moves.
    expect(nextOccurrence('mon 09:00', new Date('2026-03-07T14:00:00Z'), NY)?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(nextOccurrence('someday 09:00', new Date(), SH)).toBeUndefined();
  });
});

describe('small parsers', () => {
  it('times of day, durations and zones', () => {
    expect(parseTimeOfDay('08:00')).toBe(480);
    expect(parseTimeOfDay('8：30')).toBe(510);
    expect(parseTimeOfDay('24:00')).toBe(1440);
    expect(parseTimeOfDay('24:01')).toBeUndefined();
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('2 d')).toBe(172_800_000);
    expect(parseDuration('1w')).toBeUndefined();
    // An owner's typing never becomes a date past the end of time.
    expect(parseDuration('366d')).toBe(366 * 86_400_000);
    expect(parseDuration('367d')).toBeUndefined();
    expect(parseDuration('99999999999999999999d')).toBeUndefined();
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Base')).toBe(false);
  });
});

describe('Chinese where people type Chinese', () => {
  it('reads weekdays, 工作日 and clock words in schedules and recurrences', () => {
    expect(parseWeeklySchedule('周一到周五 9点-18点')).toEqual({ days: [1, 2, 3, 4, 5], ranges: [{ start: 540, end: 1080 }] });
    expect(parseWeeklySchedule('工作日 上午9点到12点，下午1点半到6点')).toEqual({ days: [1, 2, 3, 4, 5], ranges: [{ start: 540, end: 720 }, { start: 810, end: 1080 }] });
    expect(parseWeeklySchedule('周末 10点-22点')?.days).toEqual([0, 6]);
    expect(parseWeeklySchedule('每天 晚上8点到10点')?.ranges).toEqual([{ start: 1200, end: 1320 }]);
    expect(parseWeeklySchedule('星期二、星期四 19:00-21:00')?.days).toEqual([2, 4]);
    expect(parseRecurrence('周二、周四 晚上8点')).toEqual({ days: [2, 4], minutes: 1200 });
    expect(parseTimeOfDay('下午2点半')).toBe(870);
    expect(parseTimeOfDay('9点')).toBe(540);
    expect(parseWeeklySchedule('mon-fri 22:00-06:00')).toBeUndefined(); // still no overnight ranges
  });

  it('reads time zones as people name them', () => {
    expect(['北京时间', '东八区', '上海'].map(canonicalZone)).toEqual(['Asia/Shanghai', 'Asia/Shanghai', 'Asia/Shanghai']);
    expect(canonicalZone('UTC+8')).toBe('Etc/GMT-8');
    expect(canonicalZone('纽约')).toBe('America/New_York');
    expect(canonicalZone('Asia/Tokyo')).toBe('Asia/Tokyo');
  });
});
