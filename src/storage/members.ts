import type { Role } from '../engine/events.js';
import type { Db } from './db.js';
import type { GroupRef } from './groups.js';
import { type CacheStats, LruMap, stringBytes } from './lru.js';

export interface MemberRow {
  userId: string;
  name: string;
  /** Role given by command. */
  role: Role | null;
  /** Role the platform reports. */
  platformRole: Role | null;
  firstSeen: number;
  joinedAt: number | null;
  leftAt: number | null;
  inviterId: string | null;
  trusted: number;
}

const COLUMNS = `user_id AS userId, name, role, platform_role AS platformRole, first_seen AS firstSeen, joined_at AS joinedAt,
  left_at AS leftAt, inviter_id AS inviterId, trusted`;

/** What is cached of one member: the last name written, and the row as read or written (null: no row). */
interface Cached {
  name?: string;
  row?: MemberRow | null;
}

const keyOf = (g: GroupRef, userId: string) => `${g.platform}\u0000${g.groupId}\u0000${userId}`;
/** A row's strings, its numbers and the objects around them, roughly. */
const ROW_BYTES = 360;
const weigh = (key: string, c: Cached) => 80 + stringBytes(key) + (c.name === undefined ? 0 : stringBytes(c.name)) + (c.row ? ROW_BYTES + stringBytes(c.row.name) : 0);

/** Default size of the member cache (config caches.membersMB): ~7,500 members. */
export const MEMBER_CACHE_BYTES = 4 * 1024 * 1024;

export class MembersRepo {
  /**
   * The members active lately: the last name written (a message from an unchanged name writes
   * nothing) and the row as read (permission and exemption checks on every message), dropped on
   * any write. Bounded in bytes; the least recently seen go first.
   */
  private readonly cache: LruMap<string, Cached>;
  private readonly upsertName;
  private readonly joinStmt;
  private readonly leaveStmt;
  private readonly roleStmt;
  private readonly getStmt;
  private readonly byRoleStmt;
  private readonly byNameStmt;
  private readonly clearPlatformRoles;
  private readonly upsertPlatformRole;
  private readonly tx: (fn: () => unknown) => unknown;
  private readonly memberOfStmt;
  private readonly trustStmt;
  private readonly countJoinedStmt;

