import Database from 'better-sqlite3';
import { join } from 'node:path';

/** Raw better-sqlite3 single-row inserts per second (WAL, synchronous=NORMAL): the baseline. */
export function rawInsertsPerSec(dir: string, n: number, name = 'raw'): number {
  const db = new Database(join(dir, `${name}-${process.hrtime.bigint()}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER)');
  const insert = db.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) insert.run(`row ${i}`, i); // one implicit transaction per insert
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  return n / seconds;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
