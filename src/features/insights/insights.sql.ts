import type { Db } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

const sec = (ms: number) => Math.floor(ms / 1000);

/** Read-only queries behind /stats, /heatmap, /layers and the dashboard. */
export class InsightsRepo {
  private readonly byUserStmt;
  private readonly pairsStmt;
  private readonly joinedStmt;
  private readonly leftStmt;
  private readonly presentStmt;
  private readonly cohortStmt;
  private readonly activeAfterStmt;
  private readonly checkinsStmt;
  private readonly eventsStmt;
  private readonly invitesStmt;

  constructor(db: Db) {
    this.byUserStmt = db.prepare(`SELECT a.user_id AS userId, COALESCE(m.name, a.user_id) AS name, SUM(a.count) AS n FROM activity a
      LEFT JOIN members m ON m.platform = a.platform AND m.group_id = a.group_id AND m.user_id = a.user_id
      WHERE a.platform = ? AND a.group_id = ? AND a.hour > ? - 3600 AND a.hour <= ? GROUP BY a.user_id ORDER BY n DESC, a.user_id`);
    // Windows are read by hour bucket: the bucket holding `from` and the one holding `to` count.
    this.pairsStmt = db.prepare(`SELECT user_id AS userId, hour FROM activity WHERE platform = ? AND group_id = ? AND hour > ? - 3600 AND hour <= ? GROUP BY user_id, hour`);
    this.joinedStmt = db.prepare('SELECT COUNT(*) FROM members WHERE platform = ? AND group_id = ? AND joined_at >= ? AND joined_at < ?');
    this.leftStmt = db.prepare('SELECT COUNT(*) FROM members WHERE platform = ? AND group_id = ? AND left_at >= ? AND left_at < ?');
    this.presentStmt = db.prepare(`SELECT user_id AS userId, name, role, platform_role AS platformRole, trusted, joined_at AS joinedAt, first_seen AS firstSeen
      FROM members WHERE platform = ? AND group_id = ? AND left_at IS NULL ORDER BY first_seen, user_id`);
    this.cohortStmt = db.prepare(`SELECT user_id AS userId, joined_at AS joinedAt FROM members WHERE platform = ? AND group_id = ? AND joined_at >= ? AND joined_at < ?`);
    // An hour bucket counts when it ends after the moment (a message in the same hour counts).
    this.activeAfterStmt = db.prepare('SELECT 1 FROM activity WHERE platform = ? AND group_id = ? AND user_id = ? AND hour + 3600 > ? LIMIT 1');
    this.checkinsStmt = db.prepare('SELECT user_id AS userId, day FROM checkins WHERE platform = ? AND group_id = ? AND day >= ? AND day <= ?');
    this.eventsStmt = db.prepare(`SELECT COUNT(DISTINCT e.id) AS held, COALESCE(SUM(s.state = 'in'), 0) AS signedUp, COALESCE(SUM(s.state = 'in' AND s.attended = 1), 0) AS attended
      FROM events e LEFT JOIN event_signups s ON s.event_id = e.id WHERE e.platform = ? AND e.group_id = ? AND e.cancelled = 0 AND e.starts_at >= ? AND e.starts_at < ?`);
    this.invitesStmt = db.prepare(`SELECT i.user_id AS inviterId, COALESCE(i.name, m.inviter_id) AS name, COUNT(*) AS invited,
        SUM(CASE WHEN m.left_at IS NULL THEN 1 ELSE 0 END) AS stayed,
        SUM(CASE WHEN m.left_at IS NULL AND EXISTS (SELECT 1 FROM activity a WHERE a.platform = m.platform AND a.group_id = m.group_id
          AND a.user_id = m.user_id AND a.hour + 3600 > m.joined_at / 1000) THEN 1 ELSE 0 END) AS active
      FROM members m LEFT JOIN members i ON i.platform = m.platform AND i.group_id = m.group_id AND i.user_id = m.inviter_id
      WHERE m.platform = ? AND m.group_id = ? AND m.inviter_id IS NOT NULL AND m.joined_at IS NOT NULL
      GROUP BY m.inviter_id ORDER BY active DESC, stayed DESC, invited DESC LIMIT ?`);
  }

  messagesByUser(g: GroupRef, from: number, to: number): { userId: string; name: string; n: number }[] {
    return this.byUserStmt.all(g.platform, g.groupId, sec(from), sec(to)) as never;
  }

  /** Every (member, UTC hour) with activity in [from, to): the raw material for days and layers. */
  activeHours(g: GroupRef, from: number, to: number): { userId: string; hour: number }[] {
    return this.pairsStmt.all(g.platform, g.groupId, sec(from), sec(to)) as never;
  }

  joined(g: GroupRef, from: number, to: number): number {
    return this.joinedStmt.pluck().get(g.platform, g.groupId, from, to) as number;
  }

  left(g: GroupRef, from: number, to: number): number {
    return this.leftStmt.pluck().get(g.platform, g.groupId, from, to) as number;
  }

  present(g: GroupRef): { userId: string; name: string; role: string | null; platformRole: string | null; trusted: number; joinedAt: number | null; firstSeen: number }[] {
    return this.presentStmt.all(g.platform, g.groupId) as never;
  }

  cohort(g: GroupRef, from: number, to: number): { userId: string; joinedAt: number }[] {
    return this.cohortStmt.all(g.platform, g.groupId, from, to) as never;
  }

  /** Was the member active at or after this moment? (Reads the ledger as written: flush first.) */
  activeSince(g: GroupRef, userId: string, since: number): boolean {
    return this.activeAfterStmt.get(g.platform, g.groupId, userId, sec(since)) !== undefined;
  }

  /** Events that began in [from, to): how many, how many signed up for them and how many came (by code). */
  events(g: GroupRef, from: number, to: number): { held: number; signedUp: number; attended: number } {
    return this.eventsStmt.get(g.platform, g.groupId, from, to) as never;
  }

  checkins(g: GroupRef, fromDay: string, toDay: string): { userId: string; day: string }[] {
    return this.checkinsStmt.all(g.platform, g.groupId, fromDay, toDay) as never;
  }

  invites(g: GroupRef, limit = 10): { inviterId: string; name: string; invited: number; stayed: number; active: number }[] {
    return this.invitesStmt.all(g.platform, g.groupId, limit) as never;
  }
}
