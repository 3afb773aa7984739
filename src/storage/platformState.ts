import type { Db } from './db.js';

/**
 * A small key-value store per platform for what an adapter must remember across restarts
 * (Telegram's last handled update). Adapters get it through a narrow interface, never SQL.
 */
export class PlatformStateRepo {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT value FROM platform_state WHERE platform = ? AND key = ?');
    this.setStmt = db.prepare(`INSERT INTO platform_state (platform, key, value) VALUES (?, ?, ?)
      ON CONFLICT (platform, key) DO UPDATE SET value = excluded.value`);
  }

  get(platform: string, key: string): string | undefined {
    return (this.getStmt.get(platform, key) as { value: string } | undefined)?.value;
  }

  set(platform: string, key: string, value: string): void {
    this.setStmt.run(platform, key, value);
  }
}
