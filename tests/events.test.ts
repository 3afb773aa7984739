import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import type { Action } from '../src/engine/actions.js';
import { PointsRepo } from '../src/features/checkin/points.sql.js';
import { parseEvent } from '../src/features/events/events.js';
import { perTest, sentTexts } from './support/recording.js';

const scratch = perTest();
const g = { platform: 'test', groupId: 'g1' };
const open = () => scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } } });
type Bot = ReturnType<typeof open>;
const press = (bot: Bot, who: string, data: string) =>
  bot.dispatch({ type: 'buttonPressed', ...g, eventId: `b${who}${data}`, at: bot.clock.now(), sender: { id: who, name: who }, data, pressId: `q${who}` });

describe('reading /event add', () => {
  it('a day, a time, the title, and a place and capacity if given', () => {
    expect(parseEvent(['2026-12-05', '14:00', '读书会', '|', '咖啡馆', '|', '20'], 'Asia/Shanghai')).toEqual({
      title: '读书会', place: '咖啡馆', capacity: 20, startsAt: Date.parse('2026-12-05T14:00:00+08:00'),
    });
    expect(parseEvent(['2026-12-05', '14:00', '线上分享'], 'Asia/Shanghai')).toMatchObject({ place: '', capacity: null });
    expect(parseEvent(['明天', '14:00', '读书会'], 'Asia/Shanghai')).toBeUndefined();
    expect(parseEvent(['2026-12-05', '14:00', '读书会 | 咖啡馆 | 很多'], 'Asia/Shanghai')).toBeUndefined();
  });
});

describe('events and sign-ups (接龙)', () => {
  it('members sign up as people do; past the capacity they wait, and move up when someone leaves', async () => {
    const bot = open();
    const posted = await bot.say('boss', '/event add 2026-11-25 14:00 读书会 | 星巴克 | 2');
    const post = posted.find((a): a is Extract<Action, { type: 'send' }> => a.type === 'send')!;
    expect(post.text).toBe('📅 活动 #1：读书会\n时间：2026-11-25 14:00\n地点：星巴克\n名额：2 人，满了可以排队\n点按钮、发「接龙」或「+1」报名；发「取消接龙」退出。');
    expect(post.buttons).toEqual([{ label: '我要参加', data: 'event:1:join', keyword: '接龙1' }]);
    expect(sentTexts(await bot.say('ann', '接龙'))).toEqual(['✍️ 活动 #1「读书会」接龙（1/2）：\n1. ann']);
    expect(sentTexts(await bot.say('bob', '+1'))).toEqual(['✍️ 活动 #1「读书会」接龙（2/2）：\n1. ann\n2. bob']);
    expect(sentTexts(await press(bot, 'cat', 'event:1:join'))).toEqual(['cat，「读书会」已经满员，你是候补第 1 位；有人退出会自动补上并通知你。']);
    expect(sentTexts(await bot.say('ann', '接龙'))).toEqual(['ann 已经报名「读书会」了。']);
    expect(sentTexts(await bot.say('ann', '取消接龙'))).toEqual(['ann 已退出「读书会」。', '@cat 有人退出了，你已从候补转为正式报名「读书会」（2026-11-25 14:00）。']);
    expect(sentTexts(await bot.say('dan', '/events'))).toEqual(['📅 接下来的活动：\n#1 2026-11-25 14:00 读书会（2/2）\n发「接龙」报名最近的一个，或 /join 编号。']);
    // An hour before, those who are in are reminded by name.
    await bot.app.scheduler.advanceTo(bot.clock, new Date('2026-11-25T13:01:00+08:00'));
    expect(bot.adapter.texts().at(-1)).toBe('⏰ 「读书会」一小时后开始（2026-11-25 14:00，星巴克）。@bob @cat 别忘了哦！');
  });

  it('at the event the admin gets a code privately; who came and types it is marked present and earns points', async () => {
    const bot = open();
    await bot.say('boss', '/event add 2026-11-24 10:00 线下分享');
    await bot.say('bob', '接龙');
    await bot.say('cat', '接龙');
    bot.clock.set('2026-11-24T10:05:00+08:00');
    expect(sentTexts(await bot.say('boss', '/event code'))).toEqual(['签到码已私信给你。']);
    const dm = bot.adapter.performed.find((a) => a.type === 'dm' && a.userId === 'boss');
    const code = /签到码：(\d{4})/.exec(dm?.type === 'dm' ? dm.text : '')![1]!;
    expect(sentTexts(await bot.say('bob', `/attend ${code === '1234' ? '4321' : '1234'}`))).toEqual(['签到码不对，或者不在活动时间内。']);
    expect(sentTexts(await bot.say('bob', `到场 ${code}`))).toEqual(['✅ bob 已到场「线下分享」，+10 积分。']);
    expect(sentTexts(await bot.say('bob', `到场 ${code}`))).toEqual(['你已经签到过了。']);
    expect(sentTexts(await bot.say('dan', `到场 ${code}`))).toEqual(['dan 没有报名「线下分享」。']);
    expect(bot.app.store.of(PointsRepo).balance(g, 'bob')).toBe(10);
    // Attendance is in the group's figures: one of the two who signed up came.
expect(sentTexts(await bot.say('boss', '/stats'))[0]).toMatch(/\n活动：1 场，报名 2 人次，签到到场 1 人次（50%）$/);
  });
});
