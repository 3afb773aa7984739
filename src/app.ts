import type { Config } from './config/schema.js';
import type { Action } from './engine/actions.js';
import type { Services } from './engine/context.js';
import { Engine } from './engine/engine.js';
import type { InboundEvent } from './engine/events.js';
import { Delivery } from './engine/delivery.js';
import { Executor, type Planned } from './engine/executor.js';
import type { Adapter } from './engine/port.js';
import { PrivateTargets } from './engine/privateTargets.js';
import { type Feature, Registry } from './engine/registry.js';
import { Owners } from './engine/owners.js';
import { SecondOpinionClient, SecondOpinionRunner } from './features/adfilter/secondOpinion.js';
import { messages } from './i18n/index.js';
import { Charts } from './media/charts.js';
import { QrScanner } from './media/qrScanner.js';
import type { Logger } from './log.js';
import { SettingsService } from './settings/service.js';
import type { Db } from './storage/db.js';
import { Store } from './storage/store.js';
import { Units } from './storage/units.js';
import { Checkpointer } from './storage/checkpointer.js';
import type { CacheStats } from './storage/lru.js';
import type { Clock } from './time/clock.js';
import { Scheduler } from './time/scheduler.js';
import { HEARTBEAT_EVERY_MS, HEARTBEAT_KEY, type Heartbeat } from './health.js';
import { AdFilterRepo } from './features/adfilter/adfilter.sql.js';

export interface AppOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  features: Feature[];
  adapters: Adapter[];
  /** Rule ids in the order they run within their stage (commands/index.ts RULE_ORDER). */
  ruleOrder?: readonly string[];
  /** Validated defaults for per-group settings (config `defaults`). */
  defaults?: Map<string, unknown>;
  owners?: Config['owners'];
  logMessageText?: boolean;
  /** Config `outbox`: when a reply is too late to send, when a refusing chat is given up on. */
  outbox?: Config['outbox'];
  /** Config `secondOpinion`: the language model asked about ads, where groups choose to. */
  secondOpinion?: Config['secondOpinion'];
  /** Tests: a rule, command or job that writes while deciding fails loudly (see Engine). */
  strictDecisions?: boolean;
  /** Config `caches`: the byte budgets of the caches in front of SQLite. */
  caches?: Config['caches'];
}

