import type { Db } from './db.js';

/**
 * One decision at a time, each in one SQLite transaction: what the engine recorded, the messages it
 * decided to send (the outbox) and the event marked handled commit together or not at all.
 *
 * Decisions are synchronous in practice (rules and commands await no I/O: slow work such as
 * looking at a picture is an action whose result comes back as a new event), so holding the
 * transaction across their `await`s costs nothing and one group never waits on another's network.
 * Everything else that writes while the app runs (delivery bookkeeping, the activity flush) goes
 * through `serial`, so it never lands inside someone else's open transaction.
 */
export class Units {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly begin;
  private readonly commit;
  private readonly rollback;

  constructor(private readonly db: Db) {
    // Immediate: the write lock is taken (waiting through the busy timeout if another connection
    // holds it) before anything is read. A deferred transaction that read first and then met
    // another's commit could not upgrade at all (SQLITE_BUSY, no waiting). In WAL mode the lock
    // costs little, and readers (the dashboard) never wait for it.
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  /** Runs `work` after every unit before it, inside one transaction; a throw rolls it all back. */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    return this.serial(() => this.inTransaction(work));
  }

  private async inTransaction<T>(work: () => T | Promise<T>): Promise<T> {
    this.begin.run();
    try {
      const result = await work();
      this.commit.run();
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.rollback.run();
      throw err;
    }
  }

  /** Runs `work` after every unit before it, without a transaction of its own. */
  serial<T>(work: () => T | Promise<T>): Promise<T> {
    const next = this.tail.then(work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
