// The write-ahead log is checkpointed by a worker, never inline in a decision's commit.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GroupsRepo } from '../src/storage/groups.js';
import { perTest } from './support/recording.js';

const scratch = perTest();
const g = { platform: 'test', groupId: 'g1' };

describe('checkpoints off the message path', () => {
  it('a running bot leaves checkpoints to its worker and finishes them between decisions, so the log starts over; a stop hands them back to SQLite', async () => {
    const bot = scratch.bot();
    const { db } = bot.app.store;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await bot.app.start();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0); // no commit pays for a checkpoint
    bot.app.store.groups.ensure(g, 0);
    bot.app.store.transaction(() => {
      for (let i = 0; i < 6000; i++) bot.app.store.notices.firstTime(g, `k${i}`.padEnd(1000, '.'), i);
    });
    const r = await bot.app.checkpointer.now();
    expect(r.log).toBeGreaterThan(1000); // past where SQLite would have checkpointed inline
    expect(r.checkpointed).toBe(r.log);
    // Complete, so the next commit starts the log over instead of appending to it.
    bot.app.store.notices.firstTime(g, 'after', 7000);
    expect((db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log).toBeLessThan(10);
    await bot.app.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});

describe('a checkpoint never holds up a decision', () => {
  it('even while a reader (the dashboard) keeps an old snapshot open, a write goes ahead at once', async () => {
    const bot = scratch.bot();
    const { db } = bot.app.store;
    await bot.app.start();
    bot.app.store.groups.ensure(g, 0);
    bot.app.store.transaction(() => {
      for (let i = 0; i < 3000; i++) bot.app.store.notices.firstTime(g, `k${i}`.padEnd(1000, '.'), i);
    });
    const reader = new Database(db.name, { readonly: true });
    reader.exec('BEGIN');
    expect(new GroupsRepo(reader).label(g)).toBe('g1'); // a read in a transaction holds its snapshot: the log cannot start over
    db.pragma('busy_timeout = 0'); // a write that had to wait for a lock would fail now, not wait
    const round = bot.app.checkpointer.now();
    await new Promise((r) => setTimeout(r, 300)); // the worker's pass is under way or done
    expect(() => bot.app.store.notices.firstTime(g, 'during', 9000)).not.toThrow();
    reader.exec('COMMIT');
    reader.close();
    await round;
    db.pragma('busy_timeout = 5000');
    await bot.app.stop();
  });
});

describe('a process that only opened a running bot and closed its database', () => {
  it('exits: the checkpoint worker does not keep it alive', () => {
    const script = `
      import { parseConfig } from './src/config/load.js';
      import { silentLogger } from './src/log.js';
      import { openApp } from './src/main.js';
      import { SimulatedClock } from './src/time/clock.js';
      import { RecordingAdapter } from './tests/support/recording.js';
      const app = openApp({ config: parseConfig({}, 'x'), configFile: 'x', dbPath: process.argv[1], clock: new SimulatedClock(), log: silentLogger, adapters: [new RecordingAdapter()] });
      await app.start();
      await new Promise((r) => setTimeout(r, 1500)); // the worker is up and has checkpointed once
      app.store.db.close();
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, join(scratch.dir, 'exit.db')], { timeout: 20_000, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0); // a hung process is killed by the timeout: status null
  }, 30_000);
});
