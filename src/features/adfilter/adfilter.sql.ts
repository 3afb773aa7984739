import { type Db, nextIdOf } from '../../storage/db.js';
import { type GroupRef, groupKey } from '../../storage/groups.js';

/** A member's message the ad filter holds a verdict on, by whom and where. */
interface JudgedMessage {
  id: number;
  platform: string;
  groupId: string;
  userId: string;
  userName: string;
  messageId: string;
  text: string;
  score: number;
}

/** A doubtful message the owner decides. */
export interface AdReview extends JudgedMessage {
  reasons: string;
  state: 'open' | 'spam' | 'ham';
}

/** A local verdict held while a language model is asked (see migrations/0009_ad_questions.sql). */
export interface AdQuestion extends JudgedMessage {
  stage: 'remove' | 'review' | 'doubt';
  found: string;
  told: string;
  /** What the model is told besides the message: the few messages before it (oldest first), the group's rules and topic. */
  context: { before: string[]; rules: string; topic: string };
  at: number;
}

const QUESTION = 'id, platform, group_id AS groupId, user_id AS userId, user_name AS userName, message_id AS messageId, text, stage, score, found, told, context, at';
const questionOf = (row: Omit<AdQuestion, 'context'> & { context: string }): AdQuestion => ({ ...row, context: JSON.parse(row.context) as AdQuestion['context'] });

const REVIEW = 'id, platform, group_id AS groupId, user_id AS userId, user_name AS userName, message_id AS messageId, text, score, reasons, state';

/** Doubtful messages the owner decides, and the examples owners' corrections leave behind. */
export class AdFilterRepo {
  private readonly addReviewStmt;
  private readonly reviewStmt;
  private readonly decideStmt;
  private readonly addExampleStmt;
  private readonly examplesStmt;
  private readonly countStmt;
  private readonly addQuestionStmt;
  private readonly questionStmt;
  private readonly answerStmt;
  private readonly pendingStmt;
  /** The ids the next review and question get (see nextIdOf). */
  readonly nextReviewId: () => number;
  readonly nextQuestionId: () => number;
  /** Bumped on every new example, so a group's adapted model knows when it is stale. */
  private readonly versions = new Map<string, number>();

  constructor(db: Db) {
    this.addReviewStmt = db.prepare(`INSERT INTO ad_reviews (id, platform, group_id, user_id, user_name, message_id, text, score, reasons, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.nextReviewId = nextIdOf(db, 'ad_reviews');
    this.nextQuestionId = nextIdOf(db, 'ad_questions');
    this.reviewStmt = db.prepare(`SELECT ${REVIEW} FROM ad_reviews WHERE id = ?`);
    this.decideStmt = db.prepare(`UPDATE ad_reviews SET state = ? WHERE id = ? AND state = 'open'`);
    this.addExampleStmt = db.prepare('INSERT INTO ad_examples (platform, group_id, label, text, at) VALUES (?, ?, ?, ?, ?)');
    this.examplesStmt = db.prepare('SELECT label, text FROM ad_examples WHERE platform = ? AND group_id = ? ORDER BY id DESC LIMIT ?');
    this.countStmt = db.prepare('SELECT label, COUNT(*) AS n FROM ad_examples WHERE platform = ? AND group_id = ? GROUP BY label');
    this.addQuestionStmt = db.prepare(`INSERT INTO ad_questions (id, platform, group_id, user_id, user_name, message_id, text, stage, score, found, told, context, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.questionStmt = db.prepare(`SELECT ${QUESTION} FROM ad_questions WHERE id = ? AND state = 'pending'`);
    this.answerStmt = db.prepare(`UPDATE ad_questions SET state = 'answered' WHERE id = ? AND state = 'pending'`);
    this.pendingStmt = db.prepare(`SELECT ${QUESTION} FROM ad_questions WHERE state = 'pending' ORDER BY id`);
  }

  /** Holds a verdict while the language model is asked; its id travels with the question. */
  addQuestion(g: GroupRef, q: Omit<AdQuestion, 'platform' | 'groupId'>): void {
    this.addQuestionStmt.run(q.id, g.platform, g.groupId, q.userId, q.userName, q.messageId, q.text, q.stage, q.score, q.found, q.told, JSON.stringify(q.context), q.at);
  }

  /** A held verdict still waiting for its answer. */
  pendingQuestion(id: number): AdQuestion | undefined {
    const row = this.questionStmt.get(id) as (Omit<AdQuestion, 'context'> & { context: string }) | undefined;
    return row && questionOf(row);
  }

  /** Takes the answer for a held verdict; false when one was taken already. */
  answer(id: number): boolean {
    return this.answerStmt.run(id).changes > 0;
  }

  /** Questions a stop or a crash left unanswered, oldest first. */
  pendingQuestions(): AdQuestion[] {
    return (this.pendingStmt.all() as (Omit<AdQuestion, 'context'> & { context: string })[]).map(questionOf);
  }

  addReview(g: GroupRef, r: Omit<AdReview, 'platform' | 'groupId' | 'state'>, at: number): void {
    this.addReviewStmt.run(r.id, g.platform, g.groupId, r.userId, r.userName, r.messageId, r.text, r.score, r.reasons, at);
  }

  review(id: number): AdReview | undefined {
    return this.reviewStmt.get(id) as AdReview | undefined;
  }

  /** Decides an open review; false when it was decided already. */
  decide(id: number, state: 'spam' | 'ham'): boolean {
    return this.decideStmt.run(state, id).changes > 0;
  }

  addExample(g: GroupRef, label: 'spam' | 'ham', text: string, at: number): void {
    if (!text.trim()) return;
    this.addExampleStmt.run(g.platform, g.groupId, label, text.slice(0, 2000), at);
    const key = groupKey(g);
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
  }

  /** How many examples of each label the group has given. */
  exampleCounts(g: GroupRef): { spam: number; ham: number } {
    const counts = { spam: 0, ham: 0 };
    for (const r of this.countStmt.all(g.platform, g.groupId) as { label: 'spam' | 'ham'; n: number }[]) counts[r.label] = r.n;
    return counts;
  }

  /** Changes whenever the group gets a new example (in this process). */
  examplesVersion(g: GroupRef): number {
    return this.versions.get(groupKey(g)) ?? 0;
  }

  examples(g: GroupRef, limit = 2000): { label: 'spam' | 'ham'; text: string }[] {
    return this.examplesStmt.all(g.platform, g.groupId, limit) as never;
  }
}
