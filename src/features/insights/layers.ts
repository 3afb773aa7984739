import type { GroupRef } from '../../storage/groups.js';
import type { Store } from '../../storage/store.js';
import { addDays, localDay } from '../../time/calendar.js';
import { InsightsRepo } from './insights.sql.js';

export type Layer = 'core' | 'active' | 'occasional' | 'lurker' | 'new';
export const LAYERS: Layer[] = ['core', 'active', 'occasional', 'lurker', 'new'];

export interface LayeredMember {
  userId: string;
  name: string;
  layer: Layer;
  /** Admins and trusted members: shown, never touched by lurker care. */
  protected: boolean;
}

const DAY = 86_400_000;

/**
 * Members by behaviour over the last two weeks: core speaks and checks in on most days; active
 * speaks on several; occasional now and then; lurkers have been silent for `lurkerDays`; new
 * members (joined this week) are not judged yet.
 */
export function layers(store: Store, g: GroupRef, now: Date, timeZone: string, lurkerDays: number): LayeredMember[] {
  store.activity.flush();
  const to = now.getTime();
  const window = Math.max(14, lurkerDays);
  const spoke = new Map<string, Set<string>>();
  const lastSeen = new Map<string, number>();
  // Many members share each hour: look its local day up once per hour, not once per row.
  const dayOfHour = new Map<number, string>();
  for (const { userId, hour } of store.of(InsightsRepo).activeHours(g, to - window * DAY, to)) {
    const at = hour * 1000;
    if (at >= to - 14 * DAY) {
      let days = spoke.get(userId);
      if (!days) spoke.set(userId, (days = new Set()));
      let day = dayOfHour.get(hour);
      if (day === undefined) dayOfHour.set(hour, (day = localDay(new Date(at), timeZone)));
      days.add(day);
    }
    lastSeen.set(userId, Math.max(lastSeen.get(userId) ?? 0, at));
  }
  const today = localDay(now, timeZone);
  const checkedIn = new Map<string, number>();
  for (const c of store.of(InsightsRepo).checkins(g, addDays(today, -13), today)) checkedIn.set(c.userId, (checkedIn.get(c.userId) ?? 0) + 1);
  return store.of(InsightsRepo).present(g).map((m) => {
    const since = m.joinedAt ?? m.firstSeen;
    const daysSpoken = spoke.get(m.userId)?.size ?? 0;
    const silentSince = lastSeen.get(m.userId);
    let layer: Layer;
    if (since > to - 7 * DAY) layer = 'new';
    else if (silentSince === undefined || silentSince < to - lurkerDays * DAY) layer = 'lurker';
    else if (daysSpoken >= 7 && (checkedIn.get(m.userId) ?? 0) >= 7) layer = 'core';
    else if (daysSpoken >= 3) layer = 'active';
    else layer = 'occasional';
    return { userId: m.userId, name: m.name, layer, protected: (!!m.role && m.role !== 'member') || !!m.platformRole || !!m.trusted };
  });
}
