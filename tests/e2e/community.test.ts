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
const said = (stdout: string) => jsonLines(stdout).filter((o) => o.action === 'send' || o.action === 'dm' || o.action === 'answerButton').map((o) => `${String(o.action === 'dm' ? `dm:${String(o.user)}` : o.group)}: ${String(o.text)}`);

describe('what keeps a community alive, through the simulator', () => {
  it('a taught answer, a sign-up list with a waitlist, and a poll', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'a.db')],
      lines(
        ':clock 2026-11-24T09:00:00+08:00',
        '/faq add 怎么报名|如何报名 = 看群公告里的报名链接',
        ':as ann 安妮',
        '请问怎么报名？',
        ':as owner',
        '/event add 2026-11-28 14:00 读书会 | 咖啡馆 | 2',
        ':as ann',
        '接龙',
        ':as bob 小波',
        '+1',
        ':as cat 小猫',
        '接龙',
        '/poll 周末去哪 | 爬山 | 看展',
        ':as ann',
        ':click poll:1:0',
      ),
    );
    expect(r.stderr).toBe('');
    expect(said(r.stdout)).toEqual([
      'demo: 已记住第 1 条问答：怎么报名 / 如何报名。有人这样问，我就回答。',
      'demo: 看群公告里的报名链接',
      'demo: 📅 活动 #1：读书会\n时间：2026-11-28 14:00\n地点：咖啡馆\n名额：2 人，满了可以排队\n点按钮、发「接龙」或「+1」报名；发「取消接龙」退出。',
      'demo: ✍️ 活动 #1「读书会」接龙（1/2）：\n1. 安妮',
      'demo: ✍️ 活动 #1「读书会」接龙（2/2）：\n1. 安妮\n2. 小波',
      'demo: 小猫，「读书会」已经满员，你是候补第 1 位；有人退出会自动补上并通知你。',
      'demo: 📊 投票 #1：周末去哪\n1. 爬山\n2. 看展\n（2026-11-25 09:00 截止；可以改投）',
      'demo: 已投「爬山」（截止前可以改）',
    ]);
  });

  it('a full group sends a newcomer to the next group with room, and one announcement reaches every group of the family', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'b.db')],
      lines(
        ':clock 2026-11-24T09:00:00+08:00',
        ':as ann 安妮',
        '你好',
        ':as owner',
        '/family create',
        ':group g2',
        ':role owner owner',
        '/family join 1',
        ':group demo',
        '/overflow 2',
        ':join dan 小丹',
        '/invite',
        '/broadcast 周六读书会见',
        ':click broadcast:1:go',
        ':advance 1m',
        ':advance 15m',
      ),
    );
    expect(r.stderr).toBe('');
    const out = said(r.stdout);
    expect(out).toContain('demo: @小丹 欢迎！本群已满员（3/2），为了让大家聊得开，请移步「g2」https://t.me/+sim-g2');
    expect(out).toContain('demo: 本群已满员，新朋友请加入「g2」https://t.me/+sim-g2');
    expect(out.find((l) => l.startsWith('dm:owner: 📢 群发 #1 预览'))).toContain('将发到 2 个群');
    expect(out.filter((l) => l.endsWith(': 周六读书会见')).sort()).toEqual(['demo: 周六读书会见', 'g2: 周六读书会见']);
    expect(out.at(-1)).toBe('dm:owner: 📢 群发 #1 结果：送达 2 个群。');
  });
});
