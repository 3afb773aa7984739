import { z } from 'zod';
import { defineSetting, intSetting } from '../../settings/definition.js';
import { canonicalTime } from '../../time/calendar.js';

const timeOfDay = z.string().refine((v) => canonicalTime(v) !== undefined, 'a time such as 04:00');

/** When a check-in day begins, local time: 04:00 lets night owls check in after midnight. */
export const dayStartSetting = defineSetting<string>({
  key: 'checkin.dayStart',
  schema: timeOfDay,
  fallback: '00:00',
  fromText: canonicalTime,
  example: '04:00',
});
export const basePointsSetting = intSetting('checkin.points', 0, 10_000, 10);
/** Extra points per day of streak, for up to streakBonusCap days. */
export const streakBonusSetting = intSetting('checkin.streakBonus', 0, 1000, 2);
export const streakBonusCapSetting = intSetting('checkin.streakBonusCap', 0, 365, 10);

export interface Milestone {
  days: number;
  bonus: number;
}
export function parseMilestones(text: string): Milestone[] | undefined {
  const parts = text.split(/[,，\s]+/).filter(Boolean);
  const out: Milestone[] = [];
  for (const p of parts) {
    const m = /^(\d+):(\d+)$/.exec(p);
    if (!m || Number(m[1]) < 1) return undefined;
    out.push({ days: Number(m[1]), bonus: Number(m[2]) });
  }
  return out.sort((a, b) => a.days - b.days);
}
export const milestonesSetting = defineSetting<string>({
  key: 'checkin.milestones',
  schema: z.string().refine((v) => v === '' || parseMilestones(v) !== undefined, 'days:bonus pairs such as 7:50,30:200'),
  fallback: '7:50,30:200,100:1000',
  fromText: (t) => (t.trim() === 'off' ? '' : parseMilestones(t) ? t.trim() : undefined),
  example: '7:50,30:200,100:1000',
});
export const makeupCostSetting = intSetting('checkin.makeupCost', 0, 100_000, 100);
/** How many days back a make-up card reaches (1 = yesterday only). */
export const makeupDaysSetting = intSetting('checkin.makeupDays', 1, 30, 1);
/** An evening reminder to members who checked in before but not today; off by default. */
export const reminderSetting = defineSetting<string>({
  key: 'checkin.reminder',
  schema: z.union([z.literal('off'), timeOfDay]),
  fallback: 'off',
  fromText: (t) => (t.trim() === 'off' ? 'off' : canonicalTime(t)),
  example: '21:00',
});

export const checkinSettings = [
  dayStartSetting,
  basePointsSetting,
  streakBonusSetting,
  streakBonusCapSetting,
  milestonesSetting,
  makeupCostSetting,
  makeupDaysSetting,
  reminderSetting,
];
