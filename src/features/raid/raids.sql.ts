import { type Db, nextIdOf } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export interface Raid {
  id: number;
  startedAt: number;
  by: 'joins' | 'owner';
  joins: number;
  lastJoinAt: number;
  /** The settings the raid changed, as they were before it (by key). */
  saved: Record<string, unknown>;
}

export class RaidsRepo {
  private readonly startStmt;
  private readonly openStmt;
  private readonly joinedStmt;
  private readonly endStmt;
  readonly nextId: () => number;

  constructor(db: Db) {
    this.startStmt = db.prepare('INSERT INTO raids (id, platform, group_id, started_at, by, joins, last_join_at, saved) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.openStmt = db.prepare(
      'SELECT id, started_at AS startedAt, by, joins, last_join_at AS lastJoinAt, saved FROM raids WHERE platform = ? AND group_id = ? AND ended_at IS NULL',
    );
    this.joinedStmt = db.prepare('UPDATE raids SET joins = joins + ?, last_join_at = MAX(last_join_at, ?) WHERE id = ?');
    this.endStmt = db.prepare('UPDATE raids SET ended_at = ? WHERE id = ? AND ended_at IS NULL');
    this.nextId = nextIdOf(db, 'raids');
  }

  start(g: GroupRef, r: Raid): void {
    this.startStmt.run(r.id, g.platform, g.groupId, r.startedAt, r.by, r.joins, r.lastJoinAt, JSON.stringify(r.saved));
  }

  /** The group's raid going on now, if any. */
  open(g: GroupRef): Raid | undefined {
    const row = this.openStmt.get(g.platform, g.groupId) as (Omit<Raid, 'saved'> & { saved: string }) | undefined;
    return row && { ...row, saved: JSON.parse(row.saved) as Record<string, unknown> };
  }

  joined(id: number, n: number, at: number): void {
    this.joinedStmt.run(n, at, id);
  }

  end(id: number, at: number): void {
    this.endStmt.run(at, id);
  }
}
