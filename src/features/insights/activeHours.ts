import type { GroupRef } from '../../storage/groups.js';
import type { ActivityRepo } from '../../storage/activity.js';
import { localDay, localParts } from '../../time/calendar.js';

/**
 * The group's most active hours of the day (local time), from the last four weeks of the
 * activity ledger; undefined while the ledger holds less than `minDays` days of activity.
 */
export function mostActiveHours(activity: ActivityRepo, g: GroupRef, now: Date, timeZone: string, n = 3, minDays = 14): number[] | undefined {
  const from = new Date(now.getTime() - 28 * 86_400_000);
  const rows = activity.hourly(g, from, now);
  const days = new Set(rows.map((r) => localDay(new Date(r.hour * 1000), timeZone)));
  if (days.size < minDays) return undefined;
  const byHour = new Array<number>(24).fill(0);
  for (const r of rows) byHour[localParts(new Date(r.hour * 1000), timeZone).hour]! += r.count;
  return byHour
    .map((count, hour) => ({ hour, count }))
    .filter((h) => h.count > 0)
    .sort((a, b) => b.count - a.count || a.hour - b.hour)
    .slice(0, n)
    .map((h) => h.hour)
    .sort((a, b) => a - b);
}
