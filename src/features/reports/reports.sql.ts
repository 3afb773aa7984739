import { type Db, nextIdOf } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export type ReportState = 'open' | 'hidden' | 'deleted' | 'struck' | 'banned' | 'dismissed';

export interface Report {
  id: number;
  platform: string;
  groupId: string;
  messageId: string;
  userId: string;
  userName: string;
  text: string;
  at: number;
  state: ReportState;
}

const COLUMNS = 'id, platform, group_id AS groupId, message_id AS messageId, user_id AS userId, user_name AS userName, text, at, state';

export class ReportsRepo {
  private readonly addStmt;
  private readonly voteStmt;
  private readonly byIdStmt;
  private readonly byMessageStmt;
  private readonly votesStmt;
  private readonly lateStmt;
  private readonly setStateStmt;
  /** The id the next report gets (see nextIdOf). */
  readonly nextId: () => number;

  constructor(db: Db) {
    this.addStmt = db.prepare('INSERT INTO reports (id, platform, group_id, message_id, user_id, user_name, text, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.voteStmt = db.prepare('INSERT OR IGNORE INTO report_votes (report_id, platform, group_id, reporter_id, at) VALUES (?, ?, ?, ?, ?)');
    this.byIdStmt = db.prepare(`SELECT ${COLUMNS} FROM reports WHERE id = ?`);
    this.byMessageStmt = db.prepare(`SELECT ${COLUMNS} FROM reports WHERE platform = ? AND group_id = ? AND message_id = ?`);
    this.votesStmt = db.prepare('SELECT reporter_id FROM report_votes WHERE report_id = ?').pluck();
    this.lateStmt = db.prepare('SELECT COUNT(*) FROM report_votes WHERE platform = ? AND group_id = ? AND reporter_id = ? AND at >= ?').pluck();
    this.setStateStmt = db.prepare('UPDATE reports SET state = ?, decided_by = ? WHERE id = ?');
    this.nextId = nextIdOf(db, 'reports');
  }

  add(g: GroupRef, r: Omit<Report, 'platform' | 'groupId' | 'state'>): void {
    this.addStmt.run(r.id, g.platform, g.groupId, r.messageId, r.userId, r.userName, r.text, r.at);
  }

  vote(g: GroupRef, id: number, reporterId: string, at: number): void {
    this.voteStmt.run(id, g.platform, g.groupId, reporterId, at);
  }

  get(id: number): Report | undefined {
    return this.byIdStmt.get(id) as Report | undefined;
  }

  ofMessage(g: GroupRef, messageId: string): Report | undefined {
    return this.byMessageStmt.get(g.platform, g.groupId, messageId) as Report | undefined;
  }

  reporters(id: number): string[] {
    return this.votesStmt.all(id) as string[];
  }

  /** How many reports the member made in the group since `since`. */
  madeSince(g: GroupRef, reporterId: string, since: number): number {
    return this.lateStmt.get(g.platform, g.groupId, reporterId, since) as number;
  }

  setState(id: number, state: ReportState, by: string | null): void {
    this.setStateStmt.run(state, by, id);
  }
}
