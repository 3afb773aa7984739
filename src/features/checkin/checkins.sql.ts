import { addDays } from '../../time/calendar.js';
import type { Db } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export interface MemberFigures {
  userId: string;
  name: string;
  total: number;
  streak: number;
  longest: number;
  lastDay: string | null;
  points: number;
}

const FIGURES = 'user_id AS userId, name, total, streak, longest, last_day AS lastDay, points';

/**
 * Check-ins and each member's check-in figures (total, streak, longest, last day); the points
 * column beside them is the points repository's. SQL only: what a check-in means is decided in
 * src/features/checkin. The (member, local day) primary key makes a check-in count once, whatever
 * arrives twice.
 */
export class CheckinsRepo {
  private readonly insertStmt;
  private readonly seqStmt;
  private readonly figuresStmt;
  private readonly ensureFigures;
  private readonly updateFigures;
  private readonly dayStmt;
  private readonly daysDescStmt;
  private readonly lastPlaceStmt;
  private readonly existsStmt;
  private readonly boardStmts;
  private readonly rankStmts;
  private readonly weekStmt;
  private readonly weekRankStmt;
  private readonly lapsedStmt;
  private readonly notYetStmt;
  private readonly notYetCountStmt;

  constructor(db: Db) {
    // A streak still alive: checked in yesterday, not yet today.
    this.lapsedStmt = db.prepare(`SELECT e.user_id AS userId, e.name FROM engagement e
      JOIN members m ON m.platform = e.platform AND m.group_id = e.group_id AND m.user_id = e.user_id
      WHERE e.platform = ? AND e.group_id = ? AND e.last_day = ? AND m.left_at IS NULL
      ORDER BY e.streak DESC, e.user_id LIMIT ?`);
    this.notYetStmt = db.prepare(`SELECT m.user_id AS userId, m.name FROM members m
      WHERE m.platform = @platform AND m.group_id = @groupId AND m.left_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.platform = m.platform AND c.group_id = m.group_id AND c.user_id = m.user_id AND c.day = @day)
      ORDER BY m.first_seen, m.user_id LIMIT @limit`);
    this.notYetCountStmt = db.prepare(`SELECT COUNT(*) FROM members m
      WHERE m.platform = @platform AND m.group_id = @groupId AND m.left_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.platform = m.platform AND c.group_id = m.group_id AND c.user_id = m.user_id AND c.day = @day)`).pluck();
    this.insertStmt = db.prepare(`INSERT OR IGNORE INTO checkins (platform, group_id, user_id, day, at, seq, note, made_up)
      VALUES (@platform, @groupId, @userId, @day, @at, @seq, @note, @madeUp)`);
    this.seqStmt = db.prepare('SELECT seq FROM checkins WHERE platform = ? AND group_id = ? AND user_id = ? AND day = ?').pluck();
    // The last place of the day, from the end of the by-day index: no count over the day's rows.
    this.lastPlaceStmt = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM checkins WHERE platform = ? AND group_id = ? AND day = ?').pluck();
    this.existsStmt = db.prepare('SELECT 1 FROM checkins WHERE platform = ? AND group_id = ? AND user_id = ? AND day = ?');
    this.figuresStmt = db.prepare(`SELECT ${FIGURES} FROM engagement WHERE platform = ? AND group_id = ? AND user_id = ?`);
    this.ensureFigures = db.prepare(`INSERT INTO engagement (platform, group_id, user_id, name) VALUES (?, ?, ?, ?)
      ON CONFLICT (platform, group_id, user_id) DO UPDATE SET name = excluded.name`);
    this.updateFigures = db.prepare(`UPDATE engagement SET total = total + @totalDelta, streak = @streak, longest = MAX(longest, @run),
      last_day = @lastDay WHERE platform = @platform AND group_id = @groupId AND user_id = @userId`);
    this.dayStmt = db.prepare(`SELECT c.user_id AS userId, COALESCE(e.name, c.user_id) AS name, c.seq, c.at, c.note FROM checkins c
      LEFT JOIN engagement e ON e.platform = c.platform AND e.group_id = c.group_id AND e.user_id = c.user_id
      WHERE c.platform = ? AND c.group_id = ? AND c.day = ? ORDER BY c.seq`);
    this.daysDescStmt = db.prepare('SELECT day FROM checkins WHERE platform = ? AND group_id = ? AND user_id = ? ORDER BY day DESC LIMIT 3700');
    // Boards list members still in the group: one who left, or was removed, is off them.
    const present = (t: string) => `NOT EXISTS (SELECT 1 FROM members m WHERE m.platform = ${t}.platform AND m.group_id = ${t}.group_id AND m.user_id = ${t}.user_id AND m.left_at IS NOT NULL)`;
    const board = (col: string) =>
      db.prepare(`SELECT ${FIGURES} FROM engagement e WHERE platform = ? AND group_id = ? AND ${col} > 0 AND ${present('e')} ORDER BY ${col} DESC, last_day ASC, user_id LIMIT ?`);
    const rank = (col: string) =>
      db.prepare(`SELECT COUNT(*) + 1 FROM engagement e WHERE platform = ? AND group_id = ? AND ${present('e')}
        AND ${col} > (SELECT ${col} FROM engagement WHERE platform = ? AND group_id = ? AND user_id = ?)`);
    this.boardStmts = { points: board('points'), streak: board('streak'), total: board('total') };
    this.rankStmts = { points: rank('points'), streak: rank('streak'), total: rank('total') };
    this.weekStmt = db.prepare(`SELECT c.user_id AS userId, COALESCE(e.name, c.user_id) AS name, COUNT(*) AS n FROM checkins c
      LEFT JOIN engagement e ON e.platform = c.platform AND e.group_id = c.group_id AND e.user_id = c.user_id
      WHERE c.platform = ? AND c.group_id = ? AND c.day BETWEEN ? AND ? AND ${present('c')} GROUP BY c.user_id ORDER BY n DESC, MIN(c.at) ASC LIMIT ?`);
    this.weekRankStmt = db.prepare(`WITH w AS (SELECT user_id, COUNT(*) AS n FROM checkins c WHERE platform = ? AND group_id = ? AND day BETWEEN ? AND ? AND ${present('c')} GROUP BY user_id)
      SELECT (SELECT COUNT(*) + 1 FROM w WHERE n > (SELECT n FROM w WHERE user_id = ?)) AS rank, (SELECT n FROM w WHERE user_id = ?) AS n`);
  }

