// The composition root: config → database → migrations → app → adapters.
import { createInterface } from 'node:readline';
import cron from 'node-cron';
import { ShellSimulator } from '../adapters/shell/simulator.js';
import { RULE_ORDER, buildFeatures } from '../commands/index.js';
import { App } from './app.js';
import { ConfigError, checkDefaults } from './config/load.js';
import { type Dashboard, startDashboard } from './dashboard/server.js';
import type { Config } from './config/schema.js';
import type { Adapter } from './engine/port.js';
import type { Feature } from './engine/registry.js';
import type { SpamModel } from './features/adfilter/classifier.js';
import { ModelFileError, loadModel } from './features/adfilter/models.js';
import { type Logger, createLogger, secretsOf, silentLogger } from './log.js';
import { packageRoot, migrationsDir } from './paths.js';
import { DatabasePathError, openDatabase } from './storage/db.js';
import { loadMigrations, migrate } from './storage/migrate.js';
import { type Clock, SimulatedClock, systemClock } from './time/clock.js';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { banListIds } from './features/family/banList.js';
import { HEARTBEAT_KEY, type Heartbeat, healthProblems } from './health.js';
import { FamiliesRepo } from './features/family/family.sql.js';

/** The config's log level (else `fallback`), with every configured secret kept out of the lines. */
const loggerFor = (config: Config, fallback: string): Logger => createLogger(config.log.level ?? fallback, { secrets: secretsOf(config) });

export interface OpenOptions {
  config: Config;
  configFile: string;
  dbPath?: string;
  clock: Clock;
  log: Logger;
  adapters: Adapter[];
  features?: Feature[];
  /** Tests: a rule, command or job that writes while deciding fails loudly (see Engine). */
  strictDecisions?: boolean;
}

/**
 * The operator's own ad model when the config names one (adfilter.model, relative to the working
 * directory like the database); a file that will not load stops start-up and says why.
 */
export function configuredSpamModel(config: Config, configFile: string): SpamModel | undefined {
  if (!config.adfilter.model) return undefined;
  try {
    return loadModel(resolve(config.adfilter.model));
  } catch (err) {
    if (err instanceof ModelFileError) throw new ConfigError(configFile, [`adfilter.model: ${err.message}`]);
    throw err;
  }
}

/** Opens and migrates the database, checks the config's setting defaults, and builds the app. */
export function openApp(o: OpenOptions): App {
  const features = o.features ?? buildFeatures({ spamModel: configuredSpamModel(o.config, o.configFile), secondOpinion: !!o.config.secondOpinion, caches: o.config.caches });
  const defaults = checkDefaults(o.config, o.configFile, features.flatMap((f) => f.settings ?? []));
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(o.dbPath ?? o.config.database);
  } catch (err) {
    if (err instanceof DatabasePathError) throw new ConfigError(o.configFile, [`${o.dbPath ? '--db' : 'database'}: ${err.message}`]);
    throw err;
  }
  try {
    const { applied } = migrate(db, loadMigrations(migrationsDir), o.clock.now().getTime());
    if (applied.length) o.log.info({ applied }, 'database migrated');
    return new App({
      db,
      clock: o.clock,
      log: o.log,
      features,
      ruleOrder: RULE_ORDER,
      adapters: o.adapters,
      defaults,
      owners: o.config.owners,
      logMessageText: o.config.log.messageText,
      outbox: o.config.outbox,
      ...(o.config.secondOpinion ? { secondOpinion: o.config.secondOpinion } : {}),
      ...(o.strictDecisions ? { strictDecisions: true } : {}),
      caches: o.config.caches,
    });
  } catch (err) {
    db.close();
    throw err;
  }
}

