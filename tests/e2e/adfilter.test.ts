import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db.js';
import { Store } from '../../src/storage/store.js';
import { StrikesRepo } from '../../src/features/penalties/strikes.sql.js';
import { AdFilterRepo } from '../../src/features/adfilter/adfilter.sql.js';
import { jsonLines, runCli } from '../support/cli.js';
import { tempDir } from '../support/recording.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('ads, told through the simulator', () => {
  it('an ad is removed and its sender struck; an accepted appeal reverses it, reposts the text and teaches the group', () => {
    const db = join(tmp.dir, 'ads.db');
    const r = runCli(
      ['shell', '--json', '--db', db],
      lines(
        ':clock 2026-11-24T10:00:00+08:00',
        ':as bob 小波',
        '大家好，我是做前端的',
        '资料都在这，加我薇信 abc_12345 领取',
        '/appeal 这是我整理的学习资料，不是广告',
        ':as owner',
        ':click appeal:accept:1',
      ),
    );
    expect(r.code).toBe(0);
    const out = jsonLines(r.stdout).filter((o) => o.action && o.action !== 'commandMenu');
    expect(out.map((o) => [o.action, o.text ?? o.messageId])).toEqual([
      ['delete', 'm2'],
      ['send', '@小波 禁止广告（联系方式、广告内容）。这是第 1 次：提醒。再有一次将警告。如有异议请发送 /appeal 申诉。'],
      ['send', '申诉已提交，群主会尽快处理。'],
      ['dm', expect.stringMatching(/^「demo」的 小波 提出申诉：禁止广告（联系方式、广告内容）/)],
      ['answerButton', '好的，已处理。'],
      ['send', '@小波 的申诉已通过，这次违规记录已撤销。'],
      ['send', expect.stringContaining('资料都在这，加我薇信 abc_12345 领取')],
    ]);
    const handle = openDatabase(db);
    try {
      const store = new Store(handle);
      expect(store.of(StrikesRepo).get(1)).toMatchObject({ rule: 'ads', revokedAt: expect.any(Number) });
      // The owner's reversal became the group's own "not an ad" example.
      expect(store.of(AdFilterRepo).examples({ platform: 'shell', groupId: 'demo' })).toEqual([{ label: 'ham', text: '资料都在这，加我薇信 abc_12345 领取' }]);
    } finally {
      handle.close();
    }
  });

  it('a picture with a QR code is looked at, removed and struck before the next line is read', async () => {
    const picture = join(tmp.dir, 'qr.png');
    writeFileSync(picture, await QRCode.toBuffer('https://weixin.qq.com/g/AbCdEf', { width: 400 }));
    const r = runCli(['shell', '--json', '--db', join(tmp.dir, 'qr.db')], lines(':as bob 小波', '大家好', `:image file:${picture}`, '/warns'));
    const out = jsonLines(r.stdout).filter((o) => o.action && o.action !== 'commandMenu');
    expect(out.map((o) => [o.action, o.text ?? o.messageId])).toEqual([
      ['delete', 'm2'],
      ['send', '@小波 禁止广告（图片二维码）。这是第 1 次：提醒。再有一次将警告。如有异议请发送 /appeal 申诉。'],
      ['send', expect.stringMatching(/^小波 的有效违规记录：\n• .*禁止广告（图片二维码）→ 提醒$/)],
    ]);
  });
});
