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
const texts = (stdout: string) => jsonLines(stdout).filter((o) => o.action).map((o) => String(o.text ?? `${o.action}:${o.user}`));

describe('check-in stories through the simulator', () => {
  it('a streak survives midnight in Asia/Shanghai: 23:59 and 00:01 are two days', () => {
    const r = runCli(['shell', '--json', '--db', join(tmp.dir, 'a.db')], lines(':clock 2026-11-24T23:59:00+08:00', ':as a 小美', '打卡', ':clock 2026-11-25T00:01:00+08:00', '签到 第二天'));
    expect(texts(r.stdout)).toEqual([
      '✅ 打卡成功！你是今天第 1 个打卡的，已连续 1 天，累计 1 天。+10 积分（共 10）。',
      '✅ 打卡成功！你是今天第 1 个打卡的，已连续 2 天，累计 2 天。+12 积分（共 22）。',
    ]);
  });

  it('with days starting at 04:00, 02:00 still belongs to the day before', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'b.db')],
      lines(':clock 2026-11-24T20:00:00+08:00', '/set checkin.dayStart 04:00', ':as a 夜猫子', '打卡', ':clock 2026-11-25T02:00:00+08:00', '打卡', ':clock 2026-11-25T05:00:00+08:00', '打卡'),
    );
    expect(texts(r.stdout).slice(1)).toEqual([
      '✅ 打卡成功！你是今天第 1 个打卡的，已连续 1 天，累计 1 天。+10 积分（共 10）。',
      '今天已经打过卡啦：你是今天第 1 个，已连续 1 天，积分 10。明天见！',
      '✅ 打卡成功！你是今天第 1 个打卡的，已连续 2 天，累计 2 天。+12 积分（共 22）。',
    ]);
  });

  it('a streak survives the daylight saving change in America/New_York', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'c.db')],
      lines(':clock 2026-03-07T23:30:00-05:00', '/tz America/New_York', ':as a Ann', '/checkin', ':clock 2026-03-08T23:30:00-04:00', '/checkin', ':clock 2026-03-09T00:30:00-04:00', '/checkin'),
    );
    expect(texts(r.stdout).slice(1).map((t) => /已连续 (\d+) 天/.exec(t)?.[1])).toEqual(['1', '2', '3']);
  });

  it('a missed day is rescued by a make-up card bought with points, and milestones are announced', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'd.db')],
      lines(
        ':clock 2026-11-20T09:00:00+08:00',
        '/set checkin.makeupCost 20',
        '/set checkin.milestones 3:30',
        ':as a 小美',
        '打卡',
        ':advance 1d',
        '打卡',
        ':advance 2d', // missed the 22nd
        '打卡',
        '/makeup',
        '/me',
      ),
    );
    const out = texts(r.stdout).slice(2);
    expect(out).toEqual([
      '✅ 打卡成功！你是今天第 1 个打卡的，已连续 1 天，累计 1 天。+10 积分（共 10）。',
      '✅ 打卡成功！你是今天第 1 个打卡的，已连续 2 天，累计 2 天。+12 积分（共 22）。',
      '✅ 打卡成功！你是今天第 1 个打卡的，已连续 1 天，累计 3 天。+10 积分（共 32）。',
      '补签成功：2026-11-22，花费 20 积分，现在连续 4 天。',
      '📇 小美\n连续打卡：4 天（最长 4 天）\n累计打卡：4 天\n积分：12（第 1 名）\n今天已打卡 ✅',
    ]);
    const milestone = runCli(['shell', '--json', '--db', join(tmp.dir, 'e.db')], lines(':clock 2026-11-20T09:00:00+08:00', '/set checkin.milestones 3:30', ':as a 小美', '打卡', ':advance 1d', '打卡', ':advance 1d', '打卡'));
    expect(texts(milestone.stdout).slice(-2)).toEqual([
      '✅ 打卡成功！你是今天第 1 个打卡的，已连续 3 天，累计 3 天。+44 积分（共 66）。',
      '🏆 恭喜 @小美 连续打卡 3 天！今天的积分里含 30 分里程碑奖励，继续加油！',
    ]);
  });

  it('two topics at the same minute get a warning', () => {
    const r = runCli(['shell', '--json', '--db', join(tmp.dir, 'c.db')], lines(':clock 2026-11-23T07:00:00+08:00', '/topic add 2026-11-24 20:00 架构评审', '/topic add 2026-11-24 20:00 代码走读'));
    expect(texts(r.stdout).at(-1)).toMatch(/注意：同一时间还有话题《架构评审》。$/);
  });

  it('a week of topics: previews at the right local times, openings on time, and a restart mid-week', () => {
    const db = join(tmp.dir, 't.db');
    const first = runCli(
      ['shell', '--json', '--db', db],
      lines(':clock 2026-11-23T07:00:00+08:00', '/previews 08:00,18:00', '/topic every tue,thu 20:00 周读分享 | 本周读了什么', '/announce every daily 09:00 早安，今天也要加油', ':advance 1d'),
    );
    // Monday: the daily announcement; Tuesday 07:00 is where the first run stops.
    expect(texts(first.stdout).slice(3)).toEqual(['早安，今天也要加油']);
    // Down from Tuesday 07:00 to 18:30: the 08:00 preview and 09:00 announcement are missed.
    const second = runCli(['shell', '--json', '--db', db], lines(':clock 2026-11-24T18:30:00+08:00', ':advance 2d'));
    const out = jsonLines(second.stdout).filter((o) => o.action);
    expect(out.map((o) => `${o.action}:${o.text}`)).toEqual([
      // Tuesday 09:00 was missed by hours: not posted out of place, the owner is told.
      'dm:原定 2026-11-24 09:00 的公告因为我离线错过太久，没有发出：早安，今天也要加油',
      // Both previews of Tuesday were due: one is posted, marked late, as the topic is still ahead;
      // each topic comes with its description.
      'send:📢 今日话题预告（补发）\n• 20:00《周读分享》（#1）\n  本周读了什么\n欢迎准时参加！',
      'send:🎙️ 话题时间到！《周读分享》\n本周读了什么\n欢迎大家畅所欲言～',
      'send:早安，今天也要加油', // Wednesday 09:00
      'send:📢 今日话题预告\n• 20:00《周读分享》（#1）\n  本周读了什么\n欢迎准时参加！', // Thursday 08:00
      'send:早安，今天也要加油', // Thursday 09:00
      'send:📢 今日话题预告\n• 20:00《周读分享》（#1）\n  本周读了什么\n欢迎准时参加！', // Thursday 18:00
    ]);
  });
});
