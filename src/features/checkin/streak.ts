import { addDays } from '../../time/calendar.js';

/**
 * The streak as it stands today: the stored one is alive while the last check-in was today or
 * yesterday (the group's day); after a missed day it is 0, whatever was stored.
 */
export function currentStreak(f: { streak: number; lastDay: string | null }, today: string): number {
  return f.lastDay === today || f.lastDay === addDays(today, -1) ? f.streak : 0;
}

/** The streak a check-in on `day` makes: one more if the last was the day before, else a new one. */
export function nextStreak(f: { streak: number; lastDay: string | null }, day: string): number {
  return f.lastDay === addDays(day, -1) ? f.streak + 1 : 1;
}

/**
 * The streak as the days on record say (newest first), after a make-up card filled a gap: the run
 * of consecutive days ending at the latest, alive only if that was today or yesterday.
 */
export function streakFromDays(daysDesc: readonly string[], today: string): { streak: number; run: number; lastDay: string } | undefined {
  const last = daysDesc[0];
  if (!last) return undefined;
  let run = 0;
  let expect = last;
  for (const d of daysDesc) {
    if (d !== expect) break;
    run++;
    expect = addDays(d, -1);
  }
  return { streak: currentStreak({ streak: run, lastDay: last }, today), run, lastDay: last };
}
