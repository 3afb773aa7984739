import type { Logger } from 'pino';
import { messages } from '../i18n/index.js';
import type { SettingsService } from '../settings/service.js';
import type { LaneRef, OutboxRow } from '../storage/outbox.js';
import type { Store } from '../storage/store.js';
import type { Units } from '../storage/units.js';
import type { Clock } from '../time/clock.js';
import type { ActionResult } from './actions.js';
import { type Executor, isMessage, isModeration } from './executor.js';

export interface DeliveryLimits {
  /** A chat that has refused every message this long is given up on, and its owner told. */
  giveUpMs: number;
}

/** Waits between tries of a message the platform did not take: 30 s, 1 min, 2 min, … 30 min. */
export const retryBackoff = (attempt: number): number => Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));

interface Worker {
  done: Promise<void>;
  /** Set when new rows arrive while the worker runs, so it looks once more before it leaves. */
  again: boolean;
}

const keyOf = (lane: LaneRef) => `${lane.platform}\u0000${lane.lane}`;

/** Lanes waiting out a back-off, soonest first: a binary heap, so taking the next due lane costs O(log n). */
export class BackOffs {
  private readonly heap: { at: number; lane: LaneRef }[] = [];

  push(at: number, lane: LaneRef): void {
    const h = this.heap;
    h.push({ at, lane });
    for (let i = h.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (h[up]!.at <= h[i]!.at) break;
      [h[up], h[i]] = [h[i]!, h[up]!];
      i = up;
    }
  }

  /** Every lane due by `now`, soonest first (a lane may come twice; delivery takes its head once). */
  takeDue(now: number): LaneRef[] {
    const h = this.heap;
    const due: LaneRef[] = [];
    while (h.length && h[0]!.at <= now) {
      due.push(h[0]!.lane);
      const last = h.pop()!;
      if (!h.length) break;
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.at < h[m]!.at) m = l;
        if (r < h.length && h[r]!.at < h[m]!.at) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return due;
  }

  get size(): number {
    return this.heap.length;
  }
}

/**
 * Takes rows from the durable outbox and carries them out, one at a time per lane (a chat's
 * messages, or its moderation calls), many lanes at once; the adapter paces what it sends. A row
 * leaves the outbox only once the platform took it, or it went stale, or its chat was given up
 * on: delivery is at least once, in order per chat, and survives any restart.
 */
export class Delivery {
  private readonly workers = new Map<string, Worker>();
  /** Lanes whose head waits out a back-off, by when it may go. */
  private readonly backOffs = new BackOffs();
  /** Until the first resume, the outbox is read whole (what a restart left, back-offs included). */
  private resumed = false;
  private stopping = false;

  constructor(
    private readonly store: Store,
    private readonly units: Units,
    private readonly executor: Executor,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly limits: DeliveryLimits,
  ) {}

  /** Delivers the lanes a committed decision just wrote to. */
  kick(lanes: readonly LaneRef[]): void {
    for (const lane of lanes) {
      if (this.stopping) return;
      const running = this.workers.get(keyOf(lane));
      if (running) {
        running.again = true;
        continue;
      }
      const worker: Worker = { again: false, done: Promise.resolve() };
      this.workers.set(keyOf(lane), worker);
      worker.done = this.work(lane, worker).catch((err: unknown) => {
        this.workers.delete(keyOf(lane));
        this.log.error({ err, lane: lane.lane }, 'delivery failed');
      });
    }
  }

  /**
   * Every lane whose next row may go now. At start-up every lane with rows is looked at (what a
   * restart left); on each tick after that, only the lanes whose back-off ended.
   */
  async resume(): Promise<void> {
    if (!this.resumed) {
      this.resumed = true;
      this.kick(await this.units.serial(() => this.store.outbox.lanes()));
      return;
    }
    this.kick(this.backOffs.takeDue(this.clock.now().getTime()));
  }

  get busy(): boolean {
    return this.workers.size > 0;
  }

