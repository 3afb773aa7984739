import type { Action } from '../engine/actions.js';
import type { Db } from './db.js';
import { fnv1a } from '../text/fnv.js';

/** One platform call still to make, as stored. */
export interface OutboxRow {
  id: number;
  platform: string;
  lane: string;
  groupId: string;
  action: Action;
  createdAt: number;
  expiresAt: number | null;
  notBefore: number;
  attempts: number;
  failingSince: number | null;
  jobId: number | null;
}

export interface NewOutboxRow {
  platform: string;
  lane: string;
  groupId: string;
  action: Action;
  createdAt: number;
  expiresAt?: number;
  jobId?: number;
}

export interface LaneRef {
  platform: string;
  lane: string;
}

type RawRow = Omit<OutboxRow, 'action'> & { action: string };

/** A mute's end is a Date in the action and an ISO string in JSON. */
function decode(json: string): Action {
  const action = JSON.parse(json) as Action;
  if (action.type === 'mute') action.until = new Date(action.until);
  return action;
}

const COLUMNS = `id, platform, lane, group_id AS groupId, action, created_at AS createdAt, expires_at AS expiresAt,
  not_before AS notBefore, attempts, failing_since AS failingSince, job_id AS jobId`;

/** The durable outbox's SQL: rows in, the head of a lane out, done rows deleted. */
export class OutboxRepo {
  private readonly insertStmt;
  private readonly headStmt;
  private readonly deleteStmt;
  private readonly failStmt;
  private readonly lanesStmt;
  private readonly dueSinceStmt;
  private readonly laneStmt;
  private readonly dropLaneStmt;
  private readonly jobLeftStmt;
  private readonly countStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO outbox (platform, lane, group_id, action, created_at, expires_at, not_before, job_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.headStmt = db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE platform = ? AND lane = ? ORDER BY id LIMIT 1`);
    this.deleteStmt = db.prepare('DELETE FROM outbox WHERE id = ?');
    this.failStmt = db.prepare(`UPDATE outbox SET attempts = attempts + 1, failing_since = COALESCE(failing_since, ?), not_before = ?,
      last_error = ? WHERE id = ?`);
    // Lanes whose first row may go now. Only pending rows are kept, so this reads little.
    this.lanesStmt = db.prepare('SELECT DISTINCT platform, lane FROM outbox');
    // Only a lane's head may go (order per chat): the earliest time a head was free to go.
    this.dueSinceStmt = db
      .prepare('SELECT MIN(o.not_before) FROM outbox o JOIN (SELECT MIN(id) AS id FROM outbox GROUP BY platform, lane) h ON o.id = h.id WHERE o.not_before <= ?')
      .pluck();
    this.laneStmt = db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE platform = ? AND lane = ? ORDER BY id`);
    this.dropLaneStmt = db.prepare('DELETE FROM outbox WHERE platform = ? AND lane = ?');
    this.jobLeftStmt = db.prepare('SELECT 1 FROM outbox WHERE job_id = ? LIMIT 1').pluck();
    this.countStmt = db.prepare('SELECT COUNT(*) FROM outbox').pluck();
  }

  add(row: NewOutboxRow): void {
    this.insertStmt.run(row.platform, row.lane, row.groupId, JSON.stringify(row.action), row.createdAt, row.expiresAt ?? null, row.createdAt, row.jobId ?? null);
  }

  head(lane: LaneRef): OutboxRow | undefined {
    const raw = this.headStmt.get(lane.platform, lane.lane) as RawRow | undefined;
    return raw && { ...raw, action: decode(raw.action) };
  }

  done(id: number): void {
    this.deleteStmt.run(id);
  }

  failed(id: number, at: number, retryAt: number, error: string): void {
    this.failStmt.run(at, retryAt, error.slice(0, 500), id);
  }

  /** Every lane with rows (at start-up: what a restart left). */
  /** Since when the longest-waiting lane head has been free to go (null: none is). */
  dueSince(now: number): number | null {
    return (this.dueSinceStmt.get(now) as number | null) ?? null;
  }

  lanes(): LaneRef[] {
    return this.lanesStmt.all() as LaneRef[];
  }

  /** Removes every row of a lane (a chat that refused messages for hours); returns them. */
  dropLane(lane: LaneRef): OutboxRow[] {
    const rows = (this.laneStmt.all(lane.platform, lane.lane) as RawRow[]).map((r) => ({ ...r, action: decode(r.action) }));
    this.dropLaneStmt.run(lane.platform, lane.lane);
    return rows;
  }

  /** True while some row of the job is still to go. */
  jobPending(jobId: number): boolean {
    return this.jobLeftStmt.get(jobId) !== undefined;
  }

  get size(): number {
    return this.countStmt.get() as number;
  }
}

