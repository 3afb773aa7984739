import { join } from 'node:path';
import { TelegramAdapter } from '../../adapters/telegram/index.js';
import type { App } from '../../src/app.js';
import { parseConfig } from '../../src/config/load.js';
import type { Feature } from '../../src/engine/registry.js';
import { silentLogger } from '../../src/log.js';
import { openApp } from '../../src/main.js';
import { buildFeatures } from '../../commands/index.js';
import { ManualClock } from '../../src/time/clock.js';
import { FakeBotApi } from './fakeBotApi.js';

export interface TelegramRun {
  api: FakeBotApi;
  app: App;
  adapter: TelegramAdapter;
  /** The bot's clock: jobs run when the test moves it (app.scheduler.advanceTo). */
  clock: ManualClock;
  stop(): Promise<void>;
}

/** Steward with real Telegraf against the fake Bot API, on a real SQLite file. */
export async function startTelegram(o: {
  dir: string;
  api?: FakeBotApi;
  features?: Feature[];
  telegram?: Record<string, unknown>;
  config?: Record<string, unknown>;
}): Promise<TelegramRun> {
  const api = o.api ?? (await new FakeBotApi().start());
  const config = parseConfig(
    {
      ...o.config,
      telegram: { token: '123:TEST', apiRoot: api.apiRoot, pacing: { perChatIntervalMs: 0, perChatPerMinute: 1000, globalPerSecond: 1000 }, ...o.telegram },
    },
    'test',
  );
  const clock = new ManualClock('2026-11-24T10:00:00+08:00');
  const adapter = new TelegramAdapter({ config: config.telegram!, clock, log: silentLogger });
  const app = openApp({ config, configFile: 'test', dbPath: join(o.dir, 'tg.db'), clock, log: silentLogger, adapters: [adapter], features: [...buildFeatures(), ...(o.features ?? [])] });
  await app.start();
  return {
    api,
    app,
    adapter,
    clock,
    async stop() {
      await app.stop();
      app.store.db.close();
    },
  };
}