export interface ShellRun {
  config: Config;
  configFile: string;
  json: boolean;
  imitate: 'telegram' | 'wechat';
  dbPath?: string;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The shell simulator: reads the line protocol until end of input or `:quit`. */
export async function runShell(r: ShellRun): Promise<void> {
  const log = loggerFor(r.config, 'warn');
  const clock = new SimulatedClock(systemClock);
  const interactive = !!r.input.isTTY && !r.json;
  const sim = new ShellSimulator({
    imitate: r.imitate,
    json: r.json,
    color: !r.json && !!r.output.isTTY,
    clock,
    timeZone: typeof r.config.defaults.timezone === 'string' ? r.config.defaults.timezone : 'Asia/Shanghai',
    write: (line) => r.output.write(`${line}\n`),
  });
  const app = openApp({ config: r.config, configFile: r.configFile, dbPath: r.dbPath, clock, log, adapters: [sim] });
  sim.time = { advanceTo: (t) => app.scheduler.advanceTo(clock, t), tick: () => app.tick() };
  // While the clock follows real time, scheduled posts appear on their own, as in a real group.
  const timer = setInterval(() => {
    if (clock.isLive) void app.tick();
  }, r.config.scheduler.tickSeconds * 1000);
  timer.unref();
  let stopListening = () => {};
  try {
    await app.start();
    const rl = createInterface({ input: r.input, ...(interactive ? { output: r.output, prompt: sim.prompt } : {}) });
    // A signal is a clean stop: the loop ends, what was decided is delivered, the exit code is 0.
    const close = () => rl.close();
    process.once('SIGTERM', close);
    process.once('SIGINT', close);
    stopListening = () => {
      process.off('SIGTERM', close);
      process.off('SIGINT', close);
    };
    if (interactive) {
      r.output.write('Steward shell simulator. Type /help for the bot, :help for the simulator.\n');
      rl.prompt();
    }
    const told = new Set<number>();
    for await (const line of rl) {
      if (!(await sim.feed(line))) break;
      // A script reads as a story: a picture's QR verdict comes before the next line does.
      await app.settled();
      // Once the clock is set it stands still: say what waits on it within the hour (the welcome after a batch window, say).
      if (!clock.isLive) {
        const now = clock.now().getTime();
        for (const job of app.store.jobs.due(now + 3_600_000, 20)) {
          if (job.dueAt <= now || told.has(job.id)) continue;
          told.add(job.id);
          sim.waiting(job.kind, new Date(job.dueAt));
        }
      }
      if (interactive) {
        rl.setPrompt(sim.prompt);
        rl.prompt();
      }
    }
    rl.close();
  } finally {
    stopListening();
    clearInterval(timer);
    await app.stop();
    app.store.db.close();
  }
}

/** `steward start`: the configured platforms, or the simulator when none has credentials. */
export async function runStart(config: Config, configFile: string): Promise<void> {
  if (!config.telegram && !config.wechat) {
    process.stderr.write('No Telegram or WeChat credentials configured: starting the shell simulator.\n');
    await runShell({ config, configFile, json: false, imitate: 'telegram', input: process.stdin, output: process.stdout });
    return;
  }
  const log = loggerFor(config, 'info');
  const adapters = await loadPlatformAdapters(config, systemClock, log);
  const app = openApp({ config, configFile, clock: systemClock, log, adapters });
  try {
    await app.start();
  } catch (err) {
    // A platform that cannot connect (a WeChat login that timed out) stops start-up cleanly.
    await app.stop().catch(() => undefined);
    app.store.db.close();
    throw err;
  }
  const dashboard = config.dashboard
    ? await startDashboard({ store: app.store, settings: app.settings, charts: app.charts, clock: systemClock, log, ...config.dashboard })
    : undefined;
  const every = config.scheduler.tickSeconds;
  const tick = cron.schedule(every === 1 ? '* * * * * *' : `*/${every} * * * * *`, () => app.tick(), {
    name: 'steward-scheduler',
    noOverlap: true,
  });
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await tick.stop();
    await dashboard?.close();
    await app.stop();
    app.store.db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  log.info({ platforms: adapters.map((a) => a.platform), database: resolve(config.database), root: packageRoot }, 'Steward started');
}

/** Platform SDKs are heavy (wechaty costs ~1.4 s to import): load only what is configured. */
export async function loadPlatformAdapters(config: Config, clock: Clock, log: Logger): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  if (config.telegram) {
    const { TelegramAdapter } = await import('../adapters/telegram/index.js');
    adapters.push(new TelegramAdapter({ config: config.telegram, clock, log: log.child({ platform: 'telegram' }) }));
  }
  if (config.wechat) {
    const { WechatAdapter } = await import('../adapters/wechat/index.js');
    adapters.push(new WechatAdapter({ config: config.wechat, log: log.child({ platform: 'wechat' }) }));
  }
  return adapters;
}

/** `steward dashboard`: the web page alone, reading the database (the bot may run beside it). */
export async function runDashboard(config: Config, configFile: string, dbPath: string | undefined, port: number | undefined): Promise<Dashboard> {
  if (!config.dashboard) throw new ConfigError(configFile, ['dashboard.token: required to serve the dashboard (or set STEWARD_DASHBOARD_TOKEN)']);
  const log = loggerFor(config, 'info');
  const app = openApp({ config, configFile, dbPath, clock: systemClock, log, adapters: [] });
  const dashboard = await startDashboard({
    store: app.store,
    settings: app.settings,
    charts: app.charts,
    clock: systemClock,
    token: config.dashboard.token,
    host: config.dashboard.host,
    port: port ?? config.dashboard.port,
    log,
  });
  const stop = async () => {
    await dashboard.close();
    app.store.db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return dashboard;
}

/** `steward bans import`: a published ban list file into the database, for the groups that keep bans.imported on. */
export function importBanList(config: Config, configFile: string, dbPath: string | undefined, path: string, platform: string, source: string): { source: string; ids: number; added: number; skipped: number } {
  const { ids, skipped } = banListIds(readFileSync(path, 'utf8'));
  const app = openApp({ config, configFile, dbPath, clock: systemClock, log: silentLogger, adapters: [] });
  try {
    const added = app.store.of(FamiliesRepo).importBans(platform, ids, source, systemClock.now().getTime());
    return { source, ids: ids.length, added, skipped };
  } finally {
    app.store.db.close();
  }
}

/**
 * `steward health`: what the running bot last wrote of itself, judged now. Read-only, from another
 * process (a container's HEALTHCHECK): it never migrates or writes the database.
 */
export function checkHealth(config: Config, dbPath: string | undefined, now: number): { ok: boolean; problems: string[]; heartbeat?: Heartbeat } {
  const path = dbPath ?? config.database;
  let db: InstanceType<typeof Database> | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const row = db.prepare('SELECT value FROM platform_state WHERE platform = ? AND key = ?').pluck().get(HEARTBEAT_KEY.platform, HEARTBEAT_KEY.key) as string | undefined;
    const heartbeat = row === undefined ? undefined : (JSON.parse(row) as Heartbeat);
    const problems = healthProblems(heartbeat, now);
    return { ok: problems.length === 0, problems, ...(heartbeat ? { heartbeat } : {}) };
  } catch (err) {
    return { ok: false, problems: [`database ${resolve(path)} cannot be read: ${err instanceof Error ? err.message : String(err)}`] };
  } finally {
    db?.close();
  }
}
