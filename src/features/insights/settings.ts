import { z } from 'zod';
import { defineSetting, intSetting } from '../../settings/definition.js';
import { parseRecurrence } from '../../time/calendar.js';

/** Days of silence before one friendly mention; 0: lurker care off (the default). */
export const lurkerMentionDays = intSetting('lurkers.mentionDays', 0, 365, 0);
/** Days after the mention, still silent, before removal (or a list for the owner); 0: never. */
export const lurkerRemoveDays = intSetting('lurkers.removeDays', 0, 365, 0);
/** What /layers and /lurkers call a lurker: silent this many days. */
export const lurkerDaysSetting = intSetting('lurkers.days', 1, 365, 14);

/** "mon 09:00": a recurrence on exactly one weekday. */
export function parseWeeklyTime(text: string): { weekday: number; minutes: number } | undefined {
  const r = parseRecurrence(text.toLowerCase());
  return r && r.days.length === 1 ? { weekday: r.days[0]!, minutes: r.minutes } : undefined;
}

export const weeklyReportSetting = defineSetting<string>({
  key: 'report.weekly',
  schema: z.string().refine((v) => v === 'off' || parseWeeklyTime(v) !== undefined, 'off, or a day and time such as mon 09:00'),
  fallback: 'off',
  fromText: (t) => (t.trim() === 'off' || parseWeeklyTime(t) ? t.trim().toLowerCase() : undefined),
  example: 'mon 09:00',
});

export const insightsSettings = [lurkerMentionDays, lurkerRemoveDays, lurkerDaysSetting, weeklyReportSetting];
