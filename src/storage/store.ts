import { ActionLogRepo } from './actionLog.js';
import { ActivityRepo } from './activity.js';
import type { Db } from './db.js';
import { GroupsRepo } from './groups.js';
import { JobsRepo } from './jobs.js';
import { MembersRepo } from './members.js';
import { SettingsRepo } from './settings.js';

/** Every repository, over one database. Features reach storage only through this. */
export class Store {
  readonly groups: GroupsRepo;
  readonly members: MembersRepo;
  readonly settings: SettingsRepo;
  readonly activity: ActivityRepo;
  readonly jobs: JobsRepo;
  readonly actionLog: ActionLogRepo;

  /** Built once: better-sqlite3 compiles a wrapper per db.transaction() call. */
  private readonly tx: (fn: () => unknown) => unknown;

  constructor(readonly db: Db) {
    this.tx = db.transaction((fn: () => unknown) => fn());
    this.groups = new GroupsRepo(db);
    this.members = new MembersRepo(db);
    this.settings = new SettingsRepo(db);
    this.activity = new ActivityRepo(db);
    this.jobs = new JobsRepo(db);
    this.actionLog = new ActionLogRepo(db);
  }

  transaction<T>(fn: () => T): T {
    return this.tx(fn) as T;
  }
}
