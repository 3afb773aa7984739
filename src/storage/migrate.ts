import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const FILE_RE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function loadMigrations(dir: string): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = FILE_RE.exec(file);
    if (!m) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    migrations.push({
      version: Number(m[1]),
      name: file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  migrations.forEach((mig, i) => {
    if (mig.version !== i + 1) throw new MigrationError(`migrations must be numbered 0001, 0002, … without gaps: found ${mig.name}`);
  });
  return migrations;
}

/**
 * Brings the database to the build's schema. Refuses to run against a database that holds a
 * migration this build does not know (a newer Steward wrote it) or whose text changed since it
 * was applied: either way the code and the data no longer agree.
 */
export function migrate(db: Db, migrations: Migration[], now: number): { applied: string[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const done = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of done) {
    const mine = known.get(row.version);
    if (!mine) {
      throw new MigrationError(
        `the database holds migration ${row.name}, which this build of Steward does not know; run a newer Steward or restore a backup`,
      );
    }
    if (mine.checksum !== row.checksum) {
      throw new MigrationError(`migration ${row.name} was changed after it was applied; migrations are never edited once landed`);
    }
  }
  const pending = migrations.filter((m) => !done.some((d) => d.version === m.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, now);
    }
  })();
  return { applied: pending.map((m) => m.name) };
}