  /** Resolves when no lane is being delivered (rows waiting out a back-off do not count). */
  async settled(): Promise<void> {
    while (this.workers.size) await Promise.all([...this.workers.values()].map((w) => w.done));
  }

  /**
   * Stops taking rows: lanes go on for up to `graceMs`, then each finishes the call it is making.
   * What is left stays in the outbox for the next start.
   */
  async stop(graceMs: number): Promise<void> {
    const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
    await Promise.race([this.settled(), wait(graceMs)]);
    this.stopping = true;
    await Promise.race([this.settled(), wait(10_000)]);
  }

  private async work(lane: LaneRef, worker: Worker): Promise<void> {
    for (;;) {
      worker.again = false;
      const row = await this.units.serial(() => this.store.outbox.head(lane));
      const now = this.clock.now().getTime();
      if (this.stopping || !row || row.notBefore > now) {
        if (!row && worker.again && !this.stopping) continue;
        // A row in back-off is picked up again by resume() on the tick after it ends.
        if (row && !this.stopping) this.backOffs.push(row.notBefore, lane);
        this.workers.delete(keyOf(lane));
        return;
      }
      if (row.expiresAt !== null && row.expiresAt <= now) {
        this.log.info({ lane: lane.lane, action: row.action.type, lateMs: now - row.createdAt }, 'stale reply skipped');
        await this.units.run(() => this.finished(row, now));
        continue;
      }
      const result = await this.executor.deliver(row.action);
      const follow = await this.units.run(() => this.settle(row, result));
      this.kick(follow);
    }
  }

  /** Books the outcome of one call; returns the lanes of anything it planned in response. */
  private settle(row: OutboxRow, result: ActionResult): LaneRef[] {
    const now = this.clock.now().getTime();
    const action = row.action;
    if (isModeration(action)) {
      this.finished(row, now);
      return this.executor.plan(this.executor.moderated(action, result), { at: now }).lanes;
    }
    if (result.ok || !isMessage(action) || result.why === 'rejected') {
      // A message the platform rejected for what it is (not for where it goes) will never go.
      this.finished(row, now, result.ok ? undefined : `rejected: ${result.detail ?? result.why}`);
      // Sent, but not as decided (an invite link the platform would not make): the owner hears why.
      return result.ok && result.fallback ? this.executor.plan(this.executor.sentOtherwise(action, result.fallback), { at: now }).lanes : [];
    }
    const since = row.failingSince ?? now;
    if (now - since >= this.limits.giveUpMs) return this.giveUp(row, result.detail ?? result.why, now - since);
    this.store.outbox.failed(row.id, now, now + retryBackoff(row.attempts + 1), result.detail ?? result.why);
    return [];
  }

  private finished(row: OutboxRow, now: number, error?: string): void {
    this.store.outbox.done(row.id);
    if (row.jobId === null || this.store.outbox.jobPending(row.jobId)) return;
    this.store.jobs.delivered(row.jobId, now, error);
  }

  /** The chat has refused messages for hours (bot removed, group gone): drop its lane, tell the owner. */
  private giveUp(row: OutboxRow, why: string, failingMs: number): LaneRef[] {
    const now = this.clock.now().getTime();
    const dropped = this.store.outbox.dropLane(row);
    this.log.warn({ lane: row.lane, dropped: dropped.length, failingMs, why }, 'chat refuses messages; its outbox was dropped');
    for (const r of dropped) if (r.jobId !== null) this.store.jobs.delivered(r.jobId, now, `undeliverable: ${why}`);
    // A member's private chat that refuses (they blocked the bot) concerns no owner.
    if (row.lane !== `chat:${row.groupId}`) return [];
    const g = { platform: row.platform, groupId: row.groupId };
    const t = messages(this.settings.for(g).language);
    const title = this.store.groups.label(g);
    const text = t.outbox.undeliverable(title, Math.round(failingMs / 3_600_000), dropped.length, why);
    return this.executor.plan([{ type: 'notifyOwner', ...g, text }], { at: now }).lanes;
  }
}
