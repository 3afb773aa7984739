// The write-ahead log is copied back into the database by a worker thread with its own
// connection, never inline in a decision's commit. SQLite's automatic checkpoint ran in whichever
// commit crossed 1,000 pages: at 10,000 groups that commit took 26–46 ms instead of under 1, and
// every group waited. A passive checkpoint takes no lock a writer needs, so the copying never makes
// the bot wait. It cannot finish while the bot keeps writing, though, and the log grew without end
// (8.5 GB after 600,000 soak messages; trimming it back stalled one message 2 s): so a restarting
// checkpoint follows, which copies what was written meanwhile and starts the log over.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log.js';
import type { Db } from './db.js';

/** Plain JavaScript, evaluated in the worker, so it runs the same under tsx, vitest and a build. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('node:module').createRequire(workerData.from)('better-sqlite3');
const db = new Database(workerData.path, { timeout: 5000 });
function checkpoint() {
  try {
    let [r] = db.pragma('wal_checkpoint(PASSIVE)');
    // Under steady writes a passive checkpoint never catches up with the log's end, and only a
    // complete one lets SQLite start the log over: once the bulk is copied, a restarting checkpoint
    // copies the little written meanwhile (writers wait that long) and resets the log.
    if (r.log >= workerData.restartPages) [r] = db.pragma('wal_checkpoint(RESTART)');
    parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
}
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'now') checkpoint();
  if (m === 'close') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

export interface CheckpointResult {
  /** Pages in the log, and how many of them are now in the database. */
  log: number;
  checkpointed: number;
}

/** A log this long (4 MB of pages) is started over after its checkpoint. */
const RESTART_PAGES = 1000;

/** The log's file is trimmed to this after a full checkpoint. */
const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

export class Checkpointer {
  private worker?: Worker;
  private waiting: ((r: CheckpointResult) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly intervalMs = 1000,
  ) {}

  /** Takes over checkpointing from SQLite's automatic one (a file database only). */
  start(): void {
    if (this.worker || this.db.memory) return;
    this.db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    this.db.pragma('wal_autocheckpoint = 0');
    // execArgv: [] — the source is plain CommonJS, whatever flags this process runs with (--input-type=module).
    const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { from: createRequire(import.meta.url).resolve('better-sqlite3'), path: this.db.name, intervalMs: this.intervalMs, restartPages: RESTART_PAGES } });
    w.on('message', (m: CheckpointResult | { error: string }) => {
      if ('error' in m) {
        this.log.warn({ err: m.error }, 'checkpoint failed; tried again next time');
        return;
      }
      for (const resolve of this.waiting.splice(0)) resolve(m);
    });
    w.on('error', (err) => {
      this.worker = undefined;
      for (const resolve of this.waiting.splice(0)) resolve({ log: 0, checkpointed: 0 });
      if (!this.db.open) return; // closed without a stop (a crash, a test): nothing left to checkpoint
      // Without the worker the log would grow: SQLite checkpoints inline again.
      this.log.error({ err }, 'checkpoint worker stopped; automatic checkpoints are back');
      this.db.pragma('wal_autocheckpoint = 1000');
    });
    w.unref(); // after the listeners: attaching a 'message' listener refs the worker again
    this.worker = w;
  }

  /** A checkpoint now (tests, and a clean stop); resolves with what it did. */
  now(): Promise<CheckpointResult> {
    const w = this.worker;
    if (!w) return Promise.resolve({ log: 0, checkpointed: 0 });
    w.ref(); // the answer is awaited: the process waits for it
    return new Promise((resolve) => {
      this.waiting.push((r) => {
        w.unref();
        resolve(r);
      });
      w.postMessage('now');
    });
  }

  /** Stops the worker and gives checkpointing back to SQLite. */
  async stop(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    this.worker = undefined;
    w.ref(); // the process waits for the worker to close its connection
    await new Promise<void>((resolve) => {
      w.once('exit', () => resolve());
      w.postMessage('close');
    });
    this.db.pragma('wal_autocheckpoint = 1000');
  }
}