/** A 32-bit fingerprint for the in-memory index of handled ids; the separators keep ("ab", "c") and ("a", "bc") apart. */
const fingerprint = (platform: string, key: string): number => fnv1a(`${platform}\u0000${key}\u0000`);

/** Bits of the in-memory index: 1 MB, whatever the table holds (a Set of 200,000 numbers was 6). */
const INDEX_BITS = 23;
/** An id's bit: the fingerprint's top bits. */
const bitOf = (platform: string, key: string): number => fingerprint(platform, key) >>> (32 - INDEX_BITS);

/**
 * Platform event ids already handled (idempotency across restarts), pruned by age and count.
 * One bit per fingerprint of a stored id is kept in memory, so the usual answer ("never seen")
 * costs no query; a set bit is confirmed in SQLite (a pruned id's bit, or another id's: ~2% at
 * the 100,000 rows kept).
 */
export class HandledEventsRepo {
  private readonly insertStmt;
  private readonly seenStmt;
  private readonly pruneStmt;
  private readonly allStmt;
  private readonly countStmt;
  private readonly bits = new Uint8Array(1 << (INDEX_BITS - 3));
  /** Bits set since the index was last built: pruned ids keep theirs until it is built again. */
  private marked = 0;
  /** Rows in the table. */
  private rows = 0;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT OR IGNORE INTO handled_events (platform, key, at) VALUES (?, ?, ?)');
    this.seenStmt = db.prepare('SELECT 1 FROM handled_events WHERE platform = ? AND key = ?').pluck();
    // The oldest first, a bounded batch at a time (WITHOUT ROWID: by primary key, through the index on at).
    this.pruneStmt = db.prepare(`DELETE FROM handled_events WHERE (platform, key) IN
      (SELECT platform, key FROM handled_events WHERE at < @before ORDER BY at LIMIT @limit)`);
    this.countStmt = db.prepare('SELECT COUNT(*) FROM handled_events').pluck();
    this.allStmt = db.prepare('SELECT platform, key FROM handled_events').raw();
    this.reindex();
    this.rows = this.countStmt.get() as number;
  }

  /** The table is bounded by prune(), so reading it whole stays cheap. */
  private reindex(): void {
    this.bits.fill(0);
    this.marked = 0;
    for (const [platform, key] of this.allStmt.iterate() as Iterable<[string, string]>) this.mark(platform, key);
  }

  private mark(platform: string, key: string): void {
    const bit = bitOf(platform, key);
    this.bits[bit >>> 3]! |= 1 << (bit & 7);
    this.marked++;
  }

  private marks(platform: string, key: string): boolean {
    const bit = bitOf(platform, key);
    return (this.bits[bit >>> 3]! & (1 << (bit & 7))) !== 0;
  }

  seen(platform: string, key: string): boolean {
    return this.marks(platform, key) && this.seenStmt.get(platform, key) !== undefined;
  }

  add(platform: string, key: string, at: number): void {
    this.rows += this.insertStmt.run(platform, key, at).changes;
    this.mark(platform, key);
  }

  /**
   * Forgets ids older than `olderThan`, and the oldest beyond `keep` rows, at most `batch` of them:
   * called every tick, it never holds the event loop for long (a burst is worked off over a few
   * ticks).
   */
  prune(olderThan: number, keep: number, batch = 1000): number {
    let removed = this.pruneStmt.run({ before: olderThan, limit: batch }).changes;
    if (this.rows - removed > keep) removed += this.pruneStmt.run({ before: Number.MAX_SAFE_INTEGER, limit: Math.min(batch, this.rows - removed - keep) }).changes;
    this.rows -= removed;
    // Bits of pruned rows only cost a confirming query; rebuild once they outnumber the rows.
    if (this.marked > 2 * Math.max(keep, this.rows)) this.reindex();
    return removed;
  }
}
