// The small faults the reliability review found, each told as the operator met it.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { duplicateKeys, loadConfig } from '../../src/config/load.js';
import { jsonLines, runCli } from '../support/cli.js';
import { tempDir } from '../support/recording.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const script = (...lines: string[]) => `${lines.join('\n')}\n`;
const shell = (...lines: string[]) => jsonLines(runCli(['shell', '--json', '--db', join(tmp.dir, 'sim.db')], script(...lines)).stdout);

describe('small faults', () => {
  it('a welcome of just {rules} in a group without rules still welcomes, never an empty message', () => {
    const out = shell(':clock 2026-11-24T10:00:00+08:00', '/welcome {rules}', ':join bob 小明', ':advance 1m');
    const sends = out.filter((l) => l.action === 'send').map((l) => l.text as string);
    expect(sends.at(-1)).toBe('🎉 欢迎 @小明 加入「demo」！你是本群第 2 位成员。');
  });

  it('the simulator refuses a clock in year 1 instead of breaking /checkin', () => {
    const out = shell(':clock 0001-01-01T00:00:00+00:00', ':clock 2026-11-24T10:00:00+08:00', '/checkin');
    expect(out[0]).toEqual({ error: ':clock takes a time between the years 2000 and 2999' });
    expect(out.find((l) => l.action === 'send')?.text).toMatch(/^✅/);
  });

  it('a config file saved with a byte-order mark is read like any other', () => {
    const file = join(tmp.dir, 'bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify({ scheduler: { tickSeconds: 2 } })}`);
    expect(loadConfig(file, {}).config.scheduler.tickSeconds).toBe(2);
  });

  it('a key given twice in the config is named in a warning (the last one counts)', () => {
    const file = join(tmp.dir, 'dup.json');
    writeFileSync(file, '{"log": {"level": "warn", "level": "debug"}, "database": "a.db", "owners": {"telegram": ["1", "2"]}, "database": "b.db", "//": 1, "//": 2}');
    expect(loadConfig(file, {}).warnings).toEqual(['log.level: appears more than once; the last one counts', 'database: appears more than once; the last one counts']);
    expect(duplicateKeys('{"a": {"b": "\\\\\\"", "c": 1}, "s": "{\\"a\\": 1, \\"a\\": 2}", "x": [{"a": 1}, {"a": 2}]}')).toEqual([]);
    expect(duplicateKeys('{"x": [1, {"a": 1, "a": 2}]}')).toEqual(['x.1.a']);
    const r = runCli(['check-config', file]);
    expect(r.stderr).toContain(`steward: ${file}: warning: database: appears more than once; the last one counts`);
  });

  it('the simulator stopped by SIGTERM exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('src/cli.ts'), 'shell', '--json', '--db', join(tmp.dir, 'term.db')], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.stdin.write('/rules\n'); // stdin stays open: the simulator waits for more
    for (let i = 0; i < 300 && !out.includes('"action":"send"'); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});

describe('a member Steward removed has left', () => {
  it('in the statistics, and the group refuses their messages as the platform would, until they join again', () => {
    const out = shell(
      ':clock 2026-11-24T10:00:00+08:00',
      ':join amy 阿美',
      ':as amy',
      ':join spam 广告哥', // amy invites him
      '/checkin',
      ':as spam',
      '/checkin',
      '兼职日结 刷单 日赚500 加我薇信 abc_12345',
      '还在吗',
      ':as owner',
      '/rank all',
      '/rank week',
      '/layers',
      '/invites',
      '/stats',
    );
    expect(out).toContainEqual({ action: 'kick', group: 'demo', user: 'spam', reason: expect.any(String) });
    expect(out).toContainEqual({ blocked: 'removed', group: 'demo', user: 'spam' });
    const sent = out.filter((l) => l.action === 'send' || l.action === 'photo').map((l) => (l.text ?? l.caption) as string);
    const stats = sent.at(-1)!;
    expect(stats).toMatch(/离开 1/);
    expect(stats).toMatch(/现有 2/);
    // Off the boards and the layers, though they checked in before they were removed.
    const [all, week, layers, invites] = sent.slice(-5, -1);
    for (const text of [all, week, layers]) expect(text).not.toContain('广告哥');
    expect(invites).toContain('阿美：0 人活跃，0 人留下，共邀请 1 人');
    expect(all).toContain('阿美');
    expect(week).toContain('阿美');
  });
});

describe('Chinese punctuation in Chinese', () => {
  it("WeChat's public mute reminder names rule and reason with a full-width colon", () => {
    const out = runCli(
      ['shell', '--json', '--platform', 'wechat', '--db', join(tmp.dir, 'wx.db')],
      script(':clock 2026-11-24T10:00:00+08:00', '/worktime mon-fri 09:00-12:00', '/focus strict', '/ladder mute:1h', ':as bob 小波', '哈哈哈哈'),
    ).stdout;
    const sends = jsonLines(out).filter((l) => l.action === 'send').map((l) => l.text as string);
    expect(sends.at(-1)).toBe('@小波 请在 2026-11-24 11:00 前暂停发言（工作时间请聊与主题相关的内容：闲聊；12:00 之后可以自由聊天）。');
  });
});

describe('the simulator shows what the platform would', () => {
  const readable = (...lines: string[]) => runCli(['shell', '--db', join(tmp.dir, 'sim.db')], script(...lines)).stdout.split('\n').filter(Boolean);

  it('a reply in a private chat is the private message the README documents', () => {
    const out = shell(':clock 2026-11-24T10:00:00+08:00', ':as bob 小波', '大家好', ':dm /me', ':dm /points');
    expect(out.filter((l) => l.action)).toEqual([
      { action: 'dm', user: 'bob', text: expect.stringContaining('小波') },
      { action: 'dm', user: 'bob', text: '小波 的积分：0' },
    ]);
  });

  it("a private message's buttons show, each with the line that presses it", () => {
    const out = readable(':clock 2026-11-24T10:00:00+08:00', ':as bob 小波', '有兴趣的可以加我微信了解一下');
    expect(out).toContain('   [是广告] (:click ad:spam:1)  [不是] (:click ad:ham:1)');
  });

  it('once the clock is set, what waits on it says so (the welcome after the batch window)', () => {
    const out = readable(':clock 2026-11-24T10:00:00+08:00', ':join amy 阿美');
    expect(out).toContain('⏳ onboarding.welcome is due in 30s of simulated time; the clock stands still until :advance 30s');
  });
});

describe('the simulator\'s :reply', () => {
  it('carries who wrote the original, so an admin can answer a missed ad with /spam', () => {
    const out = shell(':clock 2026-11-24T10:00:00+08:00', ':as bob 小波', '大家好', '这个课程真不错', ':as owner', ':reply m2 /spam');
    expect(out).toContainEqual({ action: 'delete', group: 'demo', messageId: 'm2', reason: expect.any(String) });
    expect(out.filter((l) => l.action === 'send').map((l) => l.text as string).join('\n')).toMatch(/@小波/);
  });
});
