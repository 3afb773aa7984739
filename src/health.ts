// The running bot notes how it is every little while (its heartbeat, in the database); `steward
// health` reads the note from another process (a container's HEALTHCHECK) and says whether all is
// well: the process alive and writing, every platform connected, and the outbox moving.

export interface Heartbeat {
  /** When the bot last wrote it: it can write to its database. */
  at: number;
  /** Each platform, connected or not. */
  platforms: Record<string, boolean>;
  /** Since when the oldest message that may go now has waited (null: none waits). */
  outboxDueSince: number | null;
}

/** How often the heartbeat is written, and how old it may get before the bot counts as stuck. */
export const HEARTBEAT_EVERY_MS = 15_000;
export const HEARTBEAT_MAX_AGE_MS = 90_000;
/** A message that may go and has not for this long: delivery is stuck. */
export const OUTBOX_STUCK_MS = 10 * 60_000;

export const HEARTBEAT_KEY = { platform: 'steward', key: 'heartbeat' } as const;

/** What is wrong, in words for an operator's terminal; empty: healthy. */
export function healthProblems(beat: Heartbeat | undefined, now: number): string[] {
  if (!beat) return ['no heartbeat: the bot has not run against this database (steward start writes one every 15 s)'];
  const problems: string[] = [];
  const age = now - beat.at;
  if (age > HEARTBEAT_MAX_AGE_MS) problems.push(`heartbeat ${Math.round(age / 1000)} s old: the bot is not running, or stuck`);
  for (const [platform, up] of Object.entries(beat.platforms)) if (!up) problems.push(`${platform} is not connected`);
  if (beat.outboxDueSince !== null && beat.at - beat.outboxDueSince > OUTBOX_STUCK_MS) {
    problems.push(`outbox stuck: a message has waited ${Math.round((beat.at - beat.outboxDueSince) / 60_000)} min to go`);
  }
  return problems;
}