/** An admin command is decided on an admin list at most this old (the platform is asked again). */
const ADMINS_FRESH_MS = 60_000;
/** How long handled event ids are kept for deduplication, and at most how many. */
const HANDLED_EVENTS_AGE_MS = 48 * 3_600_000;
const HANDLED_EVENTS_MAX = 100_000;
/** On a clean stop, the outbox goes on delivering this long before what is left waits for the next start. */
const STOP_GRACE_MS = 5_000;

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
  /** Draws the charts pictures carry (ECharts to SVG, resvg to PNG), as they are sent. */
  readonly charts = new Charts();
  readonly scheduler: Scheduler;
  readonly delivery: Delivery;
  readonly services: Services;
  /** One decision at a time, each in one transaction with what it sends. */
  readonly units: Units;
  private readonly adapters: Map<string, Adapter>;
  private readonly scanner: QrScanner;
  /** Questions to the language model, answered off the decision path. */
  readonly opinions: SecondOpinionRunner;
  /** Copies the write-ahead log into the database off the event loop, once the app runs. */
  readonly checkpointer: Checkpointer;

  constructor(private readonly opts: AppOptions) {
    const { db, clock, log } = opts;
    const mb = (n: number | undefined) => (n === undefined ? undefined : n * 1024 * 1024);
    this.store = new Store(db, { membersBytes: mb(opts.caches?.membersMB), groupsBytes: mb(opts.caches?.groupsMB) });
    const ownership = new Owners(this.store, opts.owners ?? {});
    this.units = new Units(db);
    const outbox = opts.outbox ?? { replyMaxAgeMinutes: 60, giveUpHours: 6 };
    this.adapters = new Map(opts.adapters.map((a) => [a.platform, a]));
    this.registry = new Registry(opts.features, opts.ruleOrder);
    this.settings = new SettingsService(this.store.settings, this.registry.settings, opts.defaults ?? new Map(), mb(opts.caches?.settingsMB));
    this.services = {
      store: this.store,
      settings: this.settings,
      registry: this.registry,
      clock,
      log,
      levelOf: (group, sender) => ownership.levelOf(group, sender),
      privateTargets: new PrivateTargets(),
      capabilities: (platform) => {
        const adapter = this.adapters.get(platform);
        if (!adapter) throw new Error(`no adapter for platform "${platform}"`);
        return adapter.capabilities;
      },
      privateLink: (platform, start) => this.adapters.get(platform)?.privateLink?.(start),
      explain: (event) => this.engine.explain(event),
    };
    this.engine = new Engine(this.services, this.registry, { strict: !!opts.strictDecisions });
    this.scanner = new QrScanner();
    this.checkpointer = new Checkpointer(db, (work) => this.units.serial(work), log);
    this.executor = new Executor(
      this.adapters,
      this.store,
      this.settings,
      ownership,
      clock,
      log,
      { replyMaxAgeMs: outbox.replyMaxAgeMinutes * 60_000 },
      this.registry.recorders,
      { scanner: this.scanner, found: (e) => this.dispatch(e) },
      this.charts,
    );
    this.opinions = new SecondOpinionRunner(
      opts.secondOpinion ? new SecondOpinionClient(opts.secondOpinion, clock, log) : undefined,
      (id) => {
        const q = this.store.of(AdFilterRepo).pendingQuestion(id);
        return q && { ...q, language: this.settings.for(q).language };
      },
      (e) => this.dispatch(e),
      clock,
      log,
    );
    this.delivery = new Delivery(this.store, this.units, this.executor, this.settings, clock, log, { giveUpMs: outbox.giveUpHours * 3_600_000 });
    this.scheduler = new Scheduler(
      this.store.jobs,
      this.units,
      clock,
      // Runs inside the job's transaction; what it queues goes out once that commits.
      async (job) => {
        const out = await this.engine.runJob(job);
        const planned = this.executor.plan(out.actions, { at: clock.now().getTime(), jobId: job.id });
        // Safe before the commit: delivery reads the outbox only after this transaction.
        this.afterCommit(planned);
        return { ...out, sending: planned.lanes.length > 0 };
      },
      log,
      () => this.settled(),
    );
  }

  /** How the caches in front of SQLite are doing: entries, estimated bytes, hits and misses. */
  cacheStats(): Record<string, CacheStats> {
    const own = { members: this.store.members.cacheStats(), groups: this.store.groups.cacheStats(), settings: this.settings.cacheStats() };
    return Object.assign(own, ...this.registry.rules.map((r) => r.cacheStats?.(this.store) ?? {}));
  }

  private afterCommit(planned: Planned): void {
    this.delivery.kick(planned.lanes);
    this.executor.startScans(planned.scans);
    this.opinions.start(planned.questions);
  }

  /**
   * Decides, then writes what was decided (records, and actions to the outbox) in one transaction,
   * then starts delivering. Returns what the bot does on the platform (records are its own business).
   */
  private async decide(at: number, decision: () => Promise<Action[]>): Promise<Action[]> {
    const planned = await this.units.run(async () => this.executor.plan(await decision(), { at }));
    this.afterCommit(planned);
    return planned.acts;
  }

  /** Resolves when everything decided so far has been delivered (or waits out a back-off), pictures were looked at and questions answered. */
  async settled(): Promise<void> {
    do {
      await this.executor.scansSettled();
      await this.opinions.settled();
      await this.delivery.settled();
    } while (this.delivery.busy || this.executor.scanning || this.opinions.busy);
  }

  private lastPrune = 0;
  private lastBeat = 0;

  /** How the bot is now: written every 15 s for `steward health` to read from outside. */
  heartbeat(now: number): Heartbeat {
    return {
      at: now,
      platforms: Object.fromEntries(this.opts.adapters.map((a) => [a.platform, a.connected?.() ?? this.started])),
      outboxDueSince: this.store.outbox.dueSince(now),
    };
  }

  /**
   * The periodic heartbeat: due jobs, messages whose back-off ended, the activity ledger's buffered
   * counts, and tidying in small batches (a tick must not hold the event loop).
   */
  async tick(): Promise<number> {
    const ran = await this.scheduler.tick();
    if (this.started) await this.delivery.resume();
    await this.units.serial(() => this.store.activity.flush());
    const dropped = this.store.activity.takeDropped();
    if (dropped) this.services.log.warn({ dropped }, 'activity rows could not be written; dropped');
    const now = this.services.clock.now().getTime();
    await this.units.run(() => this.store.handledEvents.prune(now - HANDLED_EVENTS_AGE_MS, HANDLED_EVENTS_MAX));
    if (this.started && now - this.lastBeat >= HEARTBEAT_EVERY_MS) {
      this.lastBeat = now;
      const beat = JSON.stringify(this.heartbeat(now));
      await this.units.run(() => this.store.platformState.set(HEARTBEAT_KEY.platform, HEARTBEAT_KEY.key, beat));
    }
    if (now - this.lastPrune >= 3_600_000) {
      this.lastPrune = now;
      await this.units.run(() => this.store.buttonKeywords.prune(now));
    }
    return ran;
  }

  /** The whole inbound path: decide, then act. Adapters call this for every event. */
  readonly dispatch = async (event: InboundEvent): Promise<Action[]> => {
    const { log } = this.opts;
    // Adapters validate times at the boundary; an event that still has none is refused here, alone.
    if (!Number.isFinite(event.at.getTime())) {
      log.warn({ event: event.type, group: event.groupId }, 'event without a valid time; ignored');
      return [];
    }
    if (log.isLevelEnabled('debug') || this.opts.logMessageText) {
      const text = event.type === 'message' ? event.text : undefined;
      log[this.opts.logMessageText ? 'info' : 'debug']({ event: event.type, group: event.groupId, text }, 'event');
    }
    // Rights are checked against fresh data before an admin command changes anything: a demotion
    // the bot missed (a lost chat_member update) must not leave someone their rights.
    const rights = this.engine.rightsToRefresh(event);
    if (rights) {
      await this.adapters
        .get(rights.platform)
        ?.refreshAdmins?.(rights.groupId, ADMINS_FRESH_MS)
        .catch((err: unknown) => log.warn({ err, group: rights.groupId }, 'could not refresh the admin list'));
    }
    return this.decide(event.at.getTime(), () => this.engine.handle(event));
  };

  private started = false;

  /** Reports jobs a crash interrupted, starts every adapter, then delivers what a restart left in the outbox. */
  async start(): Promise<void> {
    this.checkpointer.start();
    for (const rule of this.registry.rules) rule.prepare?.();
    // Queued now, delivered once the adapters are up (with whatever a restart left in the outbox).
    await this.units.run(() => {
      const notes = this.scheduler.recover().map((job) => ({
        type: 'notifyOwner' as const,
        platform: job.platform,
        groupId: job.groupId,
        text: messages(this.settings.for(job).language).jobs.interrupted(job.kind),
      }));
      this.executor.plan(notes, { at: this.services.clock.now().getTime() });
    });
    for (const adapter of this.adapters.values()) {
      const state = this.store.platformState;
      await adapter.start(this.dispatch, {
        get: (key) => state.get(adapter.platform, key),
        set: (key, value) => state.set(adapter.platform, key, value),
      });
      if (adapter.botUsername) this.engine.setBotUsername(adapter.platform, adapter.botUsername);
    }
    this.started = true;
    // Questions to the language model a stop or a crash interrupted are asked again.
    this.opinions.start(this.store.of(AdFilterRepo).pendingQuestions().map((q) => q.id));
    await this.delivery.resume();
  }

  async stop(): Promise<void> {
    await this.executor.scansSettled(); // pictures being looked at finish (each has a time limit)
    await this.opinions.settled(); // so do questions to the language model (each has a time-out)
    await this.delivery.stop(STOP_GRACE_MS);
    for (const adapter of this.adapters.values()) await adapter.stop();
    await this.scanner.close();
    await this.charts.close();
    await this.units.serial(() => this.store.activity.flush());
    await this.checkpointer.stop();
  }
}
