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
  private readonly setCountStmt;
  private readonly countStmt;

  constructor(db: Db, cacheBytes = GROUP_CACHE_BYTES) {
    this.known = new LruMap<string, string | null>(cacheBytes, (key, title) => 64 + stringBytes(key) + (title === null ? 0 : stringBytes(title)));
    this.insert = db.prepare('INSERT OR IGNORE INTO groups (platform, group_id, title, first_seen) VALUES (?, ?, ?, ?)');
    this.setTitleStmt = db.prepare('UPDATE groups SET title = ? WHERE platform = ? AND group_id = ?');
    this.titleStmt = db.prepare('SELECT title FROM groups WHERE platform = ? AND group_id = ?');
    this.setCountStmt = db.prepare('UPDATE groups SET member_count = ?, member_count_at = ? WHERE platform = ? AND group_id = ?');
    // The platform's figure, plus who joined since, less who left since. A member who left and came
    // back after the figure counts once more than they should: a group reads a little fuller, never emptier.
    this.countStmt = db.prepare(`SELECT g.member_count
        + (SELECT COUNT(*) FROM members m WHERE m.platform = g.platform AND m.group_id = g.group_id AND m.joined_at > g.member_count_at)
        - (SELECT COUNT(*) FROM members m WHERE m.platform = g.platform AND m.group_id = g.group_id AND m.left_at > g.member_count_at)
      FROM groups g WHERE g.platform = ? AND g.group_id = ? AND g.member_count IS NOT NULL`).pluck();
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

  /** The platform's own count of the group's members, as of `at`. */
  setMemberCount(g: GroupRef, count: number, at: number): void {
    this.setCountStmt.run(count, at, g.platform, g.groupId);
  }

  /** How many members the group has now, from the platform's last count; undefined if it never said. */
  memberCount(g: GroupRef): number | undefined {
    const n = this.countStmt.get(g.platform, g.groupId) as number | null | undefined;
    return n === null || n === undefined ? undefined : Math.max(0, n);
  }

  /** What to call the group where people read it: its title, else its id. */
  label(g: GroupRef): string {
    return this.title(g) ?? g.groupId;
  }

  cacheStats(): CacheStats {
    return this.known.stats();
  }

  list(): { platform: string; groupId: string; title: string | null; firstSeen: number }[] {
    return this.listStmt.all() as never;
  }
}
