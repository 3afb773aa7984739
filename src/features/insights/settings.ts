import { z } from 'zod';
import { defineSetting, intSetting } from '../../settings/definition.js';
import { parseTimeOfDay, parseWeekdays } from '../../time/calendar.js';

/** Days of silence before one friendly mention; 0: lurker care off (the default). */
export const lurkerMentionDays = intSetting('lurkers.mentionDays', 0, 365, 0);
/** Days after the mention, still silent, before removal (or a list for the owner); 0: never. */
export const lurkerRemoveDays = intSetting('lurkers.removeDays', 0, 365, 0);
/** What /layers and /lurkers call a lurker: silent this many days. */
export const lurkerDaysSetting = intSetting('lurkers.days', 1, 365, 14);

export function parseWeeklyTime(text: string): { weekday: number; minutes: number } | undefined {
  const [day, time, extra] = text.trim().split(/\s+/);
  const days = day ? parseWeekdays(day) : undefined;
  const minutes = time ? parseTimeOfDay(time) : undefined;
  if (extra || !days || days.length !== 1 || minutes === undefined || minutes >= 1440) return undefined;
  return { weekday: days[0]!, minutes };
}

export const weeklyReportSetting = defineSetting<string>({
  key: 'report.weekly',
  schema: z.string().refine((v) => v === 'off' || parseWeeklyTime(v) !== undefined, 'off, or a day and time such as mon 09:00'),
  fallback: 'off',
  fromText: (t) => (t.trim() === 'off' || parseWeeklyTime(t) ? t.trim().toLowerCase() : undefined),
  example: 'mon 09:00',
});

export const insightsSettings = [lurkerMentionDays, lurkerRemoveDays, lurkerDaysSetting, weeklyReportSetting];