  constructor(db: Db, cacheBytes = MEMBER_CACHE_BYTES) {
    this.cache = new LruMap<string, Cached>(cacheBytes, weigh);
    // RETURNING: the row as written is cached, so the permission checks after it read nothing.
    this.upsertName = db.prepare(`INSERT INTO members (platform, group_id, user_id, name, first_seen) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (platform, group_id, user_id) DO UPDATE SET name = excluded.name RETURNING ${COLUMNS}`);
    this.joinStmt = db.prepare(`INSERT INTO members (platform, group_id, user_id, name, first_seen, joined_at, inviter_id)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (platform, group_id, user_id) DO UPDATE SET name = excluded.name, joined_at = excluded.joined_at,
        inviter_id = excluded.inviter_id, left_at = NULL`);
    this.leaveStmt = db.prepare(`INSERT INTO members (platform, group_id, user_id, name, first_seen, left_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (platform, group_id, user_id) DO UPDATE SET left_at = excluded.left_at`);
    this.roleStmt = db.prepare('UPDATE members SET role = ? WHERE platform = ? AND group_id = ? AND user_id = ?');
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM members WHERE platform = ? AND group_id = ? AND user_id = ?`);
    this.byRoleStmt = db.prepare(`SELECT ${COLUMNS} FROM members
      WHERE platform = @platform AND group_id = @group AND (role = @role OR platform_role = @role) ORDER BY first_seen`);
    this.clearPlatformRoles = db.prepare('UPDATE members SET platform_role = NULL WHERE platform = ? AND group_id = ? AND platform_role IS NOT NULL');
    this.upsertPlatformRole = db.prepare(`INSERT INTO members (platform, group_id, user_id, name, first_seen, platform_role) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (platform, group_id, user_id) DO UPDATE SET name = excluded.name, platform_role = excluded.platform_role`);
    this.tx = db.transaction((fn: () => unknown) => fn());
    this.trustStmt = db.prepare('UPDATE members SET trusted = ? WHERE platform = ? AND group_id = ? AND user_id = ?');
    this.countJoinedStmt = db.prepare('SELECT COUNT(*) FROM members WHERE platform = ? AND group_id = ? AND left_at IS NULL');
    this.memberOfStmt = db.prepare(`SELECT m.group_id AS groupId, g.title AS title FROM members m
      JOIN groups g ON g.platform = m.platform AND g.group_id = m.group_id
      WHERE m.platform = ? AND m.user_id = ? AND (m.left_at IS NULL OR m.role IN ('owner', 'admin') OR m.platform_role IS NOT NULL)
      ORDER BY g.first_seen`);
    this.byNameStmt = db.prepare(`SELECT ${COLUMNS} FROM members WHERE platform = ? AND group_id = ? AND (name = ? OR user_id = ?)`);
  }

  seen(g: GroupRef, userId: string, name: string, at: number): void {
    const key = keyOf(g, userId);
    let cached = this.cache.get(key);
    if (cached === undefined) {
      // Not cached (evicted, or a restart): a read costs far less than a write, and the row is
      // wanted anyway (permission checks); most members come back under the name they had.
      const row = (this.getStmt.get(g.platform, g.groupId, userId) as MemberRow | undefined) ?? null;
      cached = { ...(row ? { name: row.name } : {}), row };
      this.cache.set(key, cached);
    }
    if (cached.name === name) return;
    const row = this.upsertName.get(g.platform, g.groupId, userId, name, at) as MemberRow;
    this.cache.set(key, { name, row });
  }

  joined(g: GroupRef, userId: string, name: string, at: number, inviterId?: string): void {
    this.joinStmt.run(g.platform, g.groupId, userId, name, at, at, inviterId ?? null);
    this.cache.set(keyOf(g, userId), { name });
  }

  /** Forgets every cached row (after rows moved underneath, e.g. a group's new id). */
  forgetAll(): void {
    this.cache.clear();
  }

  /** Drops the cached row, keeping the name written (the row changed; the name did not). */
  private changed(g: GroupRef, userId: string): void {
    const key = keyOf(g, userId);
    const cached = this.cache.peek(key);
    if (cached?.row === undefined) return;
    if (cached.name === undefined) this.cache.delete(key);
    else this.cache.set(key, { name: cached.name });
  }

  /** Records a leave, also of a member who never spoke (statistics count them too). */
  left(g: GroupRef, userId: string, name: string, at: number): void {
    this.leaveStmt.run(g.platform, g.groupId, userId, name, at, at);
    this.changed(g, userId);
  }

  /** Sets a role by command; the member must have been seen. Returns false when unknown. */
  setRole(g: GroupRef, userId: string, role: Role | null): boolean {
    this.changed(g, userId);
    return this.roleStmt.run(role, g.platform, g.groupId, userId).changes > 0;
  }

  get(g: GroupRef, userId: string): MemberRow | undefined {
    const key = keyOf(g, userId);
    const cached = this.cache.get(key);
    if (cached?.row !== undefined) return cached.row ?? undefined;
    const row = (this.getStmt.get(g.platform, g.groupId, userId) as MemberRow | undefined) ?? null;
    this.cache.set(key, { ...(cached?.name !== undefined ? { name: cached.name } : {}), row });
    return row ?? undefined;
  }

  cacheStats(): CacheStats {
    return this.cache.stats();
  }

  /** Members holding the role, by command or by the platform's word. */
  withRole(g: GroupRef, role: Role): MemberRow[] {
    return this.byRoleStmt.all({ platform: g.platform, group: g.groupId, role }) as MemberRow[];
  }

  setTrusted(g: GroupRef, userId: string, trusted: boolean): boolean {
    this.changed(g, userId);
    return this.trustStmt.run(trusted ? 1 : 0, g.platform, g.groupId, userId).changes > 0;
  }

  /** Members Steward knows to be in the group now. */
  countPresent(g: GroupRef): number {
    return this.countJoinedStmt.pluck().get(g.platform, g.groupId) as number;
  }

  /** The groups a user is in (still there, or administers), oldest first. */
  groupsOf(platform: string, userId: string): { groupId: string; title: string | null }[] {
    return this.memberOfStmt.all(platform, userId) as { groupId: string; title: string | null }[];
  }

  /** Replaces the group's platform-reported owner and admins with this complete list. */
  setPlatformAdmins(g: GroupRef, admins: { id: string; name: string; role: 'owner' | 'admin' }[], at: number): void {
    this.cache.clear(); // rare: the whole group's roles change
    this.tx(() => {
      this.clearPlatformRoles.run(g.platform, g.groupId);
      for (const a of admins) this.upsertPlatformRole.run(g.platform, g.groupId, a.id, a.name, at, a.role);
    });
  }

  /** Finds members by exact display name or id (for "/warns alice" and the like). */
  find(g: GroupRef, nameOrId: string): MemberRow[] {
    const q = nameOrId.replace(/^@/, '');
    return this.byNameStmt.all(g.platform, g.groupId, q, q) as MemberRow[];
  }
}
