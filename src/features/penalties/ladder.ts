import { z } from 'zod';
import { defineSetting } from '../../settings/definition.js';
import { parseDuration } from '../../time/calendar.js';

/** What the ladder does at a strike: remind, warn, mute for a while, or remove. */
export type Step = { kind: 'remind' } | { kind: 'warn' } | { kind: 'mute'; ms: number; text: string } | { kind: 'kick' };

const STEP_RE = /^(remind|warn|kick|mute:\d+[smhd])$/;

export function parseStep(text: string): Step | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'remind' || t === 'warn' || t === 'kick') return { kind: t };
  const m = /^mute:(\d+[smhd])$/.exec(t);
  const ms = m ? parseDuration(m[1]!) : undefined;
  return ms ? { kind: 'mute', ms, text: m![1]! } : undefined;
}

/** The step for the n-th active strike (1-based); past the top, the top step again. */
export function stepFor(n: number, ladder: readonly string[]): string {
  return ladder[Math.min(n, ladder.length) - 1]!;
}

export const ladderSetting = defineSetting<string[]>({
  key: 'penalties.ladder',
  schema: z.array(z.string().regex(STEP_RE, 'steps are remind, warn, mute:<N>m|h|d or kick')).min(1).max(10),
  fallback: ['remind', 'warn', 'mute:1h', 'kick'],
  fromText: (text) => {
    const steps = text.split(/[,，\s→>]+/).filter(Boolean).map((s) => s.toLowerCase());
    return steps.length && steps.length <= 10 && steps.every((s) => parseStep(s)) ? steps : undefined;
  },
  show: (v) => v.join(' → '),
  example: 'remind,warn,mute:1h,kick',
});

/** A duration such as 30d or 10m, kept as typed (lower case). */
function durationSetting(key: string, fallback: string, example: string, problem: string) {
  return defineSetting<string>({
    key,
    schema: z.string().refine((v) => parseDuration(v) !== undefined, problem),
    fallback,
    fromText: (text) => (parseDuration(text.trim()) ? text.trim().toLowerCase() : undefined),
    example,
  });
}

/** How long a strike counts. */
export const expirySetting = durationSetting('penalties.expiry', '30d', '30d', 'a duration such as 30d or 12h');

/** After a strike, further automatic offences within this time climb no further (a burst is one offence). */
export const cooldownSetting = durationSetting('penalties.cooldown', '10m', '10m', 'a duration such as 10m or 1h');
