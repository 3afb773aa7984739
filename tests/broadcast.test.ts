import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../adapters/capabilities.js';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import { buildFeatures } from '../commands/index.js';
import type { Action, ActionResult } from '../src/engine/actions.js';
import { postTimes } from '../src/features/broadcast/broadcast.js';
import { perTest, sentTexts } from './support/recording.js';

const scratch = perTest();
const MINUTE = 60_000;
const TZ = 'Asia/Shanghai';
const start = Date.parse('2026-11-24T20:00:00+08:00');

describe('when the posts of an announcement go (群发 pacing)', () => {
  it('on WeChat a minute or two apart, never on the beat, and the same schedule for the same announcement', () => {
    const times = postTimes(5, start, CAPABILITIES.wechat.bulk, 7, TZ, () => 0)!;
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(times[0]).toBe(start);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(MINUTE), expect(gap).toBeLessThanOrEqual(2 * MINUTE);
    expect(new Set(gaps).size).toBeGreaterThan(1);
    expect(postTimes(5, start, CAPABILITIES.wechat.bulk, 7, TZ, () => 0)).toEqual(times);
  });

  it('past the daily cap (counting what other announcements planned) the rest go the next day from 09:00', () => {
    const bulk = { gapMs: MINUTE, jitterMs: 0, perDay: 3 };
    const times = postTimes(4, start, bulk, 1, TZ, (day) => (day === '2026-11-24' ? 1 : 0))!;
    expect(times.map((t) => new Date(t).toISOString())).toEqual(['2026-11-24T12:00:00.000Z', '2026-11-24T12:01:00.000Z', '2026-11-25T01:00:00.000Z', '2026-11-25T01:01:00.000Z']);
    expect(postTimes(1, start, bulk, 1, TZ, () => 3)).toBeUndefined(); // every day full: said, not looped for ever
  });

  it('on Telegram a group a second, with no daily cap', () => {
    expect(postTimes(3, start, CAPABILITIES.telegram.bulk, 1, TZ, () => 1_000_000)).toEqual([start, start + 1000, start + 2000]);
  });
});

describe('an announcement to every group of the family (群发)', () => {
  const family = async (bot: ReturnType<typeof scratch.bot>) => {
    await bot.say('boss', '/family create');
    await bot.say('boss', '/family join 1', { group: 'g2' });
    await bot.say('boss', '/family join 1', { group: 'g3' });
  };
  const dm = { chat: 'private' as const, group: 'boss' };

  it('WeChat: a private preview, confirmed by typing, posted a minute or two apart, then a report of what was delivered', async () => {
    const bot = scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } }, capabilities: SIMULATED.wechat });
    await family(bot);
    const asked = await bot.say('boss', '/broadcast 周六下午两点线下读书会，欢迎报名！');
    expect(sentTexts(asked)).toEqual(['预览已私信给你，确认后开始群发。']);
    const preview = bot.adapter.performed.filter((a) => a.type === 'dm').at(-1)!;
    expect(preview.type === 'dm' && preview.text).toBe(
      '📢 群发 #1 预览：将发到 3 个群：「g1」、「g2」、「g3」\n为保护账号，群与群之间会间隔一会儿，预计约 3 分钟发完（每天最多 100 个群，超出的第二天 9:00 起接着发）。\n———\n周六下午两点线下读书会，欢迎报名！\n———\n回复「确认群发1」：确认群发\n回复「取消群发1」：不发了',
    );
    expect(sentTexts(await bot.say('ann', '确认群发1', { chat: 'private', group: 'ann' }))).toEqual([]); // not hers
    expect(sentTexts(await bot.say('boss', '确认群发1', dm))[0]).toMatch(/^已开始群发 #1：3 个群，预计 2026-11-24 09:0\d 发完/);
    const posts = () => bot.adapter.performed.filter((a) => a.type === 'send' && a.text.startsWith('周六下午')).map((a) => a.groupId);
    await bot.app.scheduler.advanceTo(bot.clock, new Date(bot.clock.now().getTime() + 30_000));
    expect(posts()).toEqual(['g1']);
    await bot.app.scheduler.advanceTo(bot.clock, new Date(bot.clock.now().getTime() + 10 * MINUTE));
    expect(posts()).toEqual(['g1', 'g2', 'g3']);
    await bot.app.scheduler.advanceTo(bot.clock, new Date(bot.clock.now().getTime() + 10 * MINUTE));
    expect(bot.adapter.texts().at(-1)).toBe('📢 群发 #1 结果：送达 3 个群。');
    expect(sentTexts(await bot.say('boss', '确认群发1', dm))).toEqual(['这条群发已经确认过、取消了，或者不是你发起的。']);
  });

  it('a group that refuses the post is named in the report, with why', async () => {
    const bot = scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } } });
    await family(bot);
    const perform = bot.adapter.perform.bind(bot.adapter);
    bot.adapter.perform = async (a: Action): Promise<ActionResult> => (a.type === 'send' && a.groupId === 'g3' && a.reason === 'broadcast' ? { ok: false, why: 'rejected', detail: 'bot was kicked' } : perform(a));
    await bot.say('boss', '/broadcast 新课上线');
    await bot.dispatch({ type: 'buttonPressed', platform: 'test', groupId: 'boss', chat: 'private', eventId: 'p1', at: bot.clock.now(), sender: { id: 'boss', name: 'boss' }, data: 'broadcast:1:go', pressId: 'q1' });
    await bot.app.scheduler.advanceTo(bot.clock, new Date(bot.clock.now().getTime() + 15 * MINUTE));
    expect(bot.adapter.texts().at(-1)).toBe('📢 群发 #1 结果：送达 2 个群，1 个没有送达：\n•「g3」：rejected: bot was kicked');
  });

  it('cancelled midway, what has not gone out stays unsent; without a family there is nothing to send to', async () => {
    const bot = scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } }, capabilities: SIMULATED.wechat });
    expect(sentTexts(await bot.say('boss', '/broadcast 你好'))[0]).toMatch(/^群发是发给家族里的群的/);
    await family(bot);
    await bot.say('boss', '/broadcast 新课上线');
    await bot.say('boss', '确认群发1', dm);
    await bot.app.scheduler.advanceTo(bot.clock, new Date(bot.clock.now().getTime() + 30_000));
    expect(sentTexts(await bot.say('boss', '/broadcast cancel 1'))).toEqual(['已取消群发 #1。已经发出的 1 个群无法撤回。']);
    await bot.app.scheduler.advanceTo(bot.clock, new Date(bot.clock.now().getTime() + 60 * MINUTE));
    expect(bot.adapter.performed.filter((a) => a.type === 'send' && a.text === '新课上线').map((a) => a.groupId)).toEqual(['g1']);
    expect(sentTexts(await bot.say('ann', '/broadcast 我也要发'))).toEqual(['抱歉，/broadcast 只有群主可以使用。']);
  });
});
