import { type Milestone, parseMilestones } from './settings.js';

/** The points a check-in earns, and the milestone it reached, if any. */
export interface Award {
  points: number;
  milestone?: number;
}

export interface PointRules {
  base: number;
  streakBonus: number;
  streakBonusCap: number;
  milestones: string;
}

/** Points for a check-in that makes a streak of `streak` days: base, streak bonus, milestone. */
export function awardFor(streak: number, rules: PointRules): Award {
  const milestones: Milestone[] = parseMilestones(rules.milestones) ?? [];
  const hit = milestones.find((m) => m.days === streak);
  const points = rules.base + Math.min(Math.max(streak - 1, 0), rules.streakBonusCap) * rules.streakBonus + (hit?.bonus ?? 0);
  return { points, ...(hit ? { milestone: hit.days } : {}) };
}
