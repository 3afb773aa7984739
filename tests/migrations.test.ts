import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationsDir } from '../src/paths.js';
import { openDatabase } from '../src/storage/db.js';
import { MigrationError, loadMigrations, migrate } from '../src/storage/migrate.js';
import { tempDir } from './support/recording.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const tables = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('a fresh database gets every migration, recorded in order', () => {
    const db = openDatabase(join(tmp.dir, 'fresh.db'));
    const all = loadMigrations(migrationsDir);
    const { applied } = migrate(db, all, 1000);
    expect(applied).toEqual(all.map((m) => m.name));
    expect(tables(db)).toEqual(expect.arrayContaining(['groups', 'members', 'settings', 'activity', 'jobs', 'action_log', 'schema_migrations']));
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(all.map((m) => m.version));
    db.close();
  });

  it("what the topic model learns from is kept as hashed features: the table has no column for a member's text", () => {
    const db = openDatabase(join(tmp.dir, 'privacy.db'));
    migrate(db, loadMigrations(migrationsDir), 1000);
    const columns = (db.prepare('PRAGMA table_info(topic_examples)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('features');
    expect(columns).not.toContain('text');
    db.close();
  });

  it('start-up reads only what is live: the newcomers still on their way come from an index, not a scan', () => {
    const db = openDatabase(join(tmp.dir, 'plan.db'));
    migrate(db, loadMigrations(migrationsDir), 1000);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT platform, group_id AS g, user_id AS u FROM newcomers WHERE stage <> 'done'").all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/USING (COVERING )?INDEX newcomers_on_their_way/); // the partial index holds only the newcomers still on their way
    db.close();
  });

  it('running again applies nothing and keeps the data', () => {
    const path = join(tmp.dir, 'again.db');
    const all = loadMigrations(migrationsDir);
    let db = openDatabase(path);
    migrate(db, all, 1000);
    db.prepare("INSERT INTO groups (platform, group_id, first_seen) VALUES ('t', 'g', 1)").run();
    db.close();
    db = openDatabase(path);
    expect(migrate(db, all, 2000).applied).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM groups').pluck().get()).toBe(1);
    db.close();
  });

  it('refuses a database that holds a migration this build does not know', () => {
    const db = openDatabase(join(tmp.dir, 'newer.db'));
    const all = loadMigrations(migrationsDir);
    migrate(db, all, 1000);
    db.prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, '0999_from_the_future.sql', 'x', 1)").run();
    expect(() => migrate(db, all, 2000)).toThrow(MigrationError);
    expect(() => migrate(db, all, 2000)).toThrow(/0999_from_the_future\.sql.*does not know/);
    db.close();
  });

  it('refuses a migration whose text changed after it was applied', () => {
    const db = openDatabase(join(tmp.dir, 'edited.db'));
    const all = loadMigrations(migrationsDir);
    migrate(db, all, 1000);
    const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
    expect(() => migrate(db, edited, 2000)).toThrow(/was changed after it was applied/);
    db.close();
  });

  it('a failing migration leaves the database as it was', () => {
    const dir = join(tmp.dir, 'migs');
    mkdirSync(dir);
    writeFileSync(join(dir, '0001_ok.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(dir, '0002_broken.sql'), 'CREATE TABLE b (x INTEGER); THIS IS NOT SQL;');
    const db = openDatabase(join(tmp.dir, 'broken.db'));
    expect(() => migrate(db, loadMigrations(dir), 1000)).toThrow();
    expect(tables(db)).toEqual(['schema_migrations']);
    db.close();
  });

  it('numbering must have no gaps', () => {
    const dir = join(tmp.dir, 'gap');
    mkdirSync(dir);
    writeFileSync(join(dir, '0001_a.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '0003_c.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow(/without gaps/);
  });

  it('the database runs in WAL mode with foreign keys on', () => {
    const db = openDatabase(join(tmp.dir, 'pragmas.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });
});
