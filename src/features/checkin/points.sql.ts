import type { Db } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export interface Reward {
  name: string;
  cost: number;
  stock: number | null;
}

export interface PendingRedemption {
  id: number;
  userId: string;
  name: string;
  reward: string;
  at: number;
}

/** Points: each member's balance and its ledger (the only writer of both), the reward catalogue, redemptions. */
export class PointsRepo {
  private readonly ensure;
  private readonly balanceStmt;
  private readonly change;
  private readonly ledger;
  private readonly historyStmt;
  private readonly rewardAdd;
  private readonly rewardRemove;
  private readonly rewardList;
  private readonly rewardGet;
  private readonly stockDown;
  private readonly redemption;
  private readonly pendingStmt;
  private readonly deliverStmt;
  private readonly pendingOneStmt;

  constructor(db: Db) {
    this.ensure = db.prepare(`INSERT INTO engagement (platform, group_id, user_id, name) VALUES (?, ?, ?, ?)
      ON CONFLICT (platform, group_id, user_id) DO NOTHING`);
    this.balanceStmt = db.prepare('SELECT points FROM engagement WHERE platform = ? AND group_id = ? AND user_id = ?');
    this.change = db.prepare('UPDATE engagement SET points = points + ? WHERE platform = ? AND group_id = ? AND user_id = ?');
    this.ledger = db.prepare('INSERT INTO points_ledger (platform, group_id, user_id, at, delta, reason, by_user) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.historyStmt = db.prepare(`SELECT at, delta, reason FROM points_ledger WHERE platform = ? AND group_id = ? AND user_id = ?
      ORDER BY at DESC, id DESC LIMIT ?`);
    this.rewardAdd = db.prepare(`INSERT INTO rewards (platform, group_id, name, cost, stock) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (platform, group_id, name) DO UPDATE SET cost = excluded.cost, stock = excluded.stock`);
    this.rewardRemove = db.prepare('DELETE FROM rewards WHERE platform = ? AND group_id = ? AND name = ?');
    this.rewardList = db.prepare('SELECT name, cost, stock FROM rewards WHERE platform = ? AND group_id = ? ORDER BY cost, name');
    this.rewardGet = db.prepare('SELECT name, cost, stock FROM rewards WHERE platform = ? AND group_id = ? AND name = ?');
    this.stockDown = db.prepare('UPDATE rewards SET stock = stock - 1 WHERE platform = ? AND group_id = ? AND name = ? AND stock IS NOT NULL');
    this.redemption = db.prepare('INSERT INTO redemptions (platform, group_id, user_id, reward, cost, at) VALUES (?, ?, ?, ?, ?, ?)');
    this.pendingStmt = db.prepare(`SELECT r.id, r.user_id AS userId, COALESCE(e.name, r.user_id) AS name, r.reward, r.at FROM redemptions r
      LEFT JOIN engagement e ON e.platform = r.platform AND e.group_id = r.group_id AND e.user_id = r.user_id
      WHERE r.platform = ? AND r.group_id = ? AND r.delivered_at IS NULL ORDER BY r.id LIMIT ?`);
    this.pendingOneStmt = db.prepare(`SELECT r.id, r.user_id AS userId, COALESCE(e.name, r.user_id) AS name, r.reward, r.at FROM redemptions r
      LEFT JOIN engagement e ON e.platform = r.platform AND e.group_id = r.group_id AND e.user_id = r.user_id
      WHERE r.platform = ? AND r.group_id = ? AND r.id = ? AND r.delivered_at IS NULL`);
    this.deliverStmt = db.prepare('UPDATE redemptions SET delivered_at = ?, delivered_by = ? WHERE platform = ? AND group_id = ? AND id = ? AND delivered_at IS NULL');
  }

  /** Redemptions the owner has not marked delivered yet, oldest first. */
  pendingRedemptions(g: GroupRef, limit = 30): PendingRedemption[] {
    return this.pendingStmt.all(g.platform, g.groupId, limit) as PendingRedemption[];
  }

  /** One redemption still waiting to be delivered. */
  pendingRedemption(g: GroupRef, id: number): PendingRedemption | undefined {
    return this.pendingOneStmt.get(g.platform, g.groupId, id) as PendingRedemption | undefined;
  }

  markDelivered(g: GroupRef, id: number, by: string, at: number): void {
    this.deliverStmt.run(at, by, g.platform, g.groupId, id);
  }

  balance(g: GroupRef, userId: string): number {
    return (this.balanceStmt.pluck().get(g.platform, g.groupId, userId) as number | undefined) ?? 0;
  }

  /** Moves points, with the reason in the ledger (`by`: the admin, or null for the bot's own awards). */
  add(g: GroupRef, m: { userId: string; name: string }, delta: number, reason: string, by: string | null, at: number): void {
    this.ensure.run(g.platform, g.groupId, m.userId, m.name);
    this.change.run(delta, g.platform, g.groupId, m.userId);
    this.ledger.run(g.platform, g.groupId, m.userId, at, delta, reason, by);
  }

  history(g: GroupRef, userId: string, limit = 10): { at: number; delta: number; reason: string }[] {
    return this.historyStmt.all(g.platform, g.groupId, userId, limit) as never;
  }

  addReward(g: GroupRef, r: Reward): void {
    this.rewardAdd.run(g.platform, g.groupId, r.name, r.cost, r.stock);
  }

  removeReward(g: GroupRef, name: string): boolean {
    return this.rewardRemove.run(g.platform, g.groupId, name).changes > 0;
  }

  rewards(g: GroupRef): Reward[] {
    return this.rewardList.all(g.platform, g.groupId) as Reward[];
  }

  reward(g: GroupRef, name: string): Reward | undefined {
    return this.rewardGet.get(g.platform, g.groupId, name) as Reward | undefined;
  }

  /** A reward handed over: one less in stock (where stock is counted), and a redemption waiting to be delivered. */
  redeemed(g: GroupRef, userId: string, reward: string, cost: number, at: number): void {
    this.stockDown.run(g.platform, g.groupId, reward);
    this.redemption.run(g.platform, g.groupId, userId, reward, cost, at);
  }
}
