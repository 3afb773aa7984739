import { type Db, nextIdOf } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export interface StrikeRow {
  id: number;
  platform: string;
  groupId: string;
  userId: string;
  userName: string;
  rule: string;
  reason: string;
  at: number;
  expiresAt: number;
  step: string;
  byUser: string | null;
  messageId: string | null;
  messageText: string | null;
  revokedAt: number | null;
}

export type NewStrike = Omit<StrikeRow, 'id' | 'byUser' | 'messageId' | 'messageText' | 'revokedAt'> & {
  byUser?: string;
  messageId?: string;
  messageText?: string;
};

const COLUMNS = `id, platform, group_id AS groupId, user_id AS userId, user_name AS userName, rule, reason, at,
  expires_at AS expiresAt, step, by_user AS byUser, message_id AS messageId, message_text AS messageText, revoked_at AS revokedAt`;

export interface AppealRow {
  id: number;
  strikeId: number;
  state: 'open' | 'accepted' | 'rejected';
}

/** The strike ledger and its appeals. */
export class StrikesRepo {
  private readonly insertStmt;
  private readonly activeStmt;
  private readonly byIdStmt;
  private readonly revokeStmt;
  private readonly insertAppeal;
  private readonly appealStmt;
  private readonly decideStmt;
  private readonly openAppealStmt;
  readonly nextAppealId: () => number;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO strikes (platform, group_id, user_id, user_name, rule, reason, at, expires_at, step, by_user, message_id, message_text)
      VALUES (@platform, @groupId, @userId, @userName, @rule, @reason, @at, @expiresAt, @step, @byUser, @messageId, @messageText)`);
    this.activeStmt = db.prepare(`SELECT ${COLUMNS} FROM strikes WHERE platform = ? AND group_id = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?
      ORDER BY at, id`);
    this.byIdStmt = db.prepare(`SELECT ${COLUMNS} FROM strikes WHERE id = ?`);
    this.revokeStmt = db.prepare('UPDATE strikes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.insertAppeal = db.prepare('INSERT INTO appeals (id, strike_id, at) VALUES (?, ?, ?)');
    this.nextAppealId = nextIdOf(db, 'appeals');
    this.appealStmt = db.prepare('SELECT id, strike_id AS strikeId, state FROM appeals WHERE id = ?');
    this.decideStmt = db.prepare("UPDATE appeals SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'open'");
    this.openAppealStmt = db.prepare("SELECT id, strike_id AS strikeId, state FROM appeals WHERE strike_id = ? AND state = 'open'");
  }

  add(s: NewStrike): number {
    return Number(this.insertStmt.run({ byUser: null, messageId: null, messageText: null, ...s }).lastInsertRowid);
  }

  /** Strikes that still count: not expired, not revoked, oldest first. */
  active(g: GroupRef, userId: string, now: number): StrikeRow[] {
    return this.activeStmt.all(g.platform, g.groupId, userId, now) as StrikeRow[];
  }

  get(id: number): StrikeRow | undefined {
    return this.byIdStmt.get(id) as StrikeRow | undefined;
  }

  revoke(id: number, at: number): boolean {
    return this.revokeStmt.run(at, id).changes > 0;
  }

  /** The appeal against a strike still waiting for the owner, if there is one. */
  openAppeal(strikeId: number): AppealRow | undefined {
    return this.openAppealStmt.get(strikeId) as AppealRow | undefined;
  }

  addAppeal(id: number, strikeId: number, at: number): void {
    this.insertAppeal.run(id, strikeId, at);
  }

  getAppeal(id: number): AppealRow | undefined {
    return this.appealStmt.get(id) as AppealRow | undefined;
  }

  /** Decides an open appeal; false when someone decided it already. */
  decide(id: number, state: 'accepted' | 'rejected', by: string, at: number): boolean {
    return this.decideStmt.run(state, by, at, id).changes > 0;
  }
}
