// Every rule and schedule asks an injected clock; only systemClock touches the real time.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: tests, benchmarks and the simulator. */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start: Date | string | number = 0) {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  set(to: Date | string | number): void {
    const ms = new Date(to).getTime();
    if (Number.isNaN(ms)) throw new RangeError(`not a time: ${String(to)}`);
    this.ms = ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/**
 * The simulator's clock: follows real time until someone sets it, then moves only when told.
 * A person trying the bot gets the real time; a script that says `:clock` gets repeatable runs.
 */
export class SimulatedClock extends ManualClock {
  private live = true;
  constructor(private readonly real: Clock = systemClock) {
    super(real.now());
  }
  get isLive(): boolean {
    return this.live;
  }
  override now(): Date {
    return this.live ? this.real.now() : super.now();
  }
  override set(to: Date | string | number): void {
    if (this.live) super.set(this.real.now());
    this.live = false;
    super.set(to);
  }
  override advance(ms: number): void {
    this.set(this.now().getTime() + ms);
  }
}
