import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestBot, makeBot, sentTexts, tempDir } from './support/recording.js';

let tmp: ReturnType<typeof tempDir>;
let bots: TestBot[] = [];
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  for (const b of bots) b.close();
  bots = [];
  tmp.cleanup();
});

const open = (config?: Record<string, unknown>) => {
  const b = makeBot({ dbPath: join(tmp.dir, 'steward.db'), config });
  bots.push(b);
  return b;
};
const owner = { role: 'owner' as const };

describe('settings', () => {
  it('/settings shows every setting and which are defaults', async () => {
    const bot = open();
    await bot.say('o', '/setrules 不发广告', owner);
    const text = sentTexts(await bot.say('o', '/settings', owner))[0]!;
    expect(text).toContain('• timezone = Asia/Shanghai（默认）');
    expect(text).toContain('• language = zh-CN（默认）');
    expect(text).toContain('• rules = 不发广告');
    expect(text).not.toContain('不发广告（默认）');
  });

  it('the config file gives defaults; a group overrides its own', async () => {
    const bot = open({ defaults: { timezone: 'Europe/Berlin' } });
    expect(sentTexts(await bot.say('o', '/tz', owner))[0]).toMatch(/^本群时区：Europe\/Berlin/);
    await bot.say('o', '/tz Asia/Tokyo', owner);
    expect(sentTexts(await bot.say('o', '/tz', owner))[0]).toMatch(/^本群时区：Asia\/Tokyo/);
    expect(sentTexts(await bot.say('o', '/tz', { ...owner, group: 'other' }))[0]).toMatch(/^本群时区：Europe\/Berlin/);
  });

  it('/set validates and answers with the new value', async () => {
    const bot = open();
    expect(sentTexts(await bot.say('o', '/set timezone America/New_York', owner))).toEqual(['已设置 timezone = America/New_York']);
    expect(sentTexts(await bot.say('o', '/set timezone Nowhere/City', owner))[0]).toMatch(/^timezone 的值不对/);
    expect(sentTexts(await bot.say('o', '/set colour red', owner))).toEqual(['没有这项设置：colour。发送 /settings 查看全部设置。']);
    expect(sentTexts(await bot.say('o', '/tz Nowhere/City', owner))[0]).toMatch(/^不认识的时区/);
  });

  it('export then import into another group reproduces the settings (a template for the next group)', async () => {
    const bot = open();
    await bot.say('o', '/setrules 1. 友善\n2. 不发广告', owner);
    await bot.say('o', '/tz Asia/Singapore', owner);
    const exported = sentTexts(await bot.say('o', '/settings export', owner))[0]!.split('\n')[1]!;
    const values = (JSON.parse(exported) as { settings: Record<string, unknown> }).settings;
    expect(values).toMatchObject({ timezone: 'Asia/Singapore', language: 'zh-CN', rules: '1. 友善\n2. 不发广告' });
    // Every setting travels, but for the entry answers, which stay out of a group's sight.
    expect(Object.keys(values).sort()).toEqual(bot.app.settings.definitions.filter((d) => !d.secret).map((d) => d.key).sort());
    expect(sentTexts(await bot.say('o', `/settings import ${exported}`, { ...owner, group: 'g2' }))).toEqual([`已导入 ${Object.keys(values).length} 项设置。`]);
    const again = sentTexts(await bot.say('o', '/settings export', { ...owner, group: 'g2' }))[0]!.split('\n')[1]!;
    expect(JSON.parse(again)).toEqual(JSON.parse(exported));
  });

  it('the whole group travels: rewards, recurring topics and announcements, one paste away, and twice adds nothing twice', async () => {
    const bot = open();
    await bot.say('o', '/reward add 书签 50 10', owner);
    await bot.say('o', '/topic every tue,thu 20:00 每周复盘 | 本周学了什么 | 小王', owner);
    await bot.say('o', '/topic add 2026-12-01 20:00 一次性分享', owner);
    await bot.say('o', '/announce every mon 09:00 新的一周，记得打卡', owner);
    const exported = sentTexts(await bot.say('o', '/settings export', owner))[0]!.split('\n')[1]!;
    const g2 = { ...owner, group: 'g2' };
    await bot.say('o', '/tz Asia/Tokyo', g2);
    const imported = sentTexts(await bot.say('o', `/settings import ${exported}`, g2))[0]!;
    expect(imported).toMatch(/^已导入 \d+ 项设置，新增 1 个奖励、1 个固定话题、1 条定时公告。$/);
    expect(sentTexts(await bot.say('o', '/rewards', g2))[0]).toContain('书签');
    const topics = sentTexts(await bot.say('o', '/topics', g2))[0]!;
    expect(topics).toContain('每周复盘');
    expect(topics).not.toContain('一次性分享'); // a one-off date stays with its group
    expect(sentTexts(await bot.say('o', '/announcements', g2))[0]).toContain('新的一周，记得打卡');
    expect(sentTexts(await bot.say('o', `/settings import ${exported}`, g2))[0]).toMatch(/新增 0 个奖励、0 个固定话题、0 条定时公告/);
  });

  it('answers, notes and upcoming events travel too: the sister group answers the same questions and has the same meet-up, with its own sign-ups', async () => {
    const bot = open();
    await bot.say('o', '/faq add 怎么报名|如何报名 = 看群公告', owner);
    await bot.say('o', '/note 资料 网盘链接在这里', owner);
    await bot.say('o', '/event add 2026-12-20 14:00 读书会 | 星巴克 | 20', owner);
    await bot.say('ann', '接龙');
    const exported = sentTexts(await bot.say('o', '/settings export', owner))[0]!.split('\n')[1]!;
    const g2 = { ...owner, group: 'g2' };
    expect(sentTexts(await bot.say('o', `/settings import ${exported}`, g2))[0]).toMatch(/新增 .*1 条问答、1 条笔记、1 个活动。$/);
    expect(sentTexts(await bot.say('bob', '请问怎么报名？', { group: 'g2' }))).toEqual(['看群公告']);
    expect(sentTexts(await bot.say('bob', '#资料', { group: 'g2' }))).toEqual(['网盘链接在这里']);
    expect(sentTexts(await bot.say('bob', '/events', { group: 'g2' }))[0]).toContain('#2 2026-12-20 14:00 读书会（0/20）');
    expect(sentTexts(await bot.say('o', `/settings import ${exported}`, g2))[0]).toMatch(/0 条问答、0 条笔记、0 个活动。$/);
    const bad = JSON.stringify({ settings: {}, faqs: [{ phrasings: [], answer: 'x', exact: false }], notes: [{ name: 'a b', text: 'x' }], events: [{ title: 't', place: '', startsAt: 'tomorrow', capacity: null }] });
    const reply = sentTexts(await bot.say('o', `/settings import ${bad}`, g2))[0]!;
    for (const part of ['faqs[0]: phrasings', 'notes[0]: name', 'events[0]: startsAt']) expect(reply).toContain(part);
  });

  it('an import with a bad part changes nothing and names the item', async () => {
    const bot = open();
    const bad = JSON.stringify({ settings: { timezone: 'Asia/Seoul' }, rewards: [{ name: '书签', cost: -5, stock: null }], topics: [{ title: 'x', description: '', host: '', every: 'someday' }], moods: [] });
    const reply = sentTexts(await bot.say('o', `/settings import ${bad}`, owner))[0]!;
    expect(reply).toMatch(/^导入失败，没有做任何修改/);
    for (const part of ['rewards[0]', 'topics[0]', 'moods: 不认识这一部分']) expect(reply).toContain(part);
    expect(bot.app.settings.for({ platform: 'test', groupId: 'g1' }).timezone).not.toBe('Asia/Seoul');
    expect(sentTexts(await bot.say('o', '/rewards', owner))[0]).not.toContain('书签');
  });

  it('the entry answer is masked in the group and shown whole to an admin in a private chat', async () => {
    const bot = open({ owners: { test: ['o'] } });
    await bot.say('o', '/verify question 本群讨论什么？ 前端', owner);
    const inGroup = [
      ...sentTexts(await bot.say('o', '/settings', owner)),
      ...sentTexts(await bot.say('o', '/settings export', owner)),
      ...sentTexts(await bot.say('o', '/set verify.answer 后端', owner)),
    ].join('\n');
    expect(inGroup).not.toMatch(/前端|后端/);
    expect(inGroup).toContain('已隐藏');
    const dm = { chat: 'private' as const, group: 'o' };
    await bot.say('o', '/use g1', dm);
    expect(sentTexts(await bot.say('o', '/settings export', dm))[0]).toContain('"verify.answer":"后端"');
  });

  it('a value out of bounds is answered with the bounds, and a choice with words, not keys', async () => {
    const bot = open();
    expect(sentTexts(await bot.say('o', '/set verify.minutes 99999', owner))).toEqual(['verify.minutes 的值不对：应为 1 到 1440 之间的整数；例如 10。']);
    expect(sentTexts(await bot.say('o', '/intro action report', owner))).toEqual(['好的，到期还没有自我介绍的新成员：告诉群主，由群主决定。']);
  });

  it('a bad import changes nothing and names every problem', async () => {
    const bot = open();
    await bot.say('o', '/tz Asia/Tokyo', owner);
    const reply = sentTexts(await bot.say('o', '/settings import {"timezone":"Asia/Seoul","language":"klingon","nosuch":1}', owner))[0]!;
    expect(reply).toMatch(/^导入失败，没有做任何修改/);
    expect(reply).toContain('language:');
    expect(reply).toContain('nosuch: 没有这项设置');
    expect(sentTexts(await bot.say('o', '/tz', owner))[0]).toMatch(/Asia\/Tokyo/); // the valid key was not applied either
    expect(sentTexts(await bot.say('o', '/settings import [1,2]', owner))).toEqual(['导入失败：内容不是有效的 JSON 对象，没有做任何修改。']);
    expect(sentTexts(await bot.say('o', '/settings import {oops', owner))).toEqual(['导入失败：内容不是有效的 JSON 对象，没有做任何修改。']);
    expect(sentTexts(await bot.say('o', '/settings import', owner))[0]).toMatch(/^用法：/);
  });

  it('settings survive a restart', async () => {
    const first = open();
    await first.say('o', '/lang en', owner);
    first.close();
    bots = [];
    const second = open();
    expect(sentTexts(await second.say('alice', '/rules'))[0]).toMatch(/^This group has no rules yet/);
  });
});

describe('owners type times as they say them', () => {
  it('/worktime 周一到周五 9点-18点 and /tz 北京时间 are understood', async () => {
    const bot = open();
    const work = sentTexts(await bot.say('o', '/worktime 周一到周五 上午9点到12点，下午1点半到6点', owner))[0]!;
    expect(work).toContain('mon-fri 09:00-12:00,13:30-18:00');
    expect(sentTexts(await bot.say('o', '/tz 东八区', owner))[0]).toContain('Asia/Shanghai');
    expect(sentTexts(await bot.say('o', '/checkinreminder 晚上9点', owner))[0]).toContain('21:00');
  });
});
