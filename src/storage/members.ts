import type { Role } from '../engine/events.js';
import type { Db } from './db.js';
import type { GroupRef } from './groups.js';

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

/**
 * A per-member cache keyed by platform, group and user in nested maps: looking up existing strings
 * instead of building a joined key saves a string per lookup, several times per message.
 */
class PerMember<T> {
  private readonly byPlatform = new Map<string, Map<string, Map<string, T>>>();
  size = 0;

  private users(g: GroupRef, create: boolean): Map<string, T> | undefined {
    let groups = this.byPlatform.get(g.platform);
    if (!groups) {
      if (!create) return undefined;
      this.byPlatform.set(g.platform, (groups = new Map()));
    }
    let users = groups.get(g.groupId);
    if (!users && create) groups.set(g.groupId, (users = new Map()));
    return users;
  }

  get(g: GroupRef, userId: string): T | undefined {
    return this.users(g, false)?.get(userId);
  }

  set(g: GroupRef, userId: string, value: T): void {
    const users = this.users(g, true)!;
    if (!users.has(userId)) this.size++;
    users.set(userId, value);
  }

  delete(g: GroupRef, userId: string): void {
    if (this.users(g, false)?.delete(userId)) this.size--;
  }

  clear(): void {
    this.byPlatform.clear();
    this.size = 0;
  }
}

export class MembersRepo {
  /** Last name written per member: skip the write when nothing changed (hot path). */
  private readonly names = new PerMember<string>();
  /** Rows read on the hot path (permission and exemption checks on every message); dropped on any write. */
  private readonly rows = new PerMember<MemberRow | null>();
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

  constructor(db: Db) {
    this.upsertName = db.prepare(`INSERT INTO members (platform, group_id, user_id, name, first_seen) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (platform, group_id, user_id) DO UPDATE SET name = excluded.name`);
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
    if (this.names.get(g, userId) === name) return;
    this.upsertName.run(g.platform, g.groupId, userId, name, at);
    this.names.set(g, userId, name);
    this.rows.delete(g, userId);
  }

  joined(g: GroupRef, userId: string, name: string, at: number, inviterId?: string): void {
    this.joinStmt.run(g.platform, g.groupId, userId, name, at, at, inviterId ?? null);
    this.names.set(g, userId, name);
    this.rows.delete(g, userId);
  }

  /** Forgets every cached row (after rows moved underneath, e.g. a group's new id). */
  forgetAll(): void {
    this.rows.clear();
    this.names.clear();
  }

  /** Records a leave, also of a member who never spoke (statistics count them too). */
  left(g: GroupRef, userId: string, name: string, at: number): void {
    this.leaveStmt.run(g.platform, g.groupId, userId, name, at, at);
    this.rows.delete(g, userId);
  }

  /** Sets a role by command; the member must have been seen. Returns false when unknown. */
  setRole(g: GroupRef, userId: string, role: Role | null): boolean {
    this.rows.delete(g, userId);
    return this.roleStmt.run(role, g.platform, g.groupId, userId).changes > 0;
  }

  get(g: GroupRef, userId: string): MemberRow | undefined {
    const cached = this.rows.get(g, userId);
    if (cached !== undefined) return cached ?? undefined;
    const row = (this.getStmt.get(g.platform, g.groupId, userId) as MemberRow | undefined) ?? null;
    if (this.rows.size > 100_000) this.rows.clear();
    this.rows.set(g, userId, row);
    return row ?? undefined;
  }

  /** Members holding the role, by command or by the platform's word. */
  withRole(g: GroupRef, role: Role): MemberRow[] {
    return this.byRoleStmt.all({ platform: g.platform, group: g.groupId, role }) as MemberRow[];
  }

  setTrusted(g: GroupRef, userId: string, trusted: boolean): boolean {
    this.rows.delete(g, userId);
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
    this.rows.clear(); // rare: the whole group's roles change
    this.tx(() => {
      this.clearPlatformRoles.run(g.platform, g.groupId);
      for (const a of admins) {
        this.upsertPlatformRole.run(g.platform, g.groupId, a.id, a.name, at, a.role);
        this.names.set(g, a.id, a.name);
      }
    });
  }

  /** Finds members by exact display name or id (for "/warns alice" and the like). */
  find(g: GroupRef, nameOrId: string): MemberRow[] {
    const q = nameOrId.replace(/^@/, '');
    return this.byNameStmt.all(g.platform, g.groupId, q, q) as MemberRow[];
  }
}
