import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import type { Action } from '../src/engine/actions.js';
import { RaidsRepo } from '../src/features/raid/raids.sql.js';
import { joinEvent, perTest, sentTexts, textEvent } from './support/recording.js';

const scratch = perTest();
const g = { platform: 'test', groupId: 'g1' };
const open = () => scratch.bot({ features: buildFeatures(), config: { owners: { test: ['boss'] } } });
type Bot = ReturnType<typeof open>;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Members joining one by one, `every` apart; returns what was decided. */
async function joins(bot: Bot, ids: string[], every = 2 * SECOND): Promise<Action[]> {
  const out: Action[] = [];
  for (const id of ids) {
    out.push(...(await bot.dispatch(joinEvent([id], bot.clock.now()))));
    bot.clock.advance(every);
  }
  return out;
}
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const setting = (bot: Bot, key: string) => bot.app.settings.for(g).get(bot.app.settings.definition(key)!);
const toGroup = (bot: Bot) => bot.adapter.performed.filter((a) => a.type === 'send').map((a) => (a.type === 'send' ? a.text : ''));
const toOwner = (bot: Bot) => bot.adapter.performed.filter((a) => a.type === 'dm' && a.userId === 'boss').map((a) => (a.type === 'dm' ? a.text : ''));

describe('raid mode', () => {
  it('ten joins within a minute turn it on; it asks newcomers together, and ends after ten quiet minutes', async () => {
    const bot = open();
    await joins(bot, names('a', 9));
    expect(await bot.app.store.of(RaidsRepo).open(g)).toBeUndefined();
    await joins(bot, ['a9']);
    expect(bot.app.store.of(RaidsRepo).open(g)).toMatchObject({ by: 'joins', joins: 10 });
    expect(toOwner(bot)).toEqual([expect.stringMatching(/^🛡「g1」60 秒内进了 10 个新成员，已开启防突袭/)]);
    expect(toGroup(bot).filter((t) => t.startsWith('🛡'))).toHaveLength(1);
    expect([setting(bot, 'verify.mode'), setting(bot, 'adfilter.mode'), setting(bot, 'welcome.batchSeconds')]).toEqual(['button', 'strict', 300]);

    // Newcomers in the raid are held back (muted here) and asked together, in one message.
    bot.adapter.performed.length = 0;
    const more = await joins(bot, names('b', 8), SECOND);
    expect(more.filter((a) => a.type === 'mute')).toHaveLength(8);
    expect(sentTexts(more)).toEqual([]);
    await bot.app.scheduler.advanceTo(bot.clock, new Date(bot.clock.now().getTime() + 20 * SECOND));
    // (The welcome of those who came before the raid went out meanwhile, batched as usual.)
    expect(toGroup(bot).filter((t) => !t.startsWith('🎉'))).toEqual(['刚进群的朋友们 欢迎！请在 10 分钟内点下面的按钮完成验证，验证前暂时不能发言。']);
    // Anyone still to verify may press that one button.
    const pressed = await bot.dispatch({ type: 'buttonPressed', ...g, eventId: 'press-b3', at: bot.clock.now(), sender: { id: 'b3', name: 'b3' }, data: 'verify:any', pressId: 'q1' });
    expect(pressed.filter((a) => a.type === 'unmute')).toMatchObject([{ user: { id: 'b3' } }]);

    // Quiet for ten minutes: over, the settings back as they were, the owner told.
    await bot.app.scheduler.advanceTo(bot.clock, new Date(bot.clock.now().getTime() + 11 * MINUTE));
    expect(bot.app.store.of(RaidsRepo).open(g)).toBeUndefined();
    expect([setting(bot, 'verify.mode'), setting(bot, 'adfilter.mode'), setting(bot, 'welcome.batchSeconds')]).toEqual(['off', 'on', 30]);
    expect(toOwner(bot).at(-1)).toMatch(/^✅「g1」的防突袭已结束（持续 \d+ 分钟，期间进群 18 人），设置已恢复。$/); // the ten that set it off, and eight more
  });

  it('joins spread out are no raid', async () => {
    const bot = open();
    await joins(bot, names('c', 30), 10 * SECOND);
    expect(bot.app.store.of(RaidsRepo).open(g)).toBeUndefined();
  });

  it('/lockdown on and off by an admin; a setting the owner changed meanwhile stays', async () => {
    const bot = open();
    expect(sentTexts(await bot.say('bob', '/lockdown on'))).toEqual([expect.stringContaining('管理员')]);
    expect(sentTexts(await bot.say('boss', '/lockdown on'))).toContain('已封群。发送 /lockdown off 结束。');
    expect(sentTexts(await bot.say('boss', '/lockdown on'))).toEqual(['现在已经在封群中了。']);
    expect(sentTexts(await bot.say('boss', '/lockdown'))[0]).toMatch(/\n现在：封群中（2026-11-24 09:00 起，已进群 0 人）$/);
    await bot.say('boss', '/adfilter observe');
    // A lockdown does not end by itself.
    await bot.app.scheduler.advanceTo(bot.clock, new Date(bot.clock.now().getTime() + 60 * MINUTE));
    expect(bot.app.store.of(RaidsRepo).open(g)).toBeDefined();
    expect(sentTexts(await bot.say('boss', '/lockdown off'))).toContain('已解除封群，设置已恢复。');
    expect([setting(bot, 'verify.mode'), setting(bot, 'adfilter.mode')]).toEqual(['off', 'observe']);
    expect(sentTexts(await bot.say('boss', '/lockdown off'))).toEqual(['现在没有封群。']);
  });

  it('observe mode changes nothing and writes the raid down once', async () => {
    const bot = open();
    await bot.say('boss', '/lockdown auto observe');
    await joins(bot, names('d', 25), SECOND);
    expect(bot.app.store.of(RaidsRepo).open(g)).toBeUndefined();
    expect(bot.app.store.actionLog.recent(g).filter((e) => e.action === 'raid (observe)')).toHaveLength(1);
  });

  it('a raid of 200 joins and 200 ads in a minute: every ad is gone and the bot says a handful of things', async () => {
    const bot = open();
    const ads: string[] = [];
    for (let i = 0; i < 200; i++) {
      await bot.dispatch(joinEvent([`s${i}`], bot.clock.now()));
      const ad = textEvent(`s${i}`, `兼职刷单日赚${500 + i}，加微信 ab${1000 + i} 详聊`, bot.clock.now());
      ads.push(ad.messageId);
      await bot.dispatch(ad);
      bot.clock.advance(300);
      await bot.app.scheduler.tick();
    }
    const deleted = new Set(bot.adapter.performed.flatMap((a) => (a.type === 'delete' ? [a.messageId] : [])));
    expect(ads.filter((id) => !deleted.has(id))).toEqual([]);
    // Telegram takes 20 messages a minute in a group: the bot stays far below.
    expect(toGroup(bot).length).toBeLessThanOrEqual(10);
  });
});
