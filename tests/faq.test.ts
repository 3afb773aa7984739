import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import { CONTAINS_MAX, looksLikeQuestion, loose, matchFaq } from '../src/features/faq/match.js';
import { perTest, sentTexts, textEvent } from './support/recording.js';

const scratch = perTest();
const MINUTE = 60_000;
const open = () => scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } } });

describe('how a question meets a taught answer', () => {
  it('whatever the width, case, traditional characters and punctuation; exact phrasings only as the whole message', () => {
    const faqs = [
      { id: 1, exact: false, phrasings: ['怎么报名', '如何报名'].map(loose) },
      { id: 2, exact: true, phrasings: ['价格'].map(loose) },
    ];
    expect(matchFaq(loose('请问，怎么報名？'), faqs)?.id).toBe(1);
    expect(matchFaq(loose('ＨＩ 如何报名!!'), faqs)?.id).toBe(1);
    expect(matchFaq(loose('价格？'), faqs)?.id).toBe(2);
    expect(matchFaq(loose('这个价格有点贵'), faqs)).toBeUndefined();
    expect(matchFaq(loose(`${'我们'.repeat(CONTAINS_MAX)}怎么报名`), faqs)).toBeUndefined(); // talk that mentions it
  });

  it('a question is a question mark or the words questions are made of', () => {
    expect(['这个怎么配置', 'how do I deploy this', '有人用过 Vite 吗', '部署失败了？'].map(looksLikeQuestion)).toEqual([true, true, true, true]);
    expect(['好的', '我明白了，谢谢大家', '哈哈'].map(looksLikeQuestion)).toEqual([false, false, false]);
  });
});

describe('answers in a group (答疑)', () => {
  it('a taught answer is given at once, not twice within five minutes', async () => {
    const bot = open();
    expect(sentTexts(await bot.say('boss', '/faq add 怎么报名|如何报名 = 看群公告里的报名链接'))).toEqual(['已记住第 1 条问答：怎么报名 / 如何报名。有人这样问，我就回答。']);
    expect(sentTexts(await bot.say('ann', '请问怎么報名？'))).toEqual(['看群公告里的报名链接']);
    expect(sentTexts(await bot.say('bob', '如何报名呀'))).toEqual([]);
    bot.clock.advance(6 * MINUTE);
    expect(sentTexts(await bot.say('bob', '如何报名呀'))).toEqual(['看群公告里的报名链接']);
    expect(sentTexts(await bot.say('boss', '/faq'))[0]).toBe('本群的问答：\n1. 怎么报名 / 如何报名 → 看群公告里的报名链接\n（/faq remove 编号 删除）');
    await bot.say('boss', '/faq remove 1');
    bot.clock.advance(6 * MINUTE);
    expect(sentTexts(await bot.say('cat', '怎么报名'))).toEqual([]);
  });

  it('notes are recalled by #name; anyone may list them', async () => {
    const bot = open();
    expect(sentTexts(await bot.say('boss', '/note 资料 网盘链接：https://pan.example.com/s/abc'))).toEqual(['已保存笔记 #资料，群里发送 #资料 就能看到。']);
    expect(sentTexts(await bot.say('ann', '#资料'))).toEqual(['网盘链接：https://pan.example.com/s/abc']);
    expect(sentTexts(await bot.say('ann', '/notes'))).toEqual(['本群的笔记：#资料（发送 #名字 查看）']);
    expect(sentTexts(await bot.say('ann', '#没有这个'))).toEqual([]);
  });

  it('bad input gets the usage or a clear limit, and members may not teach', async () => {
    const bot = open();
    expect(sentTexts(await bot.say('boss', '/faq add 没有等号的问题'))).toEqual([expect.stringMatching(/^用法/)]);
    expect(sentTexts(await bot.say('boss', `/faq add ${'长'.repeat(60)} = 答案`))).toEqual(['太长了：最多 10 种问法，每种 50 个字以内，答案 2000 个字以内。']);
    expect(sentTexts(await bot.say('ann', '/faq add 问 = 答'))).toEqual([expect.stringContaining('管理员')]);
  });

  it('questions nobody answered in work hours reach the owner on Monday; one someone replied to does not', async () => {
    const bot = open();
    await bot.say('boss', '/worktime mon-fri 09:00-18:00');
    const first = textEvent('ann', 'Vite 的热更新为什么不生效？', bot.clock.now()); // Tuesday 09:00
    await bot.dispatch(first);
    await bot.dispatch(textEvent('bob', '生产环境怎么开启 gzip 压缩', bot.clock.now()));
    await bot.dispatch(textEvent('cat', '看一下 vite.config 里的 server.hmr', bot.clock.now(), { extra: { replyTo: { messageId: first.messageId, senderId: 'ann' } } }));
    // A reply to anything not on the list writes nothing.
    const before = bot.app.store.changes();
    await bot.dispatch(textEvent('cat', '同意', bot.clock.now(), { extra: { replyTo: { messageId: 'not-a-question', senderId: 'dan' } } }));
    expect(bot.app.store.changes()).toBe(before);
    bot.clock.set('2026-11-24T21:00:00+08:00');
    await bot.say('dan', '晚上有人打游戏吗？'); // after hours: not listed
    await bot.app.scheduler.advanceTo(bot.clock, new Date('2026-11-30T09:01:00+08:00'));
    const dm = bot.adapter.performed.find((a) => a.type === 'dm' && a.userId === 'boss');
    expect(dm?.type === 'dm' && dm.text).toBe('📋「g1」这一周还没人回答的问题（问题清单）：\n• 2026-11-24 09:00 bob：生产环境怎么开启 gzip 压缩\n常被问到的，可以用 /faq add 教我回答。');
  });
});
