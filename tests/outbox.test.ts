import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import type { Action, ActionResult } from '../src/engine/actions.js';
import type { Feature } from '../src/engine/registry.js';
import { ManualClock } from '../src/time/clock.js';
import { BackOffs } from '../src/engine/delivery.js';
import { type TestBot, perTest, textEvent } from './support/recording.js';
import { CheckinsRepo } from '../src/features/checkin/checkins.sql.js';

const scratch = perTest();

const g = { platform: 'test', groupId: 'g1' };
const MINUTE = 60_000;

/** A one-off post, as a scheduled topic or announcement would make. */
const poster: Feature = {
  name: 'poster',
  jobs: [{ kind: 'post', run: (ctx) => [ctx.send(`post ${(ctx.job.payload as { n: number }).n}`)] }],
};

function open(clock: ManualClock, config: Record<string, unknown> = {}): TestBot {
  const b = scratch.bot({ features: [...buildFeatures(), poster], clock, config: { owners: { test: ['boss'] }, ...config } });
  b.app.store.groups.ensure(g, 0);
  return b;
}

/** The platform takes nothing and never answers: what a crash mid-send looks like from inside. */
const silent = (bot: TestBot) => {
  bot.adapter.perform = () => new Promise<ActionResult>(() => {});
};

/** The platform answers every message to the group with this result; private messages go through. */
const refusing = (bot: TestBot, result: ActionResult) => {
  bot.adapter.perform = async (action: Action) => {
    bot.adapter.performed.push(action);
    return action.type === 'send' ? result : { ok: true };
  };
};

const jobState = (bot: TestBot) => bot.app.store.jobs.history(g)[0]?.state;

describe('the durable outbox', () => {
  it('a reply decided before a crash is sent after the restart, once', async () => {
    const clock = new ManualClock('2026-11-24T09:00:00+08:00');
    const first = open(clock);
    silent(first);
    await first.app.dispatch(textEvent('ann', '打卡', clock.now()));
    expect(first.app.store.of(CheckinsRepo).figures(g, 'ann')).toMatchObject({ total: 1 });
    first.close(); // killed before anything went out

    const second = open(clock);
    await second.app.start();
    await second.app.settled();
    expect(second.adapter.texts()).toEqual([expect.stringMatching(/^✅/)]);
    second.close();

    const third = open(clock);
    await third.app.start();
    await third.app.settled();
    expect(third.adapter.texts()).toEqual([]);
  });

  it('a scheduled post is sending until delivered, and a restart in between posts it exactly once', async () => {
    const clock = new ManualClock('2026-11-24T20:00:00+08:00');
    const first = open(clock);
    silent(first);
    first.app.scheduler.schedule({ ...g, kind: 'post', key: 'topic', dueAt: clock.now().getTime(), payload: { n: 1 } });
    expect(await first.app.scheduler.tick()).toBe(1);
    expect(jobState(first)).toBe('sending');
    first.close();

    const second = open(clock);
    await second.app.start();
    expect(await second.app.scheduler.tick()).toBe(0);
    await second.app.settled();
    expect(second.adapter.texts()).toEqual(['post 1']);
    expect(jobState(second)).toBe('done');
  });

  it('messages to one chat leave in the order they were decided', async () => {
    const clock = new ManualClock('2026-11-24T09:00:00+08:00');
    const bot = open(clock);
    silent(bot);
    for (const who of ['a', 'b', 'c', 'd']) await bot.app.dispatch(textEvent(who, '打卡', clock.now()));
    bot.close();
    const after = open(clock);
    await after.app.start();
    await after.app.settled();
    expect(after.adapter.texts().map((t) => /第 (\d) 个/.exec(t)?.[1] ?? t)).toEqual(['1', '2', '3', '4']);
  });

  it('a chat that refuses messages is retried with back-off, then given up on; the owner is told', async () => {
    const clock = new ManualClock('2026-11-24T09:00:00+08:00');
    const bot = open(clock, { outbox: { giveUpHours: 2 } });
    await bot.app.start();
    refusing(bot, { ok: false, why: 'forbidden', detail: 'Forbidden: bot was kicked from the supergroup chat' });
    bot.app.scheduler.schedule({ ...g, kind: 'post', key: 'topic', dueAt: clock.now().getTime(), payload: { n: 1 } });
    await bot.app.tick();
    await bot.say('ann', '/rules');
    for (let m = 0; m < 150; m += 5) {
      clock.advance(5 * MINUTE);
      await bot.app.tick();
      await bot.app.settled();
    }
    const tries = bot.adapter.performed.filter((a) => a.type === 'send').length;
    expect(tries).toBeGreaterThan(3);
    expect(tries).toBeLessThan(12); // back-off, not a busy loop
    expect(bot.app.store.outbox.size).toBe(0);
    const note = bot.adapter.performed.find((a) => a.type === 'dm');
    expect(note).toMatchObject({ userId: 'boss', text: expect.stringContaining('2 小时发不出消息') });
    expect(note).toMatchObject({ text: expect.stringContaining('2 条没发出的消息已放弃') });
    expect(bot.app.store.jobs.history(g)).toEqual([expect.objectContaining({ state: 'failed', error: expect.stringMatching(/^undeliverable: Forbidden/) })]);
  });

  it('a reply that became pointless during an outage is skipped; a scheduled post still goes', async () => {
    const clock = new ManualClock('2026-11-24T09:00:00+08:00');
    const bot = open(clock);
    await bot.app.start();
    refusing(bot, { ok: false, why: 'failed', detail: 'connect ECONNREFUSED' });
    await bot.say('ann', '/rules');
    bot.app.scheduler.schedule({ ...g, kind: 'post', key: 'topic', dueAt: clock.now().getTime(), payload: { n: 2 } });
    await bot.app.tick();
    // Whatever the outage's tick set going has finished before the network comes back.
    await bot.app.settled();
    bot.adapter.performed.length = 0;
    bot.adapter.perform = async (action) => {
      bot.adapter.performed.push(action);
      return { ok: true };
    };
    clock.advance(90 * MINUTE); // the network came back after an hour and a half
    await bot.app.tick();
    await bot.app.settled();
    expect(bot.adapter.texts()).toEqual(['post 2']);
    expect(bot.app.store.outbox.size).toBe(0);
  });

  it('a message the platform rejects for what it is goes no further, and does not hold up the chat', async () => {
    const clock = new ManualClock('2026-11-24T09:00:00+08:00');
    const bot = open(clock);
    await bot.app.start();
    bot.adapter.perform = async (action) => {
      bot.adapter.performed.push(action);
      return action.type === 'send' && action.text.includes('群规') ? { ok: false, why: 'rejected', detail: 'Bad Request: message is too long' } : { ok: true };
    };
    await bot.say('ann', '/rules');
    await bot.say('ann', '打卡');
    expect(bot.adapter.performed.filter((a) => a.type === 'send')).toHaveLength(2);
    expect(bot.app.store.outbox.size).toBe(0);
  });
});

