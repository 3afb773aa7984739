import type { Logger } from 'pino';
import type { JobRow, JobsRepo, NewJob } from '../storage/jobs.js';
import type { Clock, ManualClock } from './clock.js';

/** Runs one job and says whether (and when) it recurs. Errors mark the job failed. */
export type JobRunner = (job: JobRow) => Promise<{ next?: { dueAt: Date; payload?: unknown } } | void>;

/**
 * Persisted jobs, run from a tick. A job is claimed ('running') before it runs and finished after,
 * so a crash in between leaves it 'running': on the next start it is marked 'interrupted' and
 * reported, never run a second time. Nothing due is lost: jobs that fell due while the process was
 * down run at the first tick, and their handlers see how late they are.
 */
export class Scheduler {
  private ticking: Promise<number> | undefined;

  constructor(
    private readonly jobs: JobsRepo,
    private readonly clock: Clock,
    private readonly run: JobRunner,
    private readonly log: Logger,
  ) {}

  schedule(job: NewJob): void {
    this.jobs.schedule(job, this.clock.now().getTime());
  }

  /** Call once at start-up: jobs a dead process left half-done, now marked interrupted. */
  recover(): JobRow[] {
    const stuck = this.jobs.running();
    const at = this.clock.now().getTime();
    for (const job of stuck) this.jobs.finish(job.id, 'interrupted', at, 'the process stopped while this job ran');
    return stuck;
  }

  /** Runs every job due by now, oldest first. Overlapping calls share one pass. */
  tick(): Promise<number> {
    this.ticking ??= this.pass().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async pass(): Promise<number> {
    let count = 0;
    for (;;) {
      const batch = this.jobs.due(this.clock.now().getTime());
      if (!batch.length) return count;
      for (const job of batch) {
        if (!this.jobs.claim(job.id)) continue;
        count++;
        await this.runOne(job);
      }
    }
  }

  private async runOne(job: JobRow): Promise<void> {
    try {
      const out = await this.run(job);
      const at = this.clock.now().getTime();
      this.jobs.transaction(() => {
        this.jobs.finish(job.id, 'done', at);
        if (out?.next) this.jobs.schedule({ ...job, dueAt: out.next.dueAt.getTime(), payload: out.next.payload ?? job.payload }, at);
      });
    } catch (err) {
      this.log.error({ err, job: job.kind, group: job.groupId }, 'job failed');
      this.jobs.finish(job.id, 'failed', this.clock.now().getTime(), err instanceof Error ? err.message : String(err));
    }
  }

  /**
   * Moves a manual clock to `target`, stopping at each job's due time on the way so that jobs
   * run in order and see the time they were due (the simulator's `:advance`, and tests).
   */
  async advanceTo(clock: ManualClock, target: Date): Promise<number> {
    let count = 0;
    for (;;) {
      const next = this.jobs.nextDueAt();
      if (next === undefined || next > target.getTime()) break;
      if (next > clock.now().getTime()) clock.set(next);
      count += await this.tick();
    }
    if (target.getTime() > clock.now().getTime()) clock.set(target);
    return count + (await this.tick());
  }
}
