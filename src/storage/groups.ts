import type { Db } from './db.js';
import { type CacheStats, LruMap, stringBytes } from './lru.js';

/** Default size of the group cache: tens of thousands of groups. */
export const GROUP_CACHE_BYTES = 2 * 1024 * 1024;

export interface GroupRef {
  platform: string;
  groupId: string;
}

export const groupKey = (g: GroupRef) => `${g.platform}\u0000${g.groupId}`;

export class GroupsRepo {
  /** Title last written per group (null when unknown), for the groups active lately: the hot path costs one Map lookup. */
  private readonly known: LruMap<string, string | null>;
  private readonly insert;
  private readonly setTitleStmt;
  private readonly listStmt;
  private readonly titleStmt;

  constructor(db: Db, cacheBytes = GROUP_CACHE_BYTES) {
    this.known = new LruMap<string, string | null>(cacheBytes, (key, title) => 64 + stringBytes(key) + (title === null ? 0 : stringBytes(title)));
    this.insert = db.prepare('INSERT OR IGNORE INTO groups (platform, group_id, title, first_seen) VALUES (?, ?, ?, ?)');
    this.setTitleStmt = db.prepare('UPDATE groups SET title = ? WHERE platform = ? AND group_id = ?');
    this.titleStmt = db.prepare('SELECT title FROM groups WHERE platform = ? AND group_id = ?');
    this.listStmt = db.prepare('SELECT platform, group_id AS groupId, title, first_seen AS firstSeen FROM groups ORDER BY first_seen');
  }

  /**
   * Makes sure the group has a row, with its latest title when the platform told us one.
   * True when the group is new to Steward.
   */
  ensure(g: GroupRef, at: number, title?: string): boolean {
    const key = groupKey(g);
    const known = this.known.get(key);
    if (known !== undefined && (title === undefined || title === known)) return false;
    const created = known === undefined && this.insert.run(g.platform, g.groupId, title ?? null, at).changes > 0;
    if (title !== undefined) this.setTitleStmt.run(title, g.platform, g.groupId);
    this.known.set(key, title ?? this.title(g) ?? null);
    return created;
  }

  /** Drops the cache entry of a group whose rows moved away. */
  forget(g: GroupRef): void {
    this.known.delete(groupKey(g));
  }

  exists(g: GroupRef): boolean {
    return this.known.has(groupKey(g)) || this.titleStmt.get(g.platform, g.groupId) !== undefined;
  }

  title(g: GroupRef): string | undefined {
    return (this.titleStmt.get(g.platform, g.groupId) as { title: string | null } | undefined)?.title ?? undefined;
  }

  cacheStats(): CacheStats {
    return this.known.stats();
  }

  list(): { platform: string; groupId: string; title: string | null; firstSeen: number }[] {
    return this.listStmt.all() as never;
  }
}
