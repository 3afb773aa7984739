import type { Db } from './db.js';
import type { GroupRef } from './groups.js';

export interface ActionLogEntry {
  at: number;
  action: string;
  userId: string | null;
  reason: string | null;
  outcome: string;
}

/** What the bot did to members and why, for /log and the dashboard. */
export class ActionLogRepo {
  private readonly insert;
  private readonly recentStmt;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO action_log (platform, group_id, at, action, user_id, reason, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.recentStmt = db.prepare(`SELECT at, action, user_id AS userId, reason, outcome FROM action_log
      WHERE platform = ? AND group_id = ? ORDER BY at DESC, id DESC LIMIT ?`);
  }

  add(g: GroupRef, at: number, action: string, userId: string | undefined, reason: string | undefined, outcome: string): void {
    this.insert.run(g.platform, g.groupId, at, action, userId ?? null, reason ?? null, outcome);
  }

  recent(g: GroupRef, limit = 20): ActionLogEntry[] {
    return this.recentStmt.all(g.platform, g.groupId, limit) as ActionLogEntry[];
  }
}
