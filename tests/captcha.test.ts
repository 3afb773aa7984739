import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import type { Action } from '../src/engine/actions.js';
import { EMOJI, captchaSeed, emojiPick, givenNumber, mathQuestion } from '../src/features/onboarding/captcha.js';
import { NewcomersRepo } from '../src/features/onboarding/newcomers.sql.js';
import { joinEvent, perTest, sentTexts } from './support/recording.js';

const scratch = perTest();
const g = { platform: 'test', groupId: 'g1' };
const open = (o: { wechat?: boolean } = {}) =>
  scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } }, ...(o.wechat ? { capabilities: SIMULATED.wechat } : {}) });
type Bot = ReturnType<typeof open>;
let presses = 0;
const press = (bot: Bot, who: string, data: string) =>
  bot.dispatch({ type: 'buttonPressed', ...g, eventId: `p${++presses}`, at: bot.clock.now(), sender: { id: who, name: who }, data, pressId: `q${presses}` });
const answered = (bot: Bot) => bot.adapter.performed.filter((a) => a.type === 'answerButton').map((a) => (a.type === 'answerButton' ? a.text : ''));

describe('captchas', () => {
  it("each newcomer's is their own, and the same on every read", () => {
    const a = captchaSeed('nina', 1_000);
    expect(captchaSeed('nina', 1_000)).toBe(a);
    expect(captchaSeed('nina', 2_000)).not.toBe(a);
    const { question, answer } = mathQuestion(a);
    const [x, y] = question.split(' + ').map(Number);
    expect(x! + y!).toBe(answer);
    expect(x).toBeGreaterThanOrEqual(10);
    const pick = emojiPick(a);
    expect(new Set(pick.options).size).toBe(6);
    expect(pick.answer).toBeLessThan(6);
    expect([givenNumber('答案是 ３０ 吧'), givenNumber('不知道')]).toEqual([30, undefined]);
  });

  it('a sum: the wrong number costs a try, the right one lets the newcomer in; a chat line is held back and told the sum', async () => {
    const bot = open();
    await bot.say('boss', '/verify math');
    const joined = await bot.dispatch(joinEvent(['nina'], bot.clock.now()));
    const { question, answer } = mathQuestion(captchaSeed('nina', bot.clock.now().getTime()));
    expect(sentTexts(joined)).toEqual([`@nina 欢迎！请在 10 分钟内回答：${question} = ?`]);
    expect(joined.filter((a) => a.type === 'mute')).toEqual([]); // a typed answer cannot be given muted
    const chat = await bot.say('nina', '大家好');
    expect(chat.filter((a) => a.type === 'delete')).toHaveLength(1);
    expect(sentTexts(chat)).toEqual([`@nina 请先完成入群验证：回答：${question} = ?`]);
    expect(sentTexts(await bot.say('nina', String(answer + 1)))).toEqual(['@nina 答案不对，还可以再试 2 次。']);
    await bot.say('nina', `${answer}`);
    expect(bot.app.store.of(NewcomersRepo).get(g, 'nina')?.stage).toBe('welcome');
    expect((await bot.say('nina', '谢谢')).filter((a) => a.type === 'delete')).toEqual([]);
  });

  it('a picture named in words: muted until the right one is pressed; a wrong one costs a try', async () => {
    const bot = open();
    await bot.say('boss', '/verify emoji');
    const joined = await bot.dispatch(joinEvent(['olga'], bot.clock.now()));
    const pick = emojiPick(captchaSeed('olga', bot.clock.now().getTime()));
    const ask = joined.find((a): a is Extract<Action, { type: 'send' }> => a.type === 'send')!;
    expect(ask.buttons!.map((b) => b.label)).toEqual(pick.options.map((o) => EMOJI[o]));
    expect(ask.text).toMatch(/^@olga 欢迎！请在 10 分钟内点出下面的「.+」完成验证，验证前暂时不能发言。$/);
    expect(ask.text).not.toContain(EMOJI[pick.options[pick.answer]!]); // named in words, never shown
    expect(joined.filter((a) => a.type === 'mute')).toHaveLength(1);
    const wrong = (pick.answer + 1) % 6;
    expect((await press(bot, 'olga', `verify:olga:${wrong}`)).filter((a) => a.type === 'unmute')).toEqual([]);
    expect(answered(bot).at(-1)).toBe('不是这个哦，还可以再试 2 次。');
    expect((await press(bot, 'olga', `verify:olga:${pick.answer}`)).filter((a) => a.type === 'unmute')).toHaveLength(1);
  });

  it('three wrong pictures and the newcomer is removed', async () => {
    const bot = open();
    await bot.say('boss', '/verify emoji');
    await bot.dispatch(joinEvent(['bot9'], bot.clock.now()));
    const wrong = (emojiPick(captchaSeed('bot9', bot.clock.now().getTime())).answer + 1) % 6;
    const kicks: Action[] = [];
    for (let i = 0; i < 3; i++) kicks.push(...(await press(bot, 'bot9', `verify:bot9:${wrong}`)).filter((a) => a.type === 'kick'));
    expect(kicks).toMatchObject([{ user: { id: 'bot9' } }]);
  });

  it('on WeChat, without buttons, a picture to pick becomes a sum', async () => {
    const bot = open({ wechat: true });
    expect(sentTexts(await bot.say('boss', '/verify emoji'))).toEqual(['已开启入群验证：新成员需在 10 分钟内回答一道简单的算术题。']);
    const joined = await bot.dispatch(joinEvent(['pat'], bot.clock.now()));
    expect(sentTexts(joined)[0]).toMatch(/^@pat 欢迎！请在 10 分钟内回答：\d+ \+ \d = \?$/);
  });
});
