import type { Db } from './db.js';
import type { GroupRef } from './groups.js';

/** Raw per-group settings: JSON values by key. Validation lives in src/settings. */
export class SettingsRepo {
  private readonly allStmt;
  private readonly upsert;
  private readonly deleteStmt;

  constructor(private readonly db: Db) {
    this.allStmt = db.prepare('SELECT key, value FROM settings WHERE platform = ? AND group_id = ?');
    this.upsert = db.prepare(`INSERT INTO settings (platform, group_id, key, value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (platform, group_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
        updated_by = excluded.updated_by`);
    this.deleteStmt = db.prepare('DELETE FROM settings WHERE platform = ? AND group_id = ? AND key = ?');
  }

  all(g: GroupRef): Map<string, unknown> {
    const rows = this.allStmt.all(g.platform, g.groupId) as { key: string; value: string }[];
    return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  }

  /** Writes several keys at once: all of them or, on any error, none. */
  setMany(g: GroupRef, values: ReadonlyMap<string, unknown>, by: string | undefined, at: number): void {
    this.db.transaction(() => {
      for (const [key, value] of values) {
        if (value === undefined) this.deleteStmt.run(g.platform, g.groupId, key);
        else this.upsert.run(g.platform, g.groupId, key, JSON.stringify(value), at, by ?? null);
      }
    })();
  }
}