  figures(g: GroupRef, userId: string): MemberFigures | undefined {
    return this.figuresStmt.get(g.platform, g.groupId, userId) as MemberFigures | undefined;
  }

  /** The member's figures row, created empty if it is not there yet (the name kept current). */
  ensureMember(g: GroupRef, userId: string, name: string): void {
    this.ensureFigures.run(g.platform, g.groupId, userId, name);
  }

  /** Records a check-in day at its place of the day; false when that day was on record already. */
  insertDay(g: GroupRef, c: { userId: string; day: string; at: number; seq: number; note: string | undefined; madeUp: boolean }): boolean {
    return this.insertStmt.run({ ...g, userId: c.userId, day: c.day, at: c.at, seq: c.seq, note: c.note ?? null, madeUp: c.madeUp ? 1 : 0 }).changes > 0;
  }

  /** The order of a member's check-in on a day (1 = first); undefined when they have none that day. */
  seq(g: GroupRef, userId: string, day: string): number | undefined {
    return this.seqStmt.get(g.platform, g.groupId, userId, day) as number | undefined;
  }

  /** The last place taken on a day (0 when nobody checked in yet). */
  lastPlace(g: GroupRef, day: string): number {
    return this.lastPlaceStmt.get(g.platform, g.groupId, day) as number;
  }

  /** Adds to the total and sets the streak and last day; the longest follows `run`. */
  setFigures(g: GroupRef, userId: string, f: { totalDelta: number; streak: number; run: number; lastDay: string | null }): void {
    this.updateFigures.run({ ...g, userId, ...f });
  }

  /** The member's check-in days, newest first (up to ten years). */
  daysDesc(g: GroupRef, userId: string): string[] {
    return this.daysDescStmt.pluck().all(g.platform, g.groupId, userId) as string[];
  }

  has(g: GroupRef, userId: string, day: string): boolean {
    return this.existsStmt.get(g.platform, g.groupId, userId, day) !== undefined;
  }

  /** Members whose streak is alive but who have not checked in on `day` yet (they checked in the day before). */
  lapsed(g: GroupRef, day: string, limit = 1000): { userId: string; name: string }[] {
    return this.lapsedStmt.all(g.platform, g.groupId, addDays(day, -1), limit) as never;
  }

  /** Members in the group now who have not checked in on `day`: the first `limit`, and how many in all. */
  notYet(g: GroupRef, day: string, limit = 50): { names: string[]; count: number } {
    const args = { platform: g.platform, groupId: g.groupId, day, limit };
    return { names: (this.notYetStmt.all(args) as { name: string }[]).map((r) => r.name), count: this.notYetCountStmt.get(args) as number };
  }

  day(g: GroupRef, day: string): { userId: string; name: string; seq: number; at: number; note: string | null }[] {
    return this.dayStmt.all(g.platform, g.groupId, day) as never;
  }

  board(g: GroupRef, by: 'points' | 'streak' | 'total', limit = 10): MemberFigures[] {
    return this.boardStmts[by].all(g.platform, g.groupId, limit) as MemberFigures[];
  }

  rank(g: GroupRef, userId: string, by: 'points' | 'streak' | 'total'): number {
    return this.rankStmts[by].pluck().get(g.platform, g.groupId, g.platform, g.groupId, userId) as number;
  }

  week(g: GroupRef, from: string, to: string, limit = 10): { userId: string; name: string; n: number }[] {
    return this.weekStmt.all(g.platform, g.groupId, from, to, limit) as never;
  }

  weekRank(g: GroupRef, userId: string, from: string, to: string): { rank: number; n: number | null } {
    return this.weekRankStmt.get(g.platform, g.groupId, from, to, userId, userId) as never;
  }
}
