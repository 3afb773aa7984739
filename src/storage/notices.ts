import type { Db } from './db.js';
import type { GroupRef } from './groups.js';

/** Remembers what the owner was already told, so a standing problem is reported once. */
export class NoticesRepo {
  private readonly insert;
  private readonly clearStmt;
  private readonly atStmt;
  private readonly forgetStmt;
  private readonly renew;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT OR IGNORE INTO notices (platform, group_id, key, at) VALUES (?, ?, ?, ?)');
    this.clearStmt = db.prepare('DELETE FROM notices WHERE platform = ? AND group_id = ? AND key LIKE ?');
    this.atStmt = db.prepare('SELECT at FROM notices WHERE platform = ? AND group_id = ? AND key = ?');
    this.forgetStmt = db.prepare('DELETE FROM notices WHERE platform = ? AND group_id = ? AND key = ?');
    this.renew = db.prepare(
      'INSERT INTO notices (platform, group_id, key, at) VALUES (?, ?, ?, ?) ON CONFLICT (platform, group_id, key) DO UPDATE SET at = excluded.at WHERE notices.at <= ?',
    );
  }

  /** True the first time this key is noted for the group. */
  firstTime(g: GroupRef, key: string, at: number): boolean {
    return this.insert.run(g.platform, g.groupId, key, at).changes > 0;
  }

  /** When the notice was given, if it was. */
  at(g: GroupRef, key: string): number | undefined {
    return this.atStmt.pluck().get(g.platform, g.groupId, key) as number | undefined;
  }

  /** True, and noted, when the key was never noted for the group or last noted `everyMs` ago or longer. */
  due(g: GroupRef, key: string, at: number, everyMs: number): boolean {
    return this.renew.run(g.platform, g.groupId, key, at, at - everyMs).changes > 0;
  }

  /** Forgets one notice (exactly this key: a member id may hold LIKE's wildcards, or prefix another). */
  forget(g: GroupRef, key: string): void {
    this.forgetStmt.run(g.platform, g.groupId, key);
  }

  /** Forgets notices whose key starts with the prefix (the problem went away). */
  clear(g: GroupRef, prefix: string): void {
    this.clearStmt.run(g.platform, g.groupId, `${prefix}%`);
  }
}
