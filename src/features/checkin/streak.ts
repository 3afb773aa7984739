import { addDays } from '../../time/calendar.js';

/**
 * The streak as it stands today: the stored one is alive while the last check-in was today or
 * yesterday (the group's day); after a missed day it is 0, whatever was stored.
 */
export function currentStreak(f: { streak: number; lastDay: string | null }, today: string): number {
  return f.lastDay === today || f.lastDay === addDays(today, -1) ? f.streak : 0;
}
