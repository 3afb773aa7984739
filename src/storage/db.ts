import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type Db = Database.Database;

/** A database path that cannot work; the message names the path and the problem. */
export class DatabasePathError extends Error {
  override name = 'DatabasePathError';
}

/** Kernel filesystems that look like files and hold no database (reads may even block). */
const PSEUDO_FILESYSTEMS = new Set([0x9fa0 /* proc */, 0x62656572 /* sysfs */, 0x1cd1 /* devpts */, 0x64626720 /* debugfs */]);

/** Why `path` cannot hold the database, or undefined if it can be tried. */
export function databasePathProblem(path: string): string | undefined {
  const full = resolve(path);
  let existing = full;
  while (!existsSync(existing)) existing = dirname(existing);
  const stat = statSync(existing);
  if (existing === full) {
    if (stat.isDirectory()) return `${full} is a directory; name a file in it, such as ${resolve(full, 'steward.db')}`;
    if (!stat.isFile()) return `${full} is not a regular file (a device, a pipe or a socket)`;
  } else if (!stat.isDirectory()) {
    return `${existing} is a file, not a directory`;
  }
  if (PSEUDO_FILESYSTEMS.has(Number(statfsSync(existing).type))) return `${full} is on a kernel filesystem (/proc, /sys, /dev), which cannot hold a database`;
  return undefined;
}

/**
 * Opens the database with the settings Steward relies on: WAL so readers (statistics,
 * dashboard) never block message handling; synchronous=NORMAL, which in WAL mode keeps
 * every committed transaction across a process crash; foreign keys; and a busy timeout
 * so a second process waits instead of failing. A path that cannot work is refused with a
 * DatabasePathError saying why, never a stack trace or a hang.
 */
export function openDatabase(path: string): Db {
  if (path === ':memory:') return configure(new Database(path));
  const problem = databasePathProblem(path);
  if (problem) throw new DatabasePathError(problem);
  let db: Db | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    return configure(db);
  } catch (err) {
    db?.close();
    throw new DatabasePathError(`${resolve(path)} cannot be opened: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function configure(db: Db): Db {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * The id SQLite gives the next row of `table` (a code constant; an INTEGER PRIMARY KEY without
 * AUTOINCREMENT). Decisions run one at a time, so a decision may name the rows it adds, in its
 * reply or its buttons, before they are written.
 */
export function nextIdOf(db: Db, table: string): () => number {
  const stmt = db.prepare(`SELECT COALESCE(MAX(id), 0) + 1 FROM "${table}"`).pluck();
  return () => stmt.get() as number;
}
