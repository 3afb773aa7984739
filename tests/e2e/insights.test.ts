import { existsSync } from 'node:fs';
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

describe('insights through the simulator', () => {
  it('/heatmap is a photo action with the PNG path; lurker care mentions once and then tells the owner (WeChat)', () => {
    const r = runCli(
      ['shell', '--json', '--platform', 'wechat', '--db', join(tmp.dir, 'i.db')],
      lines(':clock 2026-11-02T09:00:00+08:00', ':join a 阿一', ':as a', '你好', ':advance 7d', ':as owner', '/heatmap', '/lurkercare 3 2', '/weeklyreport mon 09:00', ':advance 7d'),
    );
    const out = jsonLines(r.stdout).filter((o) => o.action);
    const photo = out.find((o) => o.action === 'photo');
    // The weekly report to the owner carries one small chart, in the owner's private chat.
    expect(out.at(-1)).toMatchObject({ action: 'photo', user: 'owner', path: expect.stringMatching(/\.png$/) });
    expect(photo).toMatchObject({ action: 'photo', group: 'demo', caption: expect.stringContaining('最活跃的时段：09:00') });
    expect(existsSync(String(photo?.path))).toBe(true);
    expect(out.filter((o) => o.action !== 'photo').slice(1).map((o) => `${o.action}:${String(o.text).split('\n')[0]}`)).toEqual([
      'send:好的：超过 3 天没发言的成员会收到一次友好提醒，再过 2 天仍未发言将被移出（做不到时告诉群主）。管理员和受信任成员不受影响。',
      'send:好的，每周一 09:00 把群周报私信给群主。',
      'send:👋 @阿一 好久没见到你发言了，最近在忙什么？有问题随时来群里聊～',
      'dm:「demo」里这些成员被提醒后仍未发言，我没法移出，请你处理：阿一',
      'dm:📈「demo」周报',
    ]);
  });
});
