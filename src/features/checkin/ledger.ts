// Why points moved, as the ledger keeps it: written and read here, stored as an opaque string.

export type LedgerReason =
  | { kind: 'checkin'; day: string; milestone?: number }
  | { kind: 'makeup'; day: string }
  | { kind: 'redeem'; reward: string }
  /** An admin's /points give|take, with what they typed. */
  | { kind: 'grant'; note: string };

export function encodeReason(r: LedgerReason): string {
  switch (r.kind) {
    case 'checkin':
      return r.milestone ? `checkin:${r.day}:milestone:${r.milestone}` : `checkin:${r.day}`;
    case 'makeup':
      return `makeup:${r.day}`;
    case 'redeem':
      return `redeem:${r.reward}`;
    case 'grant':
      return r.note;
  }
}

/** The reason behind a stored string; anything not written by encodeReason is an admin's note. */
export function decodeReason(stored: string): LedgerReason {
  const [kind, ...rest] = stored.split(':');
  if (kind === 'checkin' && rest[0]) return rest[1] === 'milestone' ? { kind, day: rest[0], milestone: Number(rest[2]) } : { kind, day: rest[0] };
  if (kind === 'makeup' && rest[0]) return { kind, day: rest[0] };
  if (kind === 'redeem' && rest.length) return { kind, reward: rest.join(':') };
  return { kind: 'grant', note: stored };
}
