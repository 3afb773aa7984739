import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../support/cli.js';
import { tempDir } from '../support/recording.js';
import { captchaSeed, mathQuestion } from '../../src/features/onboarding/captcha.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const done = (out: Record<string, unknown>[]) => out.filter((o) => o.action).map((o) => (o.action === 'send' || o.action === 'dm' ? `${o.action}:${o.text}` : `${o.action}:${o.user ?? o.messageId ?? ''}`));

describe('moderation, told through the simulator', () => {
  it('locks, a newcomer limit, an edit into a link and a flood, each answered once', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'm.db')],
      lines(
        ':clock 2026-11-24T10:00:00+08:00',
        '/lock gifs',
        '/newcomerlimit 24h',
        '/flood 5 10',
        ':join nina 妮娜',
        ':as nina',
        '大家好，我是妮娜',
        ':edit m4 大家好 https://example.com/promo',
        ':as olga 奥尔加',
        ':gif',
        ...Array.from({ length: 7 }, (_, i) => `我来刷屏 ${i}`),
      ),
    );
    expect(r.code).toBe(0);
    const out = done(jsonLines(r.stdout)).filter((l) => !l.startsWith('send:🔒') && !l.startsWith('send:防刷屏') && !l.startsWith('commandMenu'));
    expect(out.filter((l) => l.startsWith('send:'))).toEqual([
      'send:@妮娜 新成员入群 24 小时内暂不能发链接（2026-11-25 10:00 之后就可以了），这条消息已删除。',
      'send:@奥尔加 本群暂不允许发动图，这条消息已删除。',
      'send:@奥尔加 请勿刷屏（10 秒内发了超过 5 条消息）。这是第 1 次：提醒。再有一次将警告。如有异议请发送 /appeal 申诉。',
    ]);
    expect(out.filter((l) => l.startsWith('delete:'))).toHaveLength(4); // the edit, the GIF, two of the flood
  });

  it('a report reaches the owner privately, and one tap removes the member', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'r.db')],
      lines(':clock 2026-11-24T10:00:00+08:00', ':as mallory 马洛', '大家来我的群玩', ':as ann 安', ':reply m1 /report', ':as owner', ':click report:1:ban'),
    );
    expect(r.code).toBe(0);
    const out = done(jsonLines(r.stdout));
    expect(out).toContain('send:已收到举报，管理员会尽快处理。谢谢你！');
    expect(out.find((l) => l.startsWith('dm:'))).toMatch(/^dm:「demo」里 安 举报了 马洛 的消息：\n「大家来我的群玩」\n请选择处理方式：/);
    expect(out.filter((l) => l.startsWith('delete:') || l.startsWith('kick:'))).toEqual(['delete:m1', 'kick:mallory']);
  });
});

describe('newcomers and raids, told through the simulator', () => {
  it('a sum as the entry check: the newcomer who answers it is let in', () => {
    const joinedAt = Date.parse('2026-11-24T10:00:00+08:00');
    const { question, answer } = mathQuestion(captchaSeed('nina', joinedAt));
    const r = runCli(['shell', '--json', '--db', join(tmp.dir, 'c.db')], lines(':clock 2026-11-24T10:00:00+08:00', '/verify math', ':join nina 妮娜', ':as nina', String(answer + 1), String(answer), ':advance 1m'));
    const out = done(jsonLines(r.stdout)).filter((l) => l.includes('妮娜'));
    expect(out).toEqual([
      `send:@妮娜 欢迎！请在 10 分钟内回答：${question} = ?`,
      'send:@妮娜 答案不对，还可以再试 2 次。',
      expect.stringMatching(/^send:🎉 欢迎 @妮娜/),
    ]);
  });

  it('a burst of joins turns raid mode on, the newcomers are asked together, and it ends when the group is quiet', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'r.db')],
      lines(':clock 2026-11-24T10:00:00+08:00', '/lockdown auto 3 60', ':join a1', ':join a2', ':join a3', ':join a4', ':advance 30s', ':advance 11m'),
    );
    const out = done(jsonLines(r.stdout));
    expect(out.filter((l) => l.startsWith('send:🛡 短时间内进群的人很多'))).toHaveLength(1);
    expect(out.filter((l) => l.startsWith('send:刚进群的朋友们'))).toHaveLength(1);
    expect(out.filter((l) => l.startsWith('dm:'))).toEqual([expect.stringMatching(/^dm:🛡「demo」60 秒内进了 3 个新成员/), expect.stringMatching(/^dm:✅「demo」的防突袭已结束/)]);
  });

  it("a ban in one of an owner's groups removes the member from the others too", () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'f.db')],
      lines(
        ':clock 2026-11-24T10:00:00+08:00',
        '/family create',
        ':group g2',
        ':role owner owner',
        '/family join 1',
        ':as mallory 马洛',
        '大家好',
        ':group demo',
        '大家好',
        ':as owner',
        '/ban 马洛 倒卖课程',
      ),
    );
    const kicks = jsonLines(r.stdout).filter((o) => o.action === 'kick').map((o) => `${o.group}:${o.user}`);
    expect(kicks).toEqual(['demo:mallory', 'g2:mallory']);
  });
});
