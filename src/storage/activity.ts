import type { MessageKind } from '../engine/events.js';
import type { Db } from './db.js';
import type { GroupRef } from './groups.js';

export interface HourCount {
  hour: number; // UTC hour start, seconds
  count: number;
}

interface Pending {
  platform: string;
  groupId: string;
  hour: number;
  userId: string;
  kind: string;
  n: number;
}

/** Most increments held before they are written, whatever the tick does. */
/**
 * Small enough that writing them stays short when they land all over a large table (10,000 groups:
 * 1,000 rows took 250–450 ms in the soak, once 2.2 s; 200 take under 100 ms); large enough that one
 * member's burst coalesces.
 */
const FLUSH_EVERY = 200;

/**
 * The per-member, per-hour message ledger that every statistic is computed from.
 *
 * Increments are coalesced in memory and written in one transaction when FLUSH_EVERY have
 * gathered, at every scheduler tick (each second in production), before any read, and at stop.
 * A message then costs a Map update instead of a commit, so counting never slows down message
 * handling; a hard kill can lose at most the last tick's counts, which statistics tolerate.
 * Check-ins, settings and jobs are never buffered like this.
 */
export class ActivityRepo {
  private readonly pending = new Map<string, Pending>();
  private increments = 0;
  private readonly bump;
  private readonly hourlyStmt;
  private readonly memberStmt;
  private readonly writeAll: (rows: Pending[]) => void;

  constructor(db: Db) {
    this.bump = db.prepare(`INSERT INTO activity (platform, group_id, hour, user_id, kind, count) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (platform, group_id, hour, user_id, kind) DO UPDATE SET count = count + excluded.count`);
    this.memberStmt = db.prepare('SELECT COALESCE(SUM(count), 0) FROM activity WHERE platform = ? AND group_id = ? AND user_id = ?').pluck();
    this.hourlyStmt = db.prepare(`SELECT hour, SUM(count) AS count FROM activity
      WHERE platform = ? AND group_id = ? AND hour >= ? AND hour < ? GROUP BY hour ORDER BY hour`);
    this.writeAll = db.transaction((rows: Pending[]) => {
      for (const r of rows) this.bump.run(r.platform, r.groupId, r.hour, r.userId, r.kind, r.n);
    });
  }

  record(g: GroupRef, userId: string, at: Date, kind: MessageKind): void {
    const hour = Math.floor(at.getTime() / 3_600_000) * 3600;
    if (!Number.isFinite(hour)) return; // never buffer a row that cannot be written
    const key = `${g.platform}\u0000${g.groupId}\u0000${hour}\u0000${userId}\u0000${kind}`;
    const p = this.pending.get(key);
    if (p) p.n++;
    else this.pending.set(key, { platform: g.platform, groupId: g.groupId, hour, userId, kind, n: 1 });
    if (++this.increments >= FLUSH_EVERY) this.flush();
  }

  /** Rows a flush could not write, since last asked (the caller logs them). */
  private dropped = 0;

  /**
   * Writes what is buffered, in one transaction; cheap when nothing is. Never throws: if the batch
   * fails, each row is tried alone and only a row that still fails is dropped (and counted).
   */
  flush(): void {
    if (!this.pending.size) return;
    const rows = [...this.pending.values()];
    try {
      this.writeAll(rows);
      this.written += rows.length;
    } catch {
      for (const r of rows) {
        try {
          this.bump.run(r.platform, r.groupId, r.hour, r.userId, r.kind, r.n);
          this.written++;
        } catch {
          this.dropped++;
        }
      }
    }
    this.pending.clear();
    this.increments = 0;
  }

  /** Rows flushes wrote so far (a decision that reads the ledger flushes it: bookkeeping, not the decision's write). */
  written = 0;

  /** Rows waiting in memory for the next flush. */
  get buffered(): number {
    return this.pending.size;
  }

  /** How many rows flushes dropped since the last call. */
  takeDropped(): number {
    const n = this.dropped;
    this.dropped = 0;
    return n;
  }

  /** Every message the member has sent in the group, the one being handled included. */
  memberMessages(g: GroupRef, userId: string): number {
    this.flush();
    return this.memberStmt.get(g.platform, g.groupId, userId) as number;
  }

  /** Messages per UTC hour in [from, to). */
  hourly(g: GroupRef, from: Date, to: Date): HourCount[] {
    this.flush();
    return this.hourlyStmt.all(g.platform, g.groupId, Math.floor(from.getTime() / 1000), Math.floor(to.getTime() / 1000)) as HourCount[];
  }
}