describe('handled event ids', () => {
  it('are bounded in age and count, and what is kept still answers after a restart', () => {
    const clock = new ManualClock('2026-11-24T09:00:00+08:00');
    const bot = open(clock);
    const ids = bot.app.store.handledEvents;
    for (let i = 0; i < 50; i++) ids.add('test', `old${i}`, 1_000 + i);
    for (let i = 0; i < 50; i++) ids.add('test', `new${i}`, 5_000 + i);
    expect(ids.prune(0, 60)).toBe(40); // the 40 oldest go: 60 remain
    expect(ids.prune(5_010, 1_000)).toBe(20); // and everything older than 5,010
    bot.close();
    const again = open(clock).app.store.handledEvents;
    expect(again.seen('test', 'new10')).toBe(true);
    expect(again.seen('test', 'new9')).toBe(false);
    expect(again.seen('test', 'old49')).toBe(false);
    expect(again.seen('test', 'never')).toBe(false);
  });

  it('a burst is pruned a batch at a time, so no tick holds the event loop for long', () => {
    const bot = open(new ManualClock('2026-11-24T09:00:00+08:00'));
    const ids = bot.app.store.handledEvents;
    bot.app.store.transaction(() => {
      for (let i = 0; i < 2500; i++) ids.add('test', `e${i}`, i);
    });
    expect([ids.prune(0, 100, 1000), ids.prune(0, 100, 1000), ids.prune(0, 100, 1000), ids.prune(0, 100, 1000)]).toEqual([1000, 1000, 400, 0]);
    expect([ids.seen('test', 'e2399'), ids.seen('test', 'e2400')]).toEqual([false, true]);
    bot.close();
  });
});

describe('lanes waiting out a back-off', () => {
  it('come back soonest first, only once due, whatever order they were put in', () => {
    const waiting = new BackOffs();
    const times = [50, 10, 40, 10, 30, 20, 60, 0];
    times.forEach((at, i) => waiting.push(at, { platform: 'test', lane: `chat:${i}` }));
    const at = (l: { lane: string }) => times[Number(l.lane.slice(5))];
    const first = waiting.takeDue(25);
    expect(first.map(at)).toEqual([0, 10, 10, 20]);
    expect(first.map((l) => l.lane).sort()).toEqual(['chat:1', 'chat:3', 'chat:5', 'chat:7']);
    expect(waiting.takeDue(25)).toEqual([]);
    expect(waiting.takeDue(100).map(at)).toEqual([30, 40, 50, 60]);
    expect(waiting.size).toBe(0);
  });
});
