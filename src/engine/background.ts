// Work started after a decision commits and finished off the decision path (a picture looked at,
// a language model asked): tracked so a clean stop and the tests can wait for it to end.
import type { Logger } from 'pino';

export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  /** Runs `task` without waiting for it; a failure is logged with `fields` and `failed`, never thrown. */
  start(task: () => Promise<void>, failed: string, fields: Record<string, unknown>): void {
    const run = task()
      .catch((err: unknown) => this.log.error({ err, ...fields }, failed))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  get busy(): boolean {
    return this.running.size > 0;
  }

  /** Resolves once everything started so far (and whatever it started in turn) has ended. */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }
}
