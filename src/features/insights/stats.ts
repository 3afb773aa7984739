import type { GroupRef } from '../../storage/groups.js';
import type { Store } from '../../storage/store.js';
import { addDays, localDay } from '../../time/calendar.js';
import type { DailySeries } from './charts.js';
import { InsightsRepo } from './insights.sql.js';

const DAY = 86_400_000;

export interface GroupStats {
  days: number;
  joined: number;
  left: number;
  messages: number;
  activeMembers: number;
  present: number;
  /** Check-ins per present member per day, 0–1. */
  checkinRate: number;
  top: { name: string; n: number }[];
  /** Last month's newcomers (joined 30–60 days ago): how many were still active 7 and 30 days on. */
  retention: { cohort: number; after7: number; after30: number };
  /** Events held in the window (线下活动): sign-ups and attendance by code. */
  events: { held: number; signedUp: number; attended: number };
}

export function groupStats(store: Store, g: GroupRef, now: Date, days: number, timeZone: string): GroupStats {
  store.activity.flush();
  // Up to and including this instant: a join a moment ago counts.
  const to = now.getTime() + 1;
  const from = to - days * DAY;
  const byUser = store.of(InsightsRepo).messagesByUser(g, from, to);
  const present = store.of(InsightsRepo).present(g).length;
  const today = localDay(now, timeZone);
  const checkins = store.of(InsightsRepo).checkins(g, addDays(today, -(days - 1)), today).length;
  const cohort = store.of(InsightsRepo).cohort(g, to - 60 * DAY, to - 30 * DAY);
  return {
    days,
    joined: store.of(InsightsRepo).joined(g, from, to),
    left: store.of(InsightsRepo).left(g, from, to),
    messages: byUser.reduce((sum, u) => sum + u.n, 0),
    activeMembers: byUser.length,
    present,
    checkinRate: present ? checkins / (present * days) : 0,
    top: byUser.slice(0, 5).map((u) => ({ name: u.name, n: u.n })),
    events: store.of(InsightsRepo).events(g, from, to),
    retention: {
      cohort: cohort.length,
      after7: cohort.filter((m) => store.of(InsightsRepo).activeSince(g, m.userId, m.joinedAt + 7 * DAY)).length,
      after30: cohort.filter((m) => store.of(InsightsRepo).activeSince(g, m.userId, m.joinedAt + 30 * DAY)).length,
    },
  };
}

/** Each local day of the last `days` (oldest first): messages, members who spoke, check-ins. */
export function dailySeries(store: Store, g: GroupRef, now: Date, days: number, timeZone: string): DailySeries {
  const today = localDay(now, timeZone);
  const names = Array.from({ length: days }, (_, i) => addDays(today, i - (days - 1)));
  const index = new Map(names.map((d, i) => [d, i]));
  const from = new Date(now.getTime() - (days + 1) * DAY);
  const dayOf = (hourSec: number) => index.get(localDay(new Date(hourSec * 1000), timeZone));
  const messages = names.map(() => 0);
  for (const h of store.activity.hourly(g, from, now)) {
    const i = dayOf(h.hour);
    if (i !== undefined) messages[i]! += h.count;
  }
  const speakers = names.map(() => new Set<string>());
  for (const p of store.of(InsightsRepo).activeHours(g, from.getTime(), now.getTime() + 1)) speakers[dayOf(p.hour) ?? -1]?.add(p.userId);
  const checkins = names.map(() => 0);
  for (const c of store.of(InsightsRepo).checkins(g, names[0]!, today)) {
    const i = index.get(c.day);
    if (i !== undefined) checkins[i]!++;
  }
  return { days: names.map((d) => d.slice(5)), messages, active: speakers.map((s) => s.size), checkins };
}
