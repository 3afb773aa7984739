// The write-ahead log is checkpointed by a worker, never inline in a decision's commit.
import { describe, expect, it } from 'vitest';
import { perTest } from './support/recording.js';

const scratch = perTest();
const g = { platform: 'test', groupId: 'g1' };

describe('checkpoints off the message path', () => {
  it('a running bot leaves checkpoints to its worker, which copies the whole log back; a stop hands them back to SQLite', async () => {
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
    await bot.app.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
