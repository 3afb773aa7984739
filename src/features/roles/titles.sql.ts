import type { Db } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export interface Titled {
  userId: string;
  name: string;
  title: string;
}

export class TitlesRepo {
  private readonly setStmt;
  private readonly removeStmt;
  private readonly allStmt;

  constructor(db: Db) {
    this.setStmt = db.prepare(
      'INSERT INTO member_titles (platform, group_id, user_id, name, title, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (platform, group_id, user_id) DO UPDATE SET name = excluded.name, title = excluded.title, at = excluded.at',
    );
    this.removeStmt = db.prepare('DELETE FROM member_titles WHERE platform = ? AND group_id = ? AND user_id = ?');
    this.allStmt = db.prepare('SELECT user_id AS userId, name, title FROM member_titles WHERE platform = ? AND group_id = ? ORDER BY at, user_id');
  }

  set(g: GroupRef, t: Titled, at: number): void {
    this.setStmt.run(g.platform, g.groupId, t.userId, t.name, t.title, at);
  }

  remove(g: GroupRef, userId: string): void {
    this.removeStmt.run(g.platform, g.groupId, userId);
  }

  all(g: GroupRef): Titled[] {
    return this.allStmt.all(g.platform, g.groupId) as Titled[];
  }
}
