import type { Db } from './db.js';
import type { GroupRef } from './groups.js';

export interface JobRow {
  id: number;
  platform: string;
  groupId: string;
  kind: string;
  key: string;
  dueAt: number;
  payload: unknown;
  state: string;
}

export interface NewJob extends GroupRef {
  kind: string;
  key: string;
  dueAt: number;
  payload?: unknown;
}

const COLUMNS = 'id, platform, group_id AS groupId, kind, key, due_at AS dueAt, payload, state';
type RawJob = Omit<JobRow, 'payload'> & { payload: string };
const parse = (r: RawJob): JobRow => ({ ...r, payload: JSON.parse(r.payload) as unknown });

export class JobsRepo {
  private readonly upsert;
  private readonly dueStmt;
  private readonly claimStmt;
  private readonly finishStmt;
  private readonly nextStmt;
  private readonly runningStmt;
  private readonly cancelStmt;
  private readonly pendingStmt;
  private readonly deliveredStmt;
  private readonly historyStmt;
  private readonly stateStmt;
  private readonly anyPendingStmt;

  constructor(db: Db) {
    // Re-scheduling a pending job moves it; a finished one is scheduled afresh under its key.
    this.upsert = db.prepare(`INSERT INTO jobs (platform, group_id, kind, key, due_at, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (platform, group_id, kind, key) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload,
        state = 'pending', finished_at = NULL, error = NULL
      WHERE jobs.state <> 'running'`);
    this.dueStmt = db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?`);
    this.claimStmt = db.prepare(`UPDATE jobs SET state = 'running' WHERE id = ? AND state = 'pending'`);
    this.finishStmt = db.prepare('UPDATE jobs SET state = ?, finished_at = ?, error = ? WHERE id = ?');
    this.nextStmt = db.prepare(`SELECT MIN(due_at) AS dueAt FROM jobs WHERE state = 'pending'`);
    this.runningStmt = db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE state = 'running'`);
    this.historyStmt = db.prepare('SELECT kind, key, state, error FROM jobs WHERE platform = ? AND group_id = ? ORDER BY id LIMIT ?');
    this.anyPendingStmt = db.prepare(`SELECT 1 FROM jobs WHERE platform = ? AND group_id = ? AND kind = ? AND state = 'pending' LIMIT 1`).pluck();
    this.stateStmt = db.prepare('SELECT state, error FROM jobs WHERE platform = ? AND group_id = ? AND kind = ? AND key = ?');
    this.cancelStmt = db.prepare(`UPDATE jobs SET state = 'cancelled' WHERE platform = ? AND group_id = ? AND kind = ? AND key = ? AND state = 'pending'`);
    this.deliveredStmt = db.prepare(`UPDATE jobs SET state = CASE WHEN @error IS NULL THEN 'done' ELSE 'failed' END, finished_at = @at,
      error = @error WHERE id = @id AND state = 'sending'`);
    this.pendingStmt = db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE platform = ? AND group_id = ? AND kind = ? AND state = 'pending' ORDER BY due_at, id`);
  }

  schedule(job: NewJob, now: number): void {
    const changed = this.upsert.run(job.platform, job.groupId, job.kind, job.key, job.dueAt, JSON.stringify(job.payload ?? null), now).changes;
    // The only row the upsert leaves alone is a running one: a handler rescheduling itself.
    if (!changed) throw new Error(`job ${job.kind}/${job.key} is running: return \`next\` from its handler instead of scheduling it`);
  }

  cancel(g: GroupRef, kind: string, key: string): boolean {
    return this.cancelStmt.run(g.platform, g.groupId, kind, key).changes > 0;
  }

  pending(g: GroupRef, kind: string): JobRow[] {
    return (this.pendingStmt.all(g.platform, g.groupId, kind) as RawJob[]).map(parse);
  }

  /** Whether the group has a job of this kind waiting (cheaper than reading them: no payloads). */
  hasPending(g: GroupRef, kind: string): boolean {
    return this.anyPendingStmt.get(g.platform, g.groupId, kind) !== undefined;
  }

  due(now: number, limit = 100): JobRow[] {
    return (this.dueStmt.all(now, limit) as RawJob[]).map(parse);
  }

  /** Marks a job running; false if someone else got it first. */
  claim(id: number): boolean {
    return this.claimStmt.run(id).changes > 0;
  }

  /**
   * The last message of a job that was 'sending' went out (or, with an error, could not): the job
   * is done (or failed). A recurring job has already moved on to its next run and is left alone.
   */
  delivered(id: number, at: number, error?: string): void {
    this.deliveredStmt.run({ error: error ?? null, at, id });
  }

  finish(id: number, state: 'done' | 'failed' | 'interrupted' | 'sending', at: number, error?: string): void {
    this.finishStmt.run(state, at, error ?? null, id);
  }

  /** A group's jobs, oldest first, with how each stands or ended (the owner's view of what ran). */
  history(g: GroupRef, limit = 50): { kind: string; key: string; state: string; error: string | null }[] {
    return this.historyStmt.all(g.platform, g.groupId, limit) as { kind: string; key: string; state: string; error: string | null }[];
  }

  /** How one job stands: pending, running, sending (handed to the outbox), done, failed (with why), cancelled. */
  stateOf(g: GroupRef, kind: string, key: string): { state: string; error: string | null } | undefined {
    return this.stateStmt.get(g.platform, g.groupId, kind, key) as { state: string; error: string | null } | undefined;
  }

  nextDueAt(): number | undefined {
    return (this.nextStmt.get() as { dueAt: number | null }).dueAt ?? undefined;
  }

  /** Jobs left 'running' by a process that died mid-job. */
  running(): JobRow[] {
    return (this.runningStmt.all() as RawJob[]).map(parse);
  }
}
