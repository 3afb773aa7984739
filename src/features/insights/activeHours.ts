import type { ActivityRepo } from '../../storage/activity.js';
import type { GroupRef } from '../../storage/groups.js';
import { localDay } from '../../time/calendar.js';
import { bestHours, heatmap } from './heatmap.js';

/**
 * The group's most active hours of the day (local time), from the last four weeks of the
 * activity ledger; undefined while the ledger holds less than `minDays` days of activity.
 */
export function mostActiveHours(activity: ActivityRepo, g: GroupRef, now: Date, timeZone: string, n = 3, minDays = 14): number[] | undefined {
  const rows = activity.hourly(g, new Date(now.getTime() - 28 * 86_400_000), now);
  const days = new Set(rows.map((r) => localDay(new Date(r.hour * 1000), timeZone)));
  return days.size < minDays ? undefined : bestHours(heatmap(rows, timeZone), n);
}
