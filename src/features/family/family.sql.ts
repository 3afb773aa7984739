import { type Db, nextIdOf } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export interface FamilyGroup {
  groupId: string;
  familyId: number;
  sharesBans: boolean;
}

export interface FamilyBan {
  userId: string;
  userName: string;
  reason: string;
  fromGroup: string;
  at: number;
}

export class FamiliesRepo {
  private readonly createStmt;
  private readonly ownerStmt;
  private readonly adoptStmt;
  private readonly linkStmt;
  private readonly unlinkStmt;
  private readonly ofStmt;
  private readonly membersStmt;
  private readonly banStmt;
  private readonly unbanStmt;
  private readonly bannedStmt;
  private readonly bansStmt;
  private readonly importStmt;
  private readonly importedStmt;
  readonly nextId: () => number;

  constructor(private readonly db: Db) {
    this.createStmt = db.prepare('INSERT INTO families (id, platform, owner_id, created_at) VALUES (?, ?, ?, ?)');
    this.ownerStmt = db.prepare('SELECT owner_id FROM families WHERE id = ? AND platform = ?').pluck();
    this.adoptStmt = db.prepare("UPDATE families SET owner_id = ? WHERE id = ? AND owner_id = ''");
    this.linkStmt = db.prepare(
      'INSERT INTO family_groups (platform, group_id, family_id, shares_bans) VALUES (?, ?, ?, ?) ON CONFLICT (platform, group_id) DO UPDATE SET family_id = excluded.family_id, shares_bans = excluded.shares_bans',
    );
    this.unlinkStmt = db.prepare('DELETE FROM family_groups WHERE platform = ? AND group_id = ?');
    this.ofStmt = db.prepare('SELECT group_id AS groupId, family_id AS familyId, shares_bans AS sharesBans FROM family_groups WHERE platform = ? AND group_id = ?');
    // Oldest group first: 一群, 二群, … (overflow fills them in that order).
    this.membersStmt = db.prepare(`SELECT f.group_id AS groupId, f.family_id AS familyId, f.shares_bans AS sharesBans FROM family_groups f
      LEFT JOIN groups g ON g.platform = f.platform AND g.group_id = f.group_id WHERE f.family_id = ? ORDER BY g.first_seen, f.group_id`);
    this.banStmt = db.prepare(
      'INSERT INTO family_bans (family_id, user_id, user_name, reason, from_group, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (family_id, user_id) DO UPDATE SET reason = excluded.reason, from_group = excluded.from_group, at = excluded.at',
    );
    this.unbanStmt = db.prepare('DELETE FROM family_bans WHERE family_id = ? AND user_id = ?');
    this.bannedStmt = db.prepare('SELECT user_id AS userId, user_name AS userName, reason, from_group AS fromGroup, at FROM family_bans WHERE family_id = ? AND user_id = ?');
    this.bansStmt = db.prepare('SELECT COUNT(*) FROM family_bans WHERE family_id = ?').pluck();
    this.importStmt = db.prepare('INSERT OR IGNORE INTO imported_bans (platform, user_id, source, at) VALUES (?, ?, ?, ?)');
    this.importedStmt = db.prepare('SELECT source FROM imported_bans WHERE platform = ? AND user_id = ?').pluck();
    this.nextId = nextIdOf(db, 'families');
  }

  create(id: number, platform: string, ownerId: string, at: number): void {
    this.createStmt.run(id, platform, ownerId, at);
  }

  /** Who created the family (only they link groups to it), if it is on this platform. */
  owner(id: number, platform: string): string | undefined {
    return this.ownerStmt.get(id, platform) as string | undefined;
  }

  /** A group's own list, begun by an admin's /ban, becomes its owner's family (only then can groups join it). */
  adopt(id: number, ownerId: string): void {
    this.adoptStmt.run(ownerId, id);
  }

  link(g: GroupRef, familyId: number, sharesBans: boolean): void {
    this.linkStmt.run(g.platform, g.groupId, familyId, sharesBans ? 1 : 0);
  }

  unlink(g: GroupRef): void {
    this.unlinkStmt.run(g.platform, g.groupId);
  }

  of(g: GroupRef): FamilyGroup | undefined {
    const row = this.ofStmt.get(g.platform, g.groupId) as (Omit<FamilyGroup, 'sharesBans'> & { sharesBans: number }) | undefined;
    return row && { ...row, sharesBans: row.sharesBans === 1 };
  }

  groups(familyId: number): FamilyGroup[] {
    return (this.membersStmt.all(familyId) as (Omit<FamilyGroup, 'sharesBans'> & { sharesBans: number })[]).map((r) => ({ ...r, sharesBans: r.sharesBans === 1 }));
  }

  ban(familyId: number, b: FamilyBan): void {
    this.banStmt.run(familyId, b.userId, b.userName, b.reason, b.fromGroup, b.at);
  }

  unban(familyId: number, userId: string): void {
    this.unbanStmt.run(familyId, userId);
  }

  banned(familyId: number, userId: string): FamilyBan | undefined {
    return this.bannedStmt.get(familyId, userId) as FamilyBan | undefined;
  }

  banCount(familyId: number): number {
    return this.bansStmt.get(familyId) as number;
  }

  /** Adds a published list's ids (one transaction); returns how many were new. */
  importBans(platform: string, userIds: readonly string[], source: string, at: number): number {
    let added = 0;
    this.db.transaction(() => {
      for (const id of userIds) added += this.importStmt.run(platform, id, source, at).changes;
    })();
    return added;
  }

  /** The list a member is on, if an imported one holds them. */
  importedBan(platform: string, userId: string): string | undefined {
    return this.importedStmt.get(platform, userId) as string | undefined;
  }
}
