import { beforeEach, describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import type { Feature } from '../src/engine/registry.js';
import { ManualClock } from '../src/time/clock.js';
import { type TestBot, perTest, sentTexts } from './support/recording.js';

const scratch = perTest();

const runs: string[] = [];
const g = { platform: 'test', groupId: 'g1' };

/** A feature with a one-off reminder and a daily recurring post, recording when each ran. */
const timed: Feature = {
  name: 'timed',
  jobs: [
    {
      kind: 'remind',
      run: (ctx) => {
        runs.push(`remind ${ctx.now.toISOString()} late=${ctx.lateBy}`);
        return [ctx.send(`reminder ${(ctx.job.payload as { n: number }).n}`)];
      },
    },
    {
      kind: 'daily',
      run: (ctx) => {
        runs.push(`daily ${ctx.now.toISOString()}`);
        return { actions: [ctx.send('good morning')], next: { dueAt: new Date(ctx.job.dueAt + 86_400_000) } };
      },
    },
    { kind: 'broken', run: () => { throw new Error('no'); } },
  ],
};

function open(clock: ManualClock): TestBot {
  const b = scratch.bot({ features: [...buildFeatures(), timed], clock });
  b.app.store.groups.ensure(g, 0);
  return b;
}

describe('the scheduler', () => {
  beforeEach(() => {
    runs.length = 0;
  });

  it('a tick runs at most 50 due jobs; the next tick goes on with the rest', async () => {
    const clock = new ManualClock('2026-11-24T08:00:00+08:00');
    const bot = open(clock);
    for (let i = 0; i < 120; i++) bot.app.scheduler.schedule({ ...g, kind: 'remind', key: `k${i}`, dueAt: Date.parse('2026-11-24T07:00:00+08:00') + i, payload: { n: i } });
    expect([await bot.app.scheduler.tick(), await bot.app.scheduler.tick(), await bot.app.scheduler.tick(), await bot.app.scheduler.tick()]).toEqual([50, 50, 20, 0]);
    expect(runs).toHaveLength(120);
  });

  it('runs due jobs in order, once each', async () => {
    const clock = new ManualClock('2026-11-24T08:00:00+08:00');
    const bot = open(clock);
    bot.app.scheduler.schedule({ ...g, kind: 'remind', key: 'b', dueAt: Date.parse('2026-11-24T09:30:00+08:00'), payload: { n: 2 } });
    bot.app.scheduler.schedule({ ...g, kind: 'remind', key: 'a', dueAt: Date.parse('2026-11-24T09:00:00+08:00'), payload: { n: 1 } });
    expect(await bot.app.scheduler.tick()).toBe(0);
    await bot.app.scheduler.advanceTo(clock, new Date('2026-11-24T10:00:00+08:00'));
    expect(bot.adapter.texts()).toEqual(['reminder 1', 'reminder 2']);
    expect(runs).toEqual(['remind 2026-11-24T01:00:00.000Z late=0', 'remind 2026-11-24T01:30:00.000Z late=0']);
    expect(await bot.app.scheduler.tick()).toBe(0);
  });

  it('scheduling the same key again moves the job instead of adding one', async () => {
    const clock = new ManualClock('2026-11-24T08:00:00+08:00');
    const bot = open(clock);
    bot.app.scheduler.schedule({ ...g, kind: 'remind', key: 'x', dueAt: Date.parse('2026-11-24T09:00:00+08:00'), payload: { n: 1 } });
    bot.app.scheduler.schedule({ ...g, kind: 'remind', key: 'x', dueAt: Date.parse('2026-11-24T11:00:00+08:00'), payload: { n: 2 } });
    await bot.app.scheduler.advanceTo(clock, new Date('2026-11-24T12:00:00+08:00'));
    expect(bot.adapter.texts()).toEqual(['reminder 2']);
  });

  it('a job due while the bot was down runs at the next start, once, and knows how late it is', async () => {
    const clock = new ManualClock('2026-11-24T08:00:00+08:00');
    const first = open(clock);
    first.app.scheduler.schedule({ ...g, kind: 'remind', key: 'r', dueAt: Date.parse('2026-11-24T09:00:00+08:00'), payload: { n: 7 } });
    first.close();

    clock.set('2026-11-24T09:20:00+08:00'); // down for the due time
    const second = open(clock);
    await second.app.start();
    expect(await second.app.scheduler.tick()).toBe(1);
    await second.app.settled();
    expect(second.adapter.texts()).toEqual(['reminder 7']);
    expect(runs).toEqual([`remind 2026-11-24T01:20:00.000Z late=${20 * 60_000}`]);
    second.close();

    const third = open(clock);
    await third.app.start();
    expect(await third.app.scheduler.tick()).toBe(0);
    expect(third.adapter.texts()).toEqual([]);
  });

  it('a job cut off mid-run by a crash is not repeated; the owner is told', async () => {
    const clock = new ManualClock('2026-11-24T08:00:00+08:00');
    const first = open(clock);
    first.app.scheduler.schedule({ ...g, kind: 'remind', key: 'r', dueAt: Date.parse('2026-11-24T08:00:00+08:00'), payload: { n: 1 } });
    // Simulate a kill between claiming the job and finishing it.
    const [job] = first.app.store.jobs.due(clock.now().getTime());
    expect(first.app.store.jobs.claim(job!.id)).toBe(true);
    first.close();

    const second = scratch.bot({ features: [...buildFeatures(), timed], clock, config: { owners: { test: ['boss'] } } });
    await second.app.start();
    expect(await second.app.scheduler.tick()).toBe(0);
    expect(second.adapter.performed).toEqual([
      expect.objectContaining({ type: 'dm', userId: 'boss', text: expect.stringContaining('「remind」执行到一半时程序重启了') }),
    ]);
    expect(second.app.store.jobs.history(g).map((j) => j.state)).toEqual(['interrupted']);
  });

  it('a recurring job schedules its next run and keeps its rhythm across a restart', async () => {
    const clock = new ManualClock('2026-11-24T07:00:00+08:00');
    const first = open(clock);
    first.app.scheduler.schedule({ ...g, kind: 'daily', key: 'morning', dueAt: Date.parse('2026-11-24T08:00:00+08:00') });
    await first.app.scheduler.advanceTo(clock, new Date('2026-11-25T07:00:00+08:00'));
    first.close();
    const second = open(clock);
    await second.app.scheduler.advanceTo(clock, new Date('2026-11-26T09:00:00+08:00'));
    expect(runs).toEqual(['daily 2026-11-24T00:00:00.000Z', 'daily 2026-11-25T00:00:00.000Z', 'daily 2026-11-26T00:00:00.000Z']);
    expect(second.app.store.jobs.pending(g, 'daily').map((j) => new Date(j.dueAt).toISOString())).toEqual(['2026-11-27T00:00:00.000Z']);
  });

  it('a failing job is marked failed and does not block the others', async () => {
    const clock = new ManualClock('2026-11-24T08:00:00+08:00');
    const bot = open(clock);
    bot.app.scheduler.schedule({ ...g, kind: 'broken', key: '1', dueAt: clock.now().getTime() });
    bot.app.scheduler.schedule({ ...g, kind: 'remind', key: '2', dueAt: clock.now().getTime(), payload: { n: 3 } });
    expect(await bot.app.scheduler.tick()).toBe(2);
    await bot.app.settled();
    expect(sentTexts(bot.adapter.performed)).toEqual(['reminder 3']);
    expect(bot.app.store.jobs.history(g)).toEqual([
      expect.objectContaining({ kind: 'broken', state: 'failed' }),
      expect.objectContaining({ kind: 'remind', state: 'done' }),
    ]);
  });

  it('cancelled jobs never run', async () => {
    const clock = new ManualClock('2026-11-24T08:00:00+08:00');
    const bot = open(clock);
    bot.app.scheduler.schedule({ ...g, kind: 'remind', key: 'c', dueAt: Date.parse('2026-11-24T09:00:00+08:00'), payload: { n: 1 } });
    expect(bot.app.store.jobs.cancel(g, 'remind', 'c')).toBe(true);
    await bot.app.scheduler.advanceTo(clock, new Date('2026-11-24T10:00:00+08:00'));
    expect(bot.adapter.texts()).toEqual([]);
  });
});
