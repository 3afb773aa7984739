import type { Config } from './config/schema.js';
import type { Action } from './engine/actions.js';
import type { Services } from './engine/context.js';
import { Engine } from './engine/engine.js';
import type { InboundEvent } from './engine/events.js';
import { Executor } from './engine/executor.js';
import type { Adapter } from './engine/port.js';
import { PrivateTargets } from './engine/privateTargets.js';
import { type Feature, Registry, highest } from './engine/registry.js';
import { messages } from './i18n/index.js';
import { QrScanner } from './media/qrScanner.js';
import type { Logger } from './log.js';
import { SettingsService } from './settings/service.js';
import type { Db } from './storage/db.js';
import { Store } from './storage/store.js';
import type { Clock } from './time/clock.js';
import { Scheduler } from './time/scheduler.js';

export interface AppOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  features: Feature[];
  adapters: Adapter[];
  /** Validated defaults for per-group settings (config `defaults`). */
  defaults?: Map<string, unknown>;
  owners?: Config['owners'];
  logMessageText?: boolean;
}

/**
 * One running Steward: storage, settings, the engine, the executor and the scheduler, wired to
 * the adapters it serves. The database must already be migrated.
 */
export class App {
  readonly store: Store;
  readonly settings: SettingsService;
  readonly registry: Registry;
  readonly engine: Engine;
  readonly executor: Executor;
  readonly scheduler: Scheduler;
  readonly services: Services;
  private readonly adapters: Map<string, Adapter>;
  private readonly scanner: QrScanner;

  constructor(private readonly opts: AppOptions) {
    const { db, clock, log } = opts;
    const owners = opts.owners ?? {};
    this.store = new Store(db);
    this.adapters = new Map(opts.adapters.map((a) => [a.platform, a]));
    this.registry = new Registry(opts.features);
    this.settings = new SettingsService(this.store.settings, this.registry.settings, opts.defaults ?? new Map());
    this.services = {
      store: this.store,
      settings: this.settings,
      registry: this.registry,
      clock,
      log,
      levelOf: (group, sender) => {
        const stored = this.store.members.get(group, sender.id);
        return highest(
          (owners[group.platform] ?? []).includes(sender.id) ? 'owner' : undefined,
          sender.role,
          stored?.role,
          stored?.platformRole,
        );
      },
      privateTargets: new PrivateTargets(),
      capabilities: (platform) => {
        const adapter = this.adapters.get(platform);
        if (!adapter) throw new Error(`no adapter for platform "${platform}"`);
        return adapter.capabilities;
      },
    };
    this.engine = new Engine(this.services, this.registry);
    this.scanner = new QrScanner();
    this.executor = new Executor(this.adapters, this.store, this.settings, owners, clock, log, { scanner: this.scanner, found: (e) => this.dispatch(e) });
    this.scheduler = new Scheduler(
      this.store.jobs,
      clock,
      async (job) => {
        const out = await this.engine.runJob(job);
        await this.executor.execute(out.actions);
        return out;
      },
      log,
    );
  }

  private lastPrune = 0;

  /** The periodic heartbeat: due jobs, the activity ledger's buffered counts, hourly tidying. */
  async tick(): Promise<number> {
    const ran = await this.scheduler.tick();
    this.store.activity.flush();
    const now = this.services.clock.now().getTime();
    if (now - this.lastPrune >= 3_600_000) {
      this.lastPrune = now;
      this.store.buttonKeywords.prune(now);
    }
    return ran;
  }

  /** The whole inbound path: decide, then act. Adapters call this for every event. */
  readonly dispatch = async (event: InboundEvent): Promise<Action[]> => {
    const { log } = this.opts;
    if (log.isLevelEnabled('debug') || this.opts.logMessageText) {
      const text = event.type === 'message' ? event.text : undefined;
      log[this.opts.logMessageText ? 'info' : 'debug']({ event: event.type, group: event.groupId, text }, 'event');
    }
    const actions = await this.engine.handle(event);
    await this.executor.execute(actions);
    return actions;
  };

  /** Reports jobs a crash interrupted, then starts every adapter. */
  async start(): Promise<void> {
    for (const job of this.scheduler.recover()) {
      const t = messages(this.settings.for(job).language);
      await this.executor.execute([
        { type: 'notifyOwner', platform: job.platform, groupId: job.groupId, text: t.jobs.interrupted(job.kind) },
      ]);
    }
    for (const adapter of this.adapters.values()) {
      const state = this.store.platformState;
      await adapter.start(this.dispatch, {
        get: (key) => state.get(adapter.platform, key),
        set: (key, value) => state.set(adapter.platform, key, value),
      });
      if (adapter.botUsername) this.engine.botUsername = adapter.botUsername;
    }
  }

  async stop(): Promise<void> {
    await this.executor.settled(); // pictures being looked at finish (each has a time limit)
    for (const adapter of this.adapters.values()) await adapter.stop();
    await this.scanner.close();
    this.store.activity.flush();
  }
}
