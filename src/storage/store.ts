import { ActionLogRepo } from './actionLog.js';
import { ActivityRepo } from './activity.js';
import { ButtonKeywordsRepo } from './buttonKeywords.js';
import type { Db } from './db.js';
import { GroupsRepo } from './groups.js';
import { JobsRepo } from './jobs.js';
import { MembersRepo } from './members.js';
import { NoticesRepo } from './notices.js';
import { HandledEventsRepo, OutboxRepo } from './outbox.js';
import { PlatformStateRepo } from './platformState.js';
import { SettingsRepo } from './settings.js';

/**
 * The core's repositories over one database, and each feature's own (`of`): a feature keeps the SQL
 * for its tables in its folder, and storage names no feature.
 */
export class Store {
  readonly groups: GroupsRepo;
  readonly members: MembersRepo;
  readonly settings: SettingsRepo;
  readonly activity: ActivityRepo;
  readonly jobs: JobsRepo;
  readonly actionLog: ActionLogRepo;
  readonly platformState: PlatformStateRepo;
  readonly notices: NoticesRepo;
  readonly buttonKeywords: ButtonKeywordsRepo;
  readonly outbox: OutboxRepo;
  readonly handledEvents: HandledEventsRepo;

  /** Built once: better-sqlite3 compiles a wrapper per db.transaction() call. */
  private readonly tx: (fn: () => unknown) => unknown;
  private readonly changesStmt;

  constructor(
    readonly db: Db,
    /** Byte budgets of the core's caches (config `caches`). */
    caches: { membersBytes?: number; groupsBytes?: number } = {},
  ) {
    this.tx = db.transaction((fn: () => unknown) => fn());
    this.changesStmt = db.prepare('SELECT total_changes()').pluck();
    this.groups = new GroupsRepo(db, caches.groupsBytes);
    this.members = new MembersRepo(db, caches.membersBytes);
    this.settings = new SettingsRepo(db);
    this.activity = new ActivityRepo(db);
    this.jobs = new JobsRepo(db);
    this.actionLog = new ActionLogRepo(db);
    this.platformState = new PlatformStateRepo(db);
    this.notices = new NoticesRepo(db);
    this.buttonKeywords = new ButtonKeywordsRepo(db);
    this.outbox = new OutboxRepo(db);
    this.handledEvents = new HandledEventsRepo(db);
  }

  /**
   * Moves everything a group owns to a new id (a Telegram group upgraded to a supergroup gets a
   * new chat id). Every table with (platform, group_id) columns is moved, so tables that later
   * migrations add move too; where the new id already has a row, the old group's wins.
   */
  moveGroup(platform: string, from: string, to: string): void {
    if (from === to) return;
    const tables = (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'groups'").pluck().all() as string[]).filter(
      (t) => {
        const cols = (this.db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).map((c) => c.name);
        return cols.includes('platform') && cols.includes('group_id');
      },
    );
    this.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO groups (platform, group_id, title, first_seen) SELECT platform, ?, title, first_seen FROM groups WHERE platform = ? AND group_id = ?').run(to, platform, from);
      for (const t of tables) {
        this.db.prepare(`UPDATE OR REPLACE "${t}" SET group_id = ? WHERE platform = ? AND group_id = ?`).run(to, platform, from);
      }
      this.db.prepare('DELETE FROM groups WHERE platform = ? AND group_id = ?').run(platform, from);
    });
    this.groups.forget({ platform, groupId: from });
    this.members.forgetAll();
  }

  private readonly owned = new Map<abstract new (db: Db) => unknown, unknown>();

  /** A feature's repository over this database, built on first use and kept with the store. */
  of<T>(Repo: new (db: Db) => T): T {
    let repo = this.owned.get(Repo) as T | undefined;
    if (repo === undefined) {
      repo = new Repo(this.db);
      this.owned.set(Repo, repo);
    }
    return repo;
  }

  /** Rows changed on this connection so far: tells whether a decision wrote anything. */
  changes(): number {
    return this.changesStmt.get() as number;
  }

  transaction<T>(fn: () => T): T {
    return this.tx(fn) as T;
  }
}
