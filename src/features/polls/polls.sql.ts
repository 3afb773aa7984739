import { type Db, nextIdOf } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export interface Poll {
  id: number;
  platform: string;
  groupId: string;
  question: string;
  choices: string[];
  anonymous: boolean;
  closesAt: number;
  closed: boolean;
  createdBy: string;
}

export interface Vote {
  userId: string;
  userName: string;
  choice: number;
}

const COLUMNS = 'id, platform, group_id AS groupId, question, choices, anonymous, closes_at AS closesAt, closed, created_by AS createdBy';
type Raw = Omit<Poll, 'choices' | 'anonymous' | 'closed'> & { choices: string; anonymous: number; closed: number };
const decode = (r: Raw): Poll => ({ ...r, choices: JSON.parse(r.choices) as string[], anonymous: r.anonymous === 1, closed: r.closed === 1 });

export class PollsRepo {
  private readonly addStmt;
  private readonly getStmt;
  private readonly openStmt;
  private readonly closeStmt;
  private readonly voteStmt;
  private readonly votesStmt;
  readonly nextId: () => number;

  constructor(db: Db) {
    this.addStmt = db.prepare('INSERT INTO polls (id, platform, group_id, question, choices, anonymous, closes_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM polls WHERE id = ?`);
    this.openStmt = db.prepare(`SELECT ${COLUMNS} FROM polls WHERE platform = ? AND group_id = ? AND closed = 0 ORDER BY id`);
    this.closeStmt = db.prepare('UPDATE polls SET closed = 1 WHERE id = ?');
    this.voteStmt = db.prepare(
      'INSERT INTO poll_votes (poll_id, user_id, user_name, choice, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (poll_id, user_id) DO UPDATE SET choice = excluded.choice, user_name = excluded.user_name, at = excluded.at',
    );
    this.votesStmt = db.prepare('SELECT user_id AS userId, user_name AS userName, choice FROM poll_votes WHERE poll_id = ? ORDER BY at');
    this.nextId = nextIdOf(db, 'polls');
  }

  add(g: GroupRef, p: Omit<Poll, 'platform' | 'groupId' | 'closed'>, at: number): void {
    this.addStmt.run(p.id, g.platform, g.groupId, p.question, JSON.stringify(p.choices), p.anonymous ? 1 : 0, p.closesAt, p.createdBy, at);
  }

  get(id: number): Poll | undefined {
    const r = this.getStmt.get(id) as Raw | undefined;
    return r && decode(r);
  }

  open(g: GroupRef): Poll[] {
    return (this.openStmt.all(g.platform, g.groupId) as Raw[]).map(decode);
  }

  close(id: number): void {
    this.closeStmt.run(id);
  }

  vote(id: number, v: Vote, at: number): void {
    this.voteStmt.run(id, v.userId, v.userName, v.choice, at);
  }

  votes(id: number): Vote[] {
    return this.votesStmt.all(id) as Vote[];
  }
}
