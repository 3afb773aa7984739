import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { bestHours, heatmap, heatmapText } from '../src/features/insights/heatmap.js';
import { inkedPixels } from './support/png.js';
import { type TestBot, joinEvent, makeBot, sentTexts, tempDir, textEvent } from './support/recording.js';

let tmp: ReturnType<typeof tempDir>;
let bot: TestBot;
const g = { platform: 'test', groupId: 'g1' };
beforeEach(() => {
  tmp = tempDir();
  bot = makeBot({ dbPath: join(tmp.dir, 'i.db') });
});
afterEach(() => {
  bot.close();
  tmp.cleanup();
});

const say = (from: string, text: string, at?: string) => bot.dispatch(textEvent(from, text, at ? new Date(at) : bot.clock.now()));
const join_ = (id: string, at: string, inviter?: string) => bot.dispatch(joinEvent([id], new Date(at), inviter ? { inviter } : {}));
const owner = { role: 'owner' as const };

describe('the heatmap', () => {
  it('counts by local weekday and hour in the group zone, Monday first', () => {
    // 2026-11-23 is a Monday; 01:00Z is 09:00 in Shanghai.
    const grid = heatmap([{ hour: Date.parse('2026-11-23T01:00:00Z') / 1000, count: 5 }, { hour: Date.parse('2026-11-29T13:00:00Z') / 1000, count: 2 }], 'Asia/Shanghai');
    expect(grid[0]![9]).toBe(5);
    expect(grid[6]![21]).toBe(2);
    expect(bestHours(grid)).toEqual([9, 21]);
    expect(heatmapText(grid, ['一', '二', '三', '四', '五', '六', '日']).split('\n')).toHaveLength(8);
  });

  it('/heatmap is a labelled chart: weekdays, hours, a scale and the busiest hours marked, drawn to a PNG as it is sent', async () => {
    await say('ann', '早', '2026-11-23T09:10:00+08:00');
    await say('bob', '早', '2026-11-23T09:20:00+08:00');
    await say('ann', '晚', '2026-11-23T21:00:00+08:00');
    const [photo] = await bot.say('o', '/heatmap', owner);
    expect(photo).toMatchObject({ type: 'photo', caption: expect.stringContaining('最活跃的 2 个小时：09:00、21:00') });
    if (photo?.type !== 'photo' || !photo.chart) throw new Error('no chart');
    const svg = await bot.app.charts.svg(photo.chart);
    for (const label of ['近四周每小时消息数', '最活跃: 9:00  21:00', '周一', '周日', '>0<', '>23<', '>少<', '>多<']) expect(svg).toContain(label);
    expect(photo.fallbackText).toContain('一 ');
    // The picture: 720 × 320, and the weekday labels left of the grid are drawn, not blank.
    const picture = bot.adapter.pictures.at(-1)!;
    const png = PNG.sync.read(picture);
    expect([png.width, png.height]).toEqual([720, 320]);
    expect(inkedPixels(picture, { x: 0, y: 60, width: 46, height: 200 })).toBeGreaterThan(300);
  });
});

describe('/stats, /layers, /lurkers and /invites', () => {
  it('count joins, leaves, messages, check-ins, top contributors and last month newcomers who stayed', async () => {
    bot.clock.set('2026-11-24T09:00:00+08:00');
    // Last month's newcomers: one stays active past 30 days, one only past 7, one never speaks.
    await join_('c1', '2026-10-10T10:00:00+08:00', 'ann');
    await join_('c2', '2026-10-12T10:00:00+08:00', 'ann');
    await join_('c3', '2026-10-14T10:00:00+08:00', 'bob');
    await say('c1', 'hi', '2026-11-20T10:00:00+08:00');
    await say('c2', 'hi', '2026-10-20T10:00:00+08:00');
    await join_('n1', '2026-11-23T10:00:00+08:00');
    await bot.dispatch({ type: 'memberLeft', ...g, eventId: 'l1', at: new Date('2026-11-23T11:00:00+08:00'), member: { id: 'c3', name: 'c3' } });
    await say('ann', '打卡');
    await say('ann', '讨论一下');
    await say('bob', '好');
    const text = sentTexts(await bot.say('o', '/stats 7d', owner))[0]!;
    expect(text).toMatch(/^📊 最近 7 天\n成员：新进 1，离开 1，净增 0（现有 6）\n消息：5 条，4 人发言\n打卡率：2%\n最活跃：ann（2）、bob（1）、c1（1）、o（1）\n上月新人 3 人：7 天后仍活跃 67%，30 天后 33%$/);
    expect(sentTexts(await bot.say('o', '/stats 99x', owner))[0]).toMatch(/^用法：\/stats/);
    expect(sentTexts(await bot.say('ann', '/invites'))[0]).toBe('🤝 邀请榜（邀请的人留下并发言）\n1. ann：2 人活跃，2 人留下，共邀请 2 人\n2. bob：0 人活跃，0 人留下，共邀请 1 人');
  });

  it('layer members by behaviour and list lurkers', async () => {
    bot.clock.set('2026-11-24T20:00:00+08:00');
    for (let d = 1; d <= 10; d++) {
      const day = `2026-11-${String(10 + d).padStart(2, '0')}T09:00:00+08:00`;
      bot.clock.set(day);
      await say('core1', '打卡');
      await say('core1', '今天的进展');
      if (d % 3 === 0) await say('act1', '嗯');
    }
    await join_('quiet', '2026-10-01T10:00:00+08:00');
    await join_('fresh', '2026-11-20T10:00:00+08:00');
    bot.clock.set('2026-11-21T12:00:00+08:00');
    const layersText = sentTexts(await bot.say('o', '/layers names', owner))[0]!;
    expect(layersText).toContain('• 核心：1 人（core1）');
    expect(layersText).toContain('• 活跃：1 人（act1）');
    expect(layersText).toContain('• 潜水：1 人（quiet）');
    expect(layersText).toContain('• 新人：');
    expect(layersText).toContain('fresh');
    expect(sentTexts(await bot.say('o', '/lurkers 14', owner))[0]).toBe('超过 14 天没发言的成员（1）：quiet');
  });
});

describe('what the group was told once', () => {
  it('forgetting one notice forgets exactly that one: "lurker:wx_1" is not a prefix of "lurker:wx_10" here', () => {
    const { notices } = bot.app.store;
    bot.app.store.groups.ensure(g, 0);
    for (const key of ['lurker:wx_1', 'lurker:wx_10', 'lurker:wxa1']) notices.firstTime(g, key, 1);
    notices.forget(g, 'lurker:wx_1');
    expect(['lurker:wx_1', 'lurker:wx_10', 'lurker:wxa1'].map((k) => notices.at(g, k))).toEqual([undefined, 1, 1]);
  });
});
