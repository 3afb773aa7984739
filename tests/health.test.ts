import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import type { ActionResult } from '../src/engine/actions.js';
import { type Heartbeat, healthProblems } from '../src/health.js';
import { checkHealth } from '../src/main.js';
import { runCli } from './support/cli.js';
import { perTest } from './support/recording.js';

const scratch = perTest();
const MINUTE = 60_000;
const beat = (o: Partial<Heartbeat> = {}): Heartbeat => ({ at: 1_000_000, platforms: { telegram: true }, outboxDueSince: null, ...o });

describe('what makes the bot unhealthy', () => {
  it('no heartbeat, an old one, a platform down, a message waiting ten minutes to go', () => {
    expect(healthProblems(beat(), 1_000_000 + 30_000)).toEqual([]);
    expect(healthProblems(undefined, 0)[0]).toMatch(/^no heartbeat/);
    expect(healthProblems(beat(), 1_000_000 + 120_000)).toEqual(['heartbeat 120 s old: the bot is not running, or stuck']);
    expect(healthProblems(beat({ platforms: { telegram: true, wechat: false } }), 1_000_000)).toEqual(['wechat is not connected']);
    expect(healthProblems(beat({ outboxDueSince: 1_000_000 - 11 * MINUTE }), 1_000_000)).toEqual(['outbox stuck: a message has waited 11 min to go']);
    expect(healthProblems(beat({ outboxDueSince: 1_000_000 - 2 * MINUTE }), 1_000_000)).toEqual([]);
  });
});

describe('steward health, from another process', () => {
  it('reads the heartbeat the running bot writes, and sees delivery stuck', async () => {
    const bot = scratch.bot({ config: { owners: { test: ['boss'] } } });
    await bot.app.start();
    const config = parseConfig({}, 'test');
    await bot.app.tick();
    expect(checkHealth(config, bot.dbPath, bot.clock.now().getTime())).toMatchObject({ ok: true, problems: [], heartbeat: { platforms: { test: true }, outboxDueSince: null } });
    // The platform takes a message and never answers: the outbox stops moving.
    bot.adapter.perform = () => new Promise<ActionResult>(() => {});
    void bot.app.dispatch({ type: 'message', platform: 'test', groupId: 'g1', chat: 'group', eventId: 'x1', messageId: 'x1', at: bot.clock.now(), sender: { id: 'ann', name: 'ann' }, kind: 'text', text: '/rules' });
    await new Promise((r) => setTimeout(r, 50));
    bot.clock.advance(11 * MINUTE);
    await bot.app.tick();
    expect(checkHealth(config, bot.dbPath, bot.clock.now().getTime()).problems).toEqual(['outbox stuck: a message has waited 11 min to go']);
    // And a bot that stopped writing is reported too.
    expect(checkHealth(config, bot.dbPath, bot.clock.now().getTime() + 5 * MINUTE).problems[0]).toMatch(/^heartbeat 300 s old/);
  });

  it('exits 1 and says why: here, a database that is not there', () => {
    const r = runCli(['health', '--db', join(scratch.dir, 'none.db')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, problems: [expect.stringMatching(/cannot be read/)] });
  });

  it('steward start with no credentials and no terminal fails clearly instead of exiting 0 (a container restart loop)', () => {
    const r = runCli(['start'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^steward: no Telegram or WeChat credentials are configured, and there is no terminal to run the shell simulator in\./);
  });
});
