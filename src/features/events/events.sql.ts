import { type Db, nextIdOf } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export interface GroupEvent {
  id: number;
  platform: string;
  groupId: string;
  title: string;
  place: string;
  startsAt: number;
  capacity: number | null;
  code: string | null;
}

export interface Signup {
  userId: string;
  userName: string;
  at: number;
  state: 'in' | 'waiting' | 'left';
  attended: boolean;
}

const EVENT = 'id, platform, group_id AS groupId, title, place, starts_at AS startsAt, capacity, code';

export class EventsRepo {
  private readonly addStmt;
  private readonly getStmt;
  private readonly upcomingStmt;
  private readonly codeStmt;
  private readonly signStmt;
  private readonly signupsStmt;
  private readonly attendStmt;
  readonly nextId: () => number;

  constructor(db: Db) {
    this.addStmt = db.prepare('INSERT INTO events (id, platform, group_id, title, place, starts_at, capacity, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.getStmt = db.prepare(`SELECT ${EVENT} FROM events WHERE id = ? AND cancelled = 0`);
    this.upcomingStmt = db.prepare(`SELECT ${EVENT} FROM events WHERE platform = ? AND group_id = ? AND cancelled = 0 AND starts_at > ? ORDER BY starts_at, id LIMIT 20`);
    this.codeStmt = db.prepare('UPDATE events SET code = ? WHERE id = ?');
    this.signStmt = db.prepare(
      'INSERT INTO event_signups (event_id, user_id, user_name, at, state) VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id, user_id) DO UPDATE SET state = excluded.state, at = excluded.at, user_name = excluded.user_name',
    );
    this.signupsStmt = db.prepare("SELECT user_id AS userId, user_name AS userName, at, state, attended FROM event_signups WHERE event_id = ? AND state <> 'left' ORDER BY at, user_id");
    this.attendStmt = db.prepare('UPDATE event_signups SET attended = 1 WHERE event_id = ? AND user_id = ?');
    this.nextId = nextIdOf(db, 'events');
  }

  add(g: GroupRef, e: Omit<GroupEvent, 'platform' | 'groupId' | 'code'>, at: number): void {
    this.addStmt.run(e.id, g.platform, g.groupId, e.title, e.place, e.startsAt, e.capacity, at);
  }

  get(id: number): GroupEvent | undefined {
    return this.getStmt.get(id) as GroupEvent | undefined;
  }

  upcoming(g: GroupRef, now: number): GroupEvent[] {
    return this.upcomingStmt.all(g.platform, g.groupId, now) as GroupEvent[];
  }

  setCode(id: number, code: string): void {
    this.codeStmt.run(code, id);
  }

  sign(id: number, userId: string, userName: string, at: number, state: Signup['state']): void {
    this.signStmt.run(id, userId, userName, at, state);
  }

  /** Who is in and who waits, in the order they came (those who left are gone). */
  signups(id: number): Signup[] {
    return (this.signupsStmt.all(id) as (Omit<Signup, 'attended'> & { attended: number })[]).map((s) => ({ ...s, attended: s.attended === 1 }));
  }

  attended(id: number, userId: string): void {
    this.attendStmt.run(id, userId);
  }
}
