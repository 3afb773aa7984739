// The write-ahead log is copied back into the database off the message path. SQLite's automatic
// checkpoint ran in whichever commit crossed 1,000 pages: at 10,000 groups that commit took 26–46 ms
// instead of under 1, and every group waited.
//
// So a worker thread with its own connection does the bulk: a passive checkpoint, which takes no
// lock a writer needs. Under steady writes it never reaches the log's end, though, and SQLite
// starts the log over only after a checkpoint that did (the log grew to 8.5 GB in a soak). A
// restarting checkpoint in the worker bounded the log but blocked writers meanwhile, and a writer
// that met its lock slept in SQLite's busy handler, in steps of up to 100 ms: messages took up to
// half a second. Instead, once the log is long, the main thread finishes the pass itself between
// two decisions, when nobody is writing: it copies only what was written during the worker's pass,
// and the next commit starts the log over. Nothing ever waits on a lock. What the main thread
// pays is that copy and SQLite's two syncs (log, then database): 10–40 ms under the soak's load,
// most of it the syncs, once a second at most.
//
// The main thread also says when the worker passes, one round at a time: a finish that ran beside
// the worker's next pass synced the pages that pass was writing (a sync is per file, not per
// connection), and took 160 ms in a 1M soak.
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
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
}
parentPort.on('message', (m) => {
  if (m === 'now') checkpoint();
  if (m === 'close') {
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

const NOTHING: CheckpointResult = { log: 0, checkpointed: 0 };

/** A log this long (4 MB of pages) is finished on the main thread, so that it starts over. */
const FINISH_PAGES = 1000;

/** Runs `work` between two decisions (Units.serial): the main thread's pass never meets a writer. */
export type Between = (work: () => void) => Promise<void>;

/** The log's file is trimmed to this after a full checkpoint. */
const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** How the checkpoints went: rounds the main thread finished, and its longest pass (ms). */
export interface CheckpointStats {
  finished: number;
  longestFinishMs: number;
}

export class Checkpointer {
  private worker?: Worker;
  private timer?: NodeJS.Timeout;
  /** The round under way: the worker's pass, then perhaps the main thread's finish. */
  private round?: Promise<CheckpointResult>;
  /** Resolves the worker's pass under way. */
  private passed?: (r: CheckpointResult) => void;
  private readonly counts: CheckpointStats = { finished: 0, longestFinishMs: 0 };

  constructor(
    private readonly db: Db,
    private readonly between: Between,
    private readonly log: Logger,
    private readonly intervalMs = 1000,
  ) {}

  /** Takes over checkpointing from SQLite's automatic one (a file database only). */
  start(): void {
    if (this.worker || this.db.memory) return;
    this.db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    this.db.pragma('wal_autocheckpoint = 0');
    // execArgv: [] — the source is plain CommonJS, whatever flags this process runs with (--input-type=module).
    const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { from: createRequire(import.meta.url).resolve('better-sqlite3'), path: this.db.name } });
    w.on('message', (m: CheckpointResult | { error: string }) => {
      if ('error' in m) this.log.warn({ err: m.error }, 'checkpoint failed; tried again next time');
      this.settlePass('error' in m ? NOTHING : m);
    });
    w.on('error', (err) => {
      this.worker = undefined;
      clearInterval(this.timer);
      this.settlePass(NOTHING);
      if (!this.db.open) return; // closed without a stop (a crash, a test): nothing left to checkpoint
      // Without the worker the log would grow: SQLite checkpoints inline again.
      this.log.error({ err }, 'checkpoint worker stopped; automatic checkpoints are back');
      this.db.pragma('wal_autocheckpoint = 1000');
    });
    w.unref(); // after the listeners: attaching a 'message' listener refs the worker again
    this.worker = w;
    this.timer = setInterval(() => void this.run(false), this.intervalMs);
    this.timer.unref();
  }

  private settlePass(r: CheckpointResult): void {
    const passed = this.passed;
    this.passed = undefined;
    passed?.(r);
  }

  /**
   * One round: the worker's pass, then the main thread's finish if the log is long (or `complete`).
   * A round already under way is the timer's answer; one that must be complete waits for it and
   * runs its own, so it copies everything written before it was asked.
   */
  private run(complete: boolean): Promise<CheckpointResult> {
    const w = this.worker;
    if (!w) return Promise.resolve(NOTHING);
    if (this.round) return complete ? this.round.then(() => this.run(true)) : this.round;
    const pass = new Promise<CheckpointResult>((resolve) => {
      this.passed = resolve;
      w.postMessage('now');
    });
    const round = pass.then((r) => (complete || r.log >= FINISH_PAGES ? this.finish() : r)).finally(() => {
      this.round = undefined;
    });
    this.round = round;
    return round;
  }

  /**
   * The main thread's pass, between decisions: it copies what was written since the worker's pass
   * began, so the log is complete and the next commit starts it over. Passive, so it never waits.
   */
  private finish(): Promise<CheckpointResult> {
    let result = NOTHING;
    return this.between(() => {
      if (!this.db.open) return;
      const start = performance.now();
      try {
        const [r] = this.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
        result = { log: r!.log, checkpointed: r!.checkpointed };
        this.counts.finished++;
        this.counts.longestFinishMs = Math.max(this.counts.longestFinishMs, performance.now() - start);
      } catch (err) {
        this.log.warn({ err }, 'checkpoint failed; tried again next time');
      }
    }).then(() => result);
  }

  stats(): CheckpointStats {
    return { ...this.counts };
  }

  /** A complete checkpoint now (tests, and a clean stop); resolves with what it did. */
  now(): Promise<CheckpointResult> {
    const w = this.worker;
    if (!w) return Promise.resolve(NOTHING);
    w.ref(); // the answer is awaited: the process waits for it
    return this.run(true).finally(() => w.unref());
  }

  /** Stops the worker and gives checkpointing back to SQLite. */
  async stop(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    clearInterval(this.timer);
    w.ref(); // the process waits for the round under way and for the worker to close its connection
    await this.round;
    this.worker = undefined;
    await new Promise<void>((resolve) => {
      w.once('exit', () => resolve());
      w.postMessage('close');
    });
    this.db.pragma('wal_autocheckpoint = 1000');
  }
}
