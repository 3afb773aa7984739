import { describe, expect, it } from 'vitest';
import { answerMatches, looksLikeAttempt } from '../src/features/onboarding/template.js';
import { perTest, sentTexts } from './support/recording.js';
import { NewcomersRepo } from '../src/features/onboarding/newcomers.sql.js';

const scratch = perTest();
const g = { platform: 'test', groupId: 'g1' };

describe('entry answers are read as a person would', () => {
  it('a reply containing the answer counts, whatever its width, case or script', () => {
    expect(answerMatches('王老师', '王')).toBe(true);
    expect(answerMatches('ＷＥＢ前端！', 'web前端')).toBe(true);
    expect(answerMatches('職場', '职场')).toBe(true);
    expect(answerMatches('后端', '前端|后端|全栈')).toBe(true); // the owner accepts several
    expect(answerMatches('产品', '前端|后端')).toBe(false);
    // A long chat line that happens to mention the answer is not an answer.
    expect(answerMatches('我想问一下王老师今天晚上的直播几点开始，能不能看回放', '王')).toBe(false);
  });

  it('a question back is no attempt', () => {
    expect(looksLikeAttempt('这是什么群？')).toBe(false);
    expect(looksLikeAttempt('请问答案是人名吗')).toBe(false);
    expect(looksLikeAttempt('张老师')).toBe(true);
  });

  it('in a group: a question back uses no try, a wrong answer says how many are left, "王老师" gets in', async () => {
    const bot = scratch.bot();
    await bot.say('o', '/verify question 群主姓什么 王', { role: 'owner' });
    await bot.dispatch({ type: 'memberJoined', ...g, eventId: 'j1', at: bot.clock.now(), members: [{ id: 'n1', name: '小李' }] });
    await bot.say('n1', '这是什么群？');
    expect(sentTexts(await bot.say('n1', '张'))).toEqual(['@小李 答案不对，还可以再试 2 次。']);
    await bot.say('n1', '王老师');
    expect(bot.app.store.of(NewcomersRepo).get(g, 'n1')?.stage).not.toBe('verify');
  });
});
