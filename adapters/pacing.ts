// Platforms punish bots that post fast: Telegram answers 429 (about one message a second and
// twenty a minute per group, thirty a second overall); WeChat bans the account. Neither SDK
// paces or retries for us, so every adapter sends through this queue.

export interface PacingOptions {
  perChatIntervalMs: number;
  perChatPerMinute: number;
  globalPerSecond: number;
  /** Least time between any two sends, whatever the chat (WeChat). */
  globalIntervalMs?: number;
}

/** How long to wait before trying a failed call again, or undefined to give up. */
export type RetryPolicy = (err: unknown, attempt: number) => number | undefined;

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

interface Task {
  run(): Promise<unknown>;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  attempt: number;
}

interface Lane {
  queue: Task[];
  busy: boolean;
  notBefore: number;
  recent: number[]; // send times within the last minute
}

/**
 * An outbound queue per chat. Within a chat, messages leave in order, one at a time, at least
 * perChatIntervalMs apart and at most perChatPerMinute a minute; across chats at most
 * globalPerSecond a second. A retryable failure (429 with retry_after, 5xx, network) holds the
 * chat's lane and tries the same message again, so nothing is lost or reordered.
 */
export class Outbox {
  private readonly lanes = new Map<string, Lane>();
  /** Chats with something to send and no call in flight, in turn order: all a pump looks at. */
  private readonly waiting = new Set<string>();
  /** Lanes are swept of chats quiet for a minute once there are twice as many as after the last sweep. */
  private sweepAt = 1024;
  private readonly globalRecent: number[] = [];
  private globalNotBefore = 0;
  private timer: unknown;
  private idle: (() => void)[] = [];

  constructor(
    private readonly opts: PacingOptions,
    private readonly retry: RetryPolicy,
    private readonly timers: Timers = realTimers,
  ) {}

  send<T>(chatId: string, run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let lane = this.lanes.get(chatId);
      if (!lane) {
        if (this.lanes.size >= this.sweepAt) this.sweep();
        this.lanes.set(chatId, (lane = { queue: [], busy: false, notBefore: 0, recent: [] }));
      }
      lane.queue.push({ run, resolve: resolve as (v: unknown) => void, reject, attempt: 0 });
      if (!lane.busy) this.waiting.add(chatId);
      this.pump();
    });
  }

  /** Chats the queue keeps pacing state for. */
  get chats(): number {
    return this.lanes.size;
  }

  get pending(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.queue.length;
    return n;
  }

  /** Forgets chats with nothing queued, nothing in flight and nothing sent in the last minute. */
  private sweep(): void {
    const now = this.timers.now();
    for (const [chatId, lane] of this.lanes) {
      if (!lane.busy && !lane.queue.length && lane.notBefore <= now && (lane.recent.at(-1) ?? -Infinity) <= now - 60_000) this.lanes.delete(chatId);
    }
    this.sweepAt = Math.max(1024, 2 * this.lanes.size);
  }

  /** Resolves when everything queued so far has been sent or given up. */
  drained(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    const now = this.timers.now();
    let wakeAt = Infinity;
    for (const chatId of this.waiting) {
      const lane = this.lanes.get(chatId)!;
      const at = Math.max(
        lane.notBefore,
        this.globalNotBefore,
        this.windowFreeAt(lane.recent, this.opts.perChatPerMinute, 60_000, now),
        this.windowFreeAt(this.globalRecent, this.opts.globalPerSecond, 1000, now),
      );
      if (at > now) {
        wakeAt = Math.min(wakeAt, at);
        continue;
      }
      this.start(chatId, lane, now);
    }
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = wakeAt === Infinity ? undefined : this.timers.setTimeout(() => this.pump(), Math.max(1, Math.ceil(wakeAt - now)));
    if (!this.pending && this.idle.length) for (const done of this.idle.splice(0)) done();
  }

  /** The earliest time one more send fits in a sliding window of `size` per `span` ms. */
  private windowFreeAt(recent: number[], size: number, span: number, now: number): number {
    while (recent.length && recent[0]! <= now - span) recent.shift();
    return recent.length < size ? now : recent[recent.length - size]! + span;
  }

  private start(chatId: string, lane: Lane, now: number): void {
    const task = lane.queue[0]!;
    lane.busy = true;
    lane.recent.push(now);
    this.globalRecent.push(now);
    this.globalNotBefore = now + (this.opts.globalIntervalMs ?? 0);
    this.waiting.delete(chatId);
    task.run().then(
      (value) => {
        lane.queue.shift();
        task.resolve(value);
        this.finish(chatId, lane, 0);
      },
      (err: unknown) => {
        const wait = this.retry(err, ++task.attempt);
        if (wait === undefined) {
          lane.queue.shift();
          task.reject(err);
          this.finish(chatId, lane, 0);
        } else {
          this.finish(chatId, lane, wait);
        }
      },
    );
  }

  private finish(chatId: string, lane: Lane, extraWait: number): void {
    lane.busy = false;
    lane.notBefore = this.timers.now() + Math.max(this.opts.perChatIntervalMs, extraWait);
    // Serve chats round-robin: this one goes to the back of the line.
    if (lane.queue.length) this.waiting.add(chatId);
    this.pump();
  }
}
