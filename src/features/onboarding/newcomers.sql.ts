import type { Db } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export type NewcomerStage = 'verify' | 'welcome' | 'intro' | 'done';

export interface NewcomerRow {
  userId: string;
  name: string;
  inviterName: string | null;
  joinedAt: number;
  stage: NewcomerStage;
  attempts: number;
  heldNotice: number;
  introReminded: number;
}

const COLUMNS = `user_id AS userId, name, inviter_name AS inviterName, joined_at AS joinedAt, stage, attempts,
  held_notice AS heldNotice, intro_reminded AS introReminded`;

/** Newcomers on their way through the entry ritual. */
export class NewcomersRepo {
  private readonly upsert;
  private readonly getStmt;
  private readonly stageStmt;
  private readonly attemptStmt;
  private readonly heldStmt;
  private readonly remindedStmt;
  private readonly inStageStmt;
  /** Newcomers still on their way in: every other member's message skips the lookup (hot path). */
  private readonly onTheirWay = new Set<string>();

  constructor(db: Db) {
    for (const r of db.prepare("SELECT platform, group_id AS g, user_id AS u FROM newcomers WHERE stage <> 'done'").all() as { platform: string; g: string; u: string }[]) {
      this.onTheirWay.add(`${r.platform}\u0000${r.g}\u0000${r.u}`);
    }
    this.upsert = db.prepare(`INSERT INTO newcomers (platform, group_id, user_id, name, inviter_name, joined_at, stage) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (platform, group_id, user_id) DO UPDATE SET name = excluded.name, inviter_name = excluded.inviter_name,
        joined_at = excluded.joined_at, stage = excluded.stage, attempts = 0, held_notice = 0, intro_reminded = 0`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM newcomers WHERE platform = ? AND group_id = ? AND user_id = ?`);
    this.stageStmt = db.prepare('UPDATE newcomers SET stage = ? WHERE platform = ? AND group_id = ? AND user_id = ?');
    this.attemptStmt = db.prepare('UPDATE newcomers SET attempts = attempts + 1 WHERE platform = ? AND group_id = ? AND user_id = ? RETURNING attempts');
    this.heldStmt = db.prepare('UPDATE newcomers SET held_notice = 1 WHERE platform = ? AND group_id = ? AND user_id = ? AND held_notice = 0');
    this.remindedStmt = db.prepare('UPDATE newcomers SET intro_reminded = 1 WHERE platform = ? AND group_id = ? AND user_id = ?');
    this.inStageStmt = db.prepare(`SELECT ${COLUMNS} FROM newcomers WHERE platform = ? AND group_id = ? AND stage = ? ORDER BY joined_at, user_id`);
  }

  arrive(g: GroupRef, userId: string, name: string, inviterName: string | undefined, at: number, stage: NewcomerStage): void {
    this.upsert.run(g.platform, g.groupId, userId, name, inviterName ?? null, at, stage);
    this.track(g, userId, stage);
  }

  get(g: GroupRef, userId: string): NewcomerRow | undefined {
    if (!this.onTheirWay.has(`${g.platform}\u0000${g.groupId}\u0000${userId}`)) return undefined;
    return this.getStmt.get(g.platform, g.groupId, userId) as NewcomerRow | undefined;
  }

  setStage(g: GroupRef, userId: string, stage: NewcomerStage): void {
    this.stageStmt.run(stage, g.platform, g.groupId, userId);
    this.track(g, userId, stage);
  }

  private track(g: GroupRef, userId: string, stage: NewcomerStage): void {
    const key = `${g.platform}\u0000${g.groupId}\u0000${userId}`;
    if (stage === 'done') this.onTheirWay.delete(key);
    else this.onTheirWay.add(key);
  }

  /** Counts a wrong answer; returns how many there have been. */
  wrongAnswer(g: GroupRef, userId: string): number {
    return (this.attemptStmt.get(g.platform, g.groupId, userId) as { attempts: number }).attempts;
  }

  /** True the first time: a held-back newcomer is told how to verify once, not at every message. */
  firstHeldNotice(g: GroupRef, userId: string): boolean {
    return this.heldStmt.run(g.platform, g.groupId, userId).changes > 0;
  }

  markIntroReminded(g: GroupRef, userId: string): void {
    this.remindedStmt.run(g.platform, g.groupId, userId);
  }

  inStage(g: GroupRef, stage: NewcomerStage): NewcomerRow[] {
    return this.inStageStmt.all(g.platform, g.groupId, stage) as NewcomerRow[];
  }
}
