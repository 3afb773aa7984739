import { type Db, nextIdOf } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export interface TopicRow {
  id: number;
  platform: string;
  groupId: string;
  title: string;
  description: string;
  host: string;
  startsAt: number;
  recurrence: string | null;
  state: 'scheduled' | 'done' | 'cancelled';
  /** The forum topic it is posted in (null: the group as a whole). */
  threadId?: string | null;
}

export interface AnnouncementRow {
  id: number;
  platform: string;
  groupId: string;
  text: string;
  at: number;
  recurrence: string | null;
  state: 'scheduled' | 'done' | 'cancelled';
  threadId?: string | null;
}

const TOPIC = 'id, platform, group_id AS groupId, title, description, host, starts_at AS startsAt, recurrence, state, thread_id AS threadId';
const ANNOUNCEMENT = 'id, platform, group_id AS groupId, text, at, recurrence, state, thread_id AS threadId';

/** Scheduled topics (话题) and announcements. */
export class TopicsRepo {
  private readonly insertTopic;
  private readonly topicStmt;
  private readonly updateTopic;
  private readonly upcomingStmt;
  private readonly betweenStmt;
  private readonly insertAnn;
  private readonly annStmt;
  private readonly updateAnn;
  private readonly annUpcomingStmt;
  /** The id the next topic gets (see nextIdOf). */
  readonly nextTopicId: () => number;
  readonly nextAnnouncementId: () => number;

  constructor(db: Db) {
    this.insertTopic = db.prepare(`INSERT INTO topics (id, platform, group_id, title, description, host, starts_at, recurrence, created_at, thread_id)
      VALUES (@id, @platform, @groupId, @title, @description, @host, @startsAt, @recurrence, @createdAt, @threadId)`);
    this.nextTopicId = nextIdOf(db, 'topics');
    this.nextAnnouncementId = nextIdOf(db, 'announcements');
    this.topicStmt = db.prepare(`SELECT ${TOPIC} FROM topics WHERE id = ?`);
    this.updateTopic = db.prepare(`UPDATE topics SET title = @title, description = @description, host = @host, starts_at = @startsAt,
      recurrence = @recurrence, state = @state WHERE id = @id`);
    this.upcomingStmt = db.prepare(`SELECT ${TOPIC} FROM topics WHERE platform = ? AND group_id = ? AND state = 'scheduled' AND starts_at >= ?
      ORDER BY starts_at, id LIMIT ?`);
    this.betweenStmt = db.prepare(`SELECT ${TOPIC} FROM topics WHERE platform = ? AND group_id = ? AND state = 'scheduled'
      AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, id`);
    this.insertAnn = db.prepare(`INSERT INTO announcements (id, platform, group_id, text, at, recurrence, created_at, thread_id)
      VALUES (@id, @platform, @groupId, @text, @at, @recurrence, @createdAt, @threadId)`);
    this.annStmt = db.prepare(`SELECT ${ANNOUNCEMENT} FROM announcements WHERE id = ?`);
    this.updateAnn = db.prepare('UPDATE announcements SET at = ?, state = ? WHERE id = ?');
    this.annUpcomingStmt = db.prepare(`SELECT ${ANNOUNCEMENT} FROM announcements WHERE platform = ? AND group_id = ? AND state = 'scheduled'
      ORDER BY at, id LIMIT ?`);
  }

  addTopic(t: Omit<TopicRow, 'state'>, createdAt: number): void {
    this.insertTopic.run({ threadId: null, ...t, createdAt });
  }

  topic(id: number): TopicRow | undefined {
    return this.topicStmt.get(id) as TopicRow | undefined;
  }

  saveTopic(t: TopicRow): void {
    const { threadId: _where, ...saved } = t;
    this.updateTopic.run(saved);
  }

  upcoming(g: GroupRef, from: number, limit = 20): TopicRow[] {
    return this.upcomingStmt.all(g.platform, g.groupId, from, limit) as TopicRow[];
  }

  /** Scheduled topics starting in [from, to). */
  between(g: GroupRef, from: number, to: number): TopicRow[] {
    return this.betweenStmt.all(g.platform, g.groupId, from, to) as TopicRow[];
  }

  addAnnouncement(a: Omit<AnnouncementRow, 'state'>, createdAt: number): void {
    this.insertAnn.run({ threadId: null, ...a, createdAt });
  }

  announcement(id: number): AnnouncementRow | undefined {
    return this.annStmt.get(id) as AnnouncementRow | undefined;
  }

  setAnnouncement(id: number, at: number, state: AnnouncementRow['state']): void {
    this.updateAnn.run(at, state, id);
  }

  announcements(g: GroupRef, limit = 20): AnnouncementRow[] {
    return this.annUpcomingStmt.all(g.platform, g.groupId, limit) as AnnouncementRow[];
  }
}
