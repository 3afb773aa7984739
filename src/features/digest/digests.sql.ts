import { z } from 'zod';
import type { Db } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export interface Digest {
  id: number;
  messageId: string;
  userId: string;
  userName: string;
  text: string;
  by: string;
  at: number;
}

const digestRow = z.object({ id: z.number(), messageId: z.string(), userId: z.string(), userName: z.string(), text: z.string(), by: z.string(), at: z.number() });

export class DigestsRepo {
  private readonly addStmt;
  private readonly ofMessageStmt;
  private readonly sinceStmt;
  private readonly lastStmt;

  constructor(db: Db) {
    const cols = 'id, message_id AS messageId, user_id AS userId, user_name AS userName, text, by, at';
    this.addStmt = db.prepare('INSERT OR IGNORE INTO digests (platform, group_id, message_id, user_id, user_name, text, by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.ofMessageStmt = db.prepare('SELECT 1 FROM digests WHERE platform = ? AND group_id = ? AND message_id = ?').pluck();
    this.sinceStmt = db.prepare(`SELECT ${cols} FROM digests WHERE platform = ? AND group_id = ? AND at >= ? ORDER BY at`);
    this.lastStmt = db.prepare(`SELECT ${cols} FROM digests WHERE platform = ? AND group_id = ? ORDER BY at DESC LIMIT ?`);
  }

  add(g: GroupRef, d: Omit<Digest, 'id'>): void {
    this.addStmt.run(g.platform, g.groupId, d.messageId, d.userId, d.userName, d.text, d.by, d.at);
  }

  marked(g: GroupRef, messageId: string): boolean {
    return this.ofMessageStmt.get(g.platform, g.groupId, messageId) !== undefined;
  }

  since(g: GroupRef, at: number): Digest[] {
    return (this.sinceStmt.all(g.platform, g.groupId, at) as unknown[]).map((r) => digestRow.parse(r));
  }

  last(g: GroupRef, n: number): Digest[] {
    return (this.lastStmt.all(g.platform, g.groupId, n) as unknown[]).map((r) => digestRow.parse(r));
  }
}
