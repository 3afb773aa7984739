import { type Db, nextIdOf } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export type BroadcastState = 'draft' | 'sending' | 'cancelled' | 'done';

export interface Broadcast {
  id: number;
  platform: string;
  groupId: string;
  familyId: number;
  byUser: string;
  text: string;
  state: BroadcastState;
}

export interface Target {
  groupId: string;
  dueAt: number;
}

export class BroadcastsRepo {
  private readonly addStmt;
  private readonly getStmt;
  private readonly stateStmt;
  private readonly targetStmt;
  private readonly targetsStmt;
  private readonly countStmt;
  private readonly lastStmt;
  readonly nextId: () => number;

  constructor(db: Db) {
    this.addStmt = db.prepare('INSERT INTO broadcasts (id, platform, group_id, family_id, by_user, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.getStmt = db.prepare('SELECT id, platform, group_id AS groupId, family_id AS familyId, by_user AS byUser, text, state FROM broadcasts WHERE id = ?');
    this.stateStmt = db.prepare('UPDATE broadcasts SET state = ? WHERE id = ?');
    this.targetStmt = db.prepare('INSERT OR REPLACE INTO broadcast_targets (broadcast_id, platform, group_id, due_at) VALUES (?, ?, ?, ?)');
    this.targetsStmt = db.prepare('SELECT group_id AS groupId, due_at AS dueAt FROM broadcast_targets WHERE broadcast_id = ? ORDER BY due_at, group_id');
    this.countStmt = db.prepare('SELECT COUNT(*) FROM broadcast_targets WHERE platform = ? AND due_at >= ? AND due_at < ?').pluck();
    this.lastStmt = db.prepare('SELECT MAX(due_at) FROM broadcast_targets WHERE platform = ?').pluck();
    this.nextId = nextIdOf(db, 'broadcasts');
  }

  add(g: GroupRef, b: Pick<Broadcast, 'id' | 'familyId' | 'byUser' | 'text'>, at: number): void {
    this.addStmt.run(b.id, g.platform, g.groupId, b.familyId, b.byUser, b.text, at);
  }

  get(id: number): Broadcast | undefined {
    return this.getStmt.get(id) as Broadcast | undefined;
  }

  setState(id: number, state: BroadcastState): void {
    this.stateStmt.run(state, id);
  }

  addTarget(id: number, platform: string, t: Target): void {
    this.targetStmt.run(id, platform, t.groupId, t.dueAt);
  }

  targets(id: number): Target[] {
    return this.targetsStmt.all(id) as Target[];
  }

  /** Groups the account is to post to (or posted to) in [from, to): what the daily cap counts. */
  countDue(platform: string, from: number, to: number): number {
    return this.countStmt.get(platform, from, to) as number;
  }

  /** The last post of any broadcast on the account: a new one queues behind it. */
  lastDue(platform: string): number | undefined {
    return (this.lastStmt.get(platform) as number | null) ?? undefined;
  }
}
