import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../support/cli.js';
import { tempDir } from '../support/recording.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const shell = (db: string, input: string, platform = 'telegram') => {
  const r = runCli(['shell', '--json', '--platform', platform, '--db', db], input);
  expect(r.stderr).toBe('');
  return jsonLines(r.stdout);
};
const bot = (out: Record<string, unknown>[]) => out.filter((o) => o.action);

describe('the entry ritual, told through the simulator', () => {
  it('a newcomer verifies with the button, is welcomed with the rules, and introduces themself', () => {
    const out = shell(
      join(tmp.dir, 'a.db'),
      lines(
        ':clock 2026-11-24T10:00:00+08:00',
        '/setrules 1. 友善交流 2. 不发广告',
        '/verify button 5',
        '/intro on 昵称/城市/行业/想收获什么 24',
        '/welcome 🎉 欢迎 {name} 加入{group}，第 {count} 位伙伴（{inviter} 邀请）！{rules}',
        ':join xm 小明',
        ':as xm',
        '我可以说话吗',
        ':click verify:xm',
        ':advance 30s',
        '小明/上海/前端/学习性能优化',
      ),
    );
    const actions = bot(out).slice(4); // after the four set-up answers
    expect(actions).toEqual([
      { action: 'mute', group: 'demo', user: 'xm', until: '2027-11-25T10:00:00+08:00', reason: '入群验证' },
      {
        action: 'send',
        group: 'demo',
        id: 'b5',
        text: '@小明 欢迎！请在 5 分钟内点下面的按钮完成验证，验证前暂时不能发言。',
        mentions: ['xm'],
        buttons: [{ label: '我不是机器人', data: 'verify:xm' }],
      },
      { action: 'answerButton', group: 'demo', text: '验证成功，欢迎！' },
      { action: 'unmute', group: 'demo', user: 'xm' },
      {
        action: 'send',
        group: 'demo',
        id: 'b6',
        text: '🎉 欢迎 @小明 加入demo，第 2 位伙伴（群主 邀请）！📜 群规：\n1. 友善交流 2. 不发广告\n✍️ 请按这个格式做个自我介绍：昵称/城市/行业/想收获什么',
        mentions: ['xm'],
      },
      { action: 'send', group: 'demo', id: 'b7', text: '感谢 @小明 的自我介绍！', replyTo: 'm5', mentions: ['xm'] },
    ]);
    // While muted, the platform itself held the message back.
    expect(out).toContainEqual(expect.objectContaining({ blocked: 'muted', user: 'xm' }));
  });

  it('on WeChat the button becomes a word to type, and typing it lets the newcomer in', () => {
    const out = shell(join(tmp.dir, 'wx.db'), lines(':clock 2026-11-24T10:00:00+08:00', '/verify button', ':join xm 小明', ':as xm', '你好', '验证', ':advance 1m'), 'wechat');
    expect(bot(out).map((a) => a.text)).toEqual([
      '已开启入群验证：新成员需在 10 分钟内发送「验证」。',
      '@小明 欢迎！请在 10 分钟内按下面的提示回复完成验证。\n回复「验证」：我不是机器人',
      '@小明 请先完成入群验证：发送「验证」',
      '🎉 欢迎 @小明 加入「demo」！你是本群第 2 位成员。',
    ]);
  });

  it('members joining together get one welcome', () => {
    const out = shell(join(tmp.dir, 'b.db'), lines(':clock 2026-11-24T10:00:00+08:00', ':join a 阿一', ':advance 5s', ':join b 阿二', ':join c 阿三', ':advance 1m'));
    const welcomes = bot(out).filter((a) => a.action === 'send');
    expect(welcomes).toEqual([expect.objectContaining({ text: '🎉 欢迎 @阿一 @阿二 @阿三 加入「demo」！你是本群第 2–4 位成员。', mentions: ['a', 'b', 'c'] })]);
  });

  it('one who never verifies is removed on Telegram', () => {
    const out = shell(join(tmp.dir, 'c.db'), lines(':clock 2026-11-24T10:00:00+08:00', '/verify keyword 芝麻开门 10', ':join spam 推广员', ':advance 11m'));
    expect(bot(out).at(-1)).toEqual({ action: 'kick', group: 'demo', user: 'spam', reason: '未在 10 分钟内完成入群验证' });
  });

  it('one who never verifies is reported to the owner on WeChat, whose bot cannot remove; their messages are flagged', () => {
    const out = shell(
      join(tmp.dir, 'd.db'),
      lines(':clock 2026-11-24T10:00:00+08:00', '/verify keyword 芝麻开门 10', ':join spam 推广员', ':as spam', '加我微信领福利', '还有更多', ':advance 11m'),
      'wechat',
    );
    const acts = bot(out).slice(1);
    expect(acts).toEqual([
      expect.objectContaining({ action: 'send', text: '@推广员 欢迎！请在 10 分钟内发送「芝麻开门」完成验证。' }),
      expect.objectContaining({ action: 'send', text: '@推广员 请先完成入群验证：发送「芝麻开门」' }),
      { action: 'dm', user: 'owner', text: '在「demo」里我没法把 推广员 移出群（未在 10 分钟内完成入群验证），请你手动处理。一小时内同类情况只记在 /log 里，不再逐条通知。' },
    ]);
  });

  it('a wrong answer is limited; the right one lets the newcomer in', () => {
    const out = shell(
      join(tmp.dir, 'e.db'),
      lines(':clock 2026-11-24T10:00:00+08:00', '/verify question 本群讨论什么技术？ 前端 10', ':join a 阿一', ':as a', '后端', '前端！', ':advance 1m', ':join b 阿二', ':as b', '不知道', '随便', '还是不知道'),
    );
    const texts = bot(out).map((a) => a.text ?? `${a.action}:${a.user}`);
    expect(texts.slice(1)).toEqual([
      '@阿一 欢迎！请在 10 分钟内回答：本群讨论什么技术？',
      '@阿一 答案不对，还可以再试 2 次。',
      '🎉 欢迎 @阿一 加入「demo」！你是本群第 2 位成员。',
      '@阿二 欢迎！请在 10 分钟内回答：本群讨论什么技术？',
      '@阿二 答案不对，还可以再试 2 次。',
      '@阿二 答案不对，还可以再试 1 次。',
      'kick:b',
    ]);
  });

  it('observe mode asks as usual but holds nobody back and removes nobody; /log tells what would have been done', () => {
    const out = shell(
      join(tmp.dir, 'o.db'),
      lines(':clock 2026-11-24T10:00:00+08:00', '/verify button 10', '/verify observe on', ':join xm 小明', ':as xm', '我可以说话吗', '还有一句', ':advance 11m', ':as owner', '/log'),
    );
    const acts = bot(out).slice(2);
    expect(acts.map((a) => a.action)).toEqual(['send', 'send']); // the challenge, then /log: no mute, no delete, no kick
    expect(acts[0]).toMatchObject({ text: '@小明 欢迎！请在 10 分钟内点下面的按钮完成验证。' });
    expect(acts[1]!.text).toBe(
      ['最近的处理记录：', '• 2026-11-24 10:10 入群验证（观察模式） 小明：未在 10 分钟内完成入群验证 → 会移出群', '• 2026-11-24 10:00 入群验证（观察模式） 小明：入群验证 → 会拦下未验证的发言'].join('\n'),
    );
    expect(out).not.toContainEqual(expect.objectContaining({ blocked: 'muted' }));
  });

  it('a deadline survives a restart between the join and the deadline', () => {
    const db = join(tmp.dir, 'f.db');
    shell(db, lines(':clock 2026-11-24T10:00:00+08:00', '/verify keyword 芝麻开门 10', ':join late 迟到者'));
    // The bot was down from 10:00 to 10:30; the deadline (10:10) passed meanwhile.
    const out = shell(db, lines(':clock 2026-11-24T10:30:00+08:00'));
    expect(bot(out)).toEqual([{ action: 'kick', group: 'demo', user: 'late', reason: '未在 10 分钟内完成入群验证' }]);
  });

  it('no introduction: one reminder halfway that says what comes next, then the owner is told at the deadline', () => {
    const out = shell(join(tmp.dir, 'g.db'), lines(':clock 2026-11-24T10:00:00+08:00', '/intro on 昵称/城市 2', ':join q 沉默者', ':advance 1m', ':advance 59m', ':advance 1m', ':advance 59m', ':advance 1m'));
    const texts = bot(out).map((a) => `${a.action}:${a.text}`);
    expect(texts.slice(1)).toEqual([
      'send:🎉 欢迎 @沉默者 加入「demo」！你是本群第 2 位成员。\n✍️ 请按这个格式做个自我介绍：昵称/城市',
      'send:@沉默者 还没看到你的自我介绍哦，格式：昵称/城市\n1 小时内还没有的话，我会告诉群主。',
      'dm:「demo」的 沉默者 入群后一直没有自我介绍。',
    ]);
  });
});
