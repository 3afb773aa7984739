import { type Db, nextIdOf } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';
import { type CacheStats, LruMap, stringBytes } from '../../storage/lru.js';
import { type Taught, loose } from './match.js';

export interface Faq {
  id: number;
  phrasings: string[];
  answer: string;
  exact: boolean;
}

export interface AskedQuestion {
  messageId: string;
  userName: string;
  text: string;
  at: number;
}

/** What the groups' taught answers may hold in memory at most. */
const TAUGHT_CACHE_BYTES = 4 * 1024 * 1024;

const groupKey = (g: GroupRef) => `${g.platform}\u0000${g.groupId}`;

export class FaqRepo {
  private readonly addStmt;
  private readonly removeStmt;
  private readonly listStmt;
  private readonly noteSetStmt;
  private readonly noteRemoveStmt;
  private readonly noteStmt;
  private readonly notesStmt;
  private readonly askedStmt;
  private readonly answeredStmt;
  private readonly waitingStmt;
  private readonly unansweredStmt;
  private readonly pruneStmt;
  readonly nextId: () => number;
  /**
   * Each group's taught answers, ready to match: read once, dropped when they change. Bounded in
   * bytes (a group may teach 200 answers of 2,000 characters), least recently used first.
   */
  private readonly taught = new LruMap<string, { faqs: Faq[]; loose: Taught[] }>(TAUGHT_CACHE_BYTES, (key, t) =>
    64 + stringBytes(key) + t.faqs.reduce((n, f) => n + 96 + stringBytes(f.answer) + 2 * f.phrasings.reduce((m, p) => m + 16 + stringBytes(p), 0), 0),
  );

  cacheStats(): CacheStats {
    return this.taught.stats();
  }

  constructor(db: Db) {
    this.addStmt = db.prepare('INSERT INTO faqs (id, platform, group_id, phrasings, answer, exact, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.removeStmt = db.prepare('DELETE FROM faqs WHERE id = ? AND platform = ? AND group_id = ?');
    this.listStmt = db.prepare('SELECT id, phrasings, answer, exact FROM faqs WHERE platform = ? AND group_id = ? ORDER BY id');
    this.noteSetStmt = db.prepare(
      'INSERT INTO notes (platform, group_id, name, text, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, group_id, name) DO UPDATE SET text = excluded.text, at = excluded.at',
    );
    this.noteRemoveStmt = db.prepare('DELETE FROM notes WHERE platform = ? AND group_id = ? AND name = ?');
    this.noteStmt = db.prepare('SELECT text FROM notes WHERE platform = ? AND group_id = ? AND name = ?').pluck();
    this.notesStmt = db.prepare('SELECT name FROM notes WHERE platform = ? AND group_id = ? ORDER BY name').pluck();
    this.askedStmt = db.prepare('INSERT OR IGNORE INTO faq_questions (platform, group_id, message_id, user_name, text, at) VALUES (?, ?, ?, ?, ?, ?)');
    this.answeredStmt = db.prepare('UPDATE faq_questions SET answered = 1 WHERE platform = ? AND group_id = ? AND message_id = ?');
    this.waitingStmt = db.prepare('SELECT 1 FROM faq_questions WHERE platform = ? AND group_id = ? AND message_id = ? AND answered = 0').pluck();
    this.unansweredStmt = db.prepare(
      'SELECT message_id AS messageId, user_name AS userName, text, at FROM faq_questions WHERE platform = ? AND group_id = ? AND answered = 0 AND at >= ? ORDER BY at LIMIT ?',
    );
    this.pruneStmt = db.prepare('DELETE FROM faq_questions WHERE platform = ? AND group_id = ? AND at < ?');
    this.nextId = nextIdOf(db, 'faqs');
  }

  add(g: GroupRef, f: Faq, at: number): void {
    this.addStmt.run(f.id, g.platform, g.groupId, JSON.stringify(f.phrasings), f.answer, f.exact ? 1 : 0, at);
    this.taught.delete(groupKey(g));
  }

  remove(g: GroupRef, id: number): void {
    this.removeStmt.run(id, g.platform, g.groupId);
    this.taught.delete(groupKey(g));
  }

  private load(g: GroupRef): { faqs: Faq[]; loose: Taught[] } {
    let t = this.taught.get(groupKey(g));
    if (!t) {
      const rows = this.listStmt.all(g.platform, g.groupId) as { id: number; phrasings: string; answer: string; exact: number }[];
      const faqs = rows.map((r) => ({ id: r.id, phrasings: JSON.parse(r.phrasings) as string[], answer: r.answer, exact: r.exact === 1 }));
      t = { faqs, loose: faqs.map((f) => ({ id: f.id, exact: f.exact, phrasings: f.phrasings.map(loose) })) };
      this.taught.set(groupKey(g), t);
    }
    return t;
  }

  list(g: GroupRef): Faq[] {
    return this.load(g).faqs;
  }

  /** The group's answers as matching reads them. */
  matchable(g: GroupRef): Taught[] {
    return this.load(g).loose;
  }

  setNote(g: GroupRef, name: string, text: string, at: number): void {
    this.noteSetStmt.run(g.platform, g.groupId, name, text, at);
  }

  removeNote(g: GroupRef, name: string): void {
    this.noteRemoveStmt.run(g.platform, g.groupId, name);
  }

  note(g: GroupRef, name: string): string | undefined {
    return this.noteStmt.get(g.platform, g.groupId, name) as string | undefined;
  }

  notes(g: GroupRef): string[] {
    return this.notesStmt.all(g.platform, g.groupId) as string[];
  }

  asked(g: GroupRef, q: AskedQuestion): void {
    this.askedStmt.run(g.platform, g.groupId, q.messageId, q.userName, q.text, q.at);
  }

  /** Whether the message is a listed question nobody has answered yet. */
  waiting(g: GroupRef, messageId: string): boolean {
    return this.waitingStmt.get(g.platform, g.groupId, messageId) !== undefined;
  }

  answered(g: GroupRef, messageId: string): void {
    this.answeredStmt.run(g.platform, g.groupId, messageId);
  }

  unanswered(g: GroupRef, since: number, limit = 20): AskedQuestion[] {
    return this.unansweredStmt.all(g.platform, g.groupId, since, limit) as AskedQuestion[];
  }

  prune(g: GroupRef, before: number): void {
    this.pruneStmt.run(g.platform, g.groupId, before);
  }
}
