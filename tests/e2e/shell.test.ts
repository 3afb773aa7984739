import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../support/cli.js';
import { tempDir } from '../support/recording.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const script = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('the shell simulator, driven through stdin with --json', () => {
  it('a story: rules, a refusal, a join, settings in English, and every line as JSON', () => {
    const db = join(tmp.dir, 'sim.db');
    const r = runCli(
      ['shell', '--json', '--db', db],
      script(
        ':clock 2026-11-24T09:00:00+08:00',
        '/setrules 1. 友善交流 2. 不发广告',
        ':as alice Alice',
        '/rules',
        '/settings',
        ':join bob 小明',
        ':as owner',
        '/lang en',
        ':as bob',
        '/rules',
        ':sticker',
        ':link https://example.com 看看',
        ':image qr:https://u.wechat.com/abc',
        ':reply m1 好的',
        ':nonsense',
      ),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out).toEqual([
      { event: 'message', id: 'm1', group: 'demo', from: 'owner', kind: 'text', text: '/setrules 1. 友善交流 2. 不发广告' },
      { action: 'send', group: 'demo', id: 'b1', text: '群规已更新：\n1. 友善交流 2. 不发广告', replyTo: 'm1' },
      { event: 'message', id: 'm2', group: 'demo', from: 'alice', kind: 'text', text: '/rules' },
      { action: 'send', group: 'demo', id: 'b2', text: '📜 群规\n1. 友善交流 2. 不发广告', replyTo: 'm2' },
      { event: 'message', id: 'm3', group: 'demo', from: 'alice', kind: 'text', text: '/settings' },
      { action: 'send', group: 'demo', id: 'b3', text: '抱歉，/settings 只有群主和管理员可以使用。', replyTo: 'm3' },
      { event: 'join', group: 'demo', user: 'bob', name: '小明', inviter: 'alice' },
      { event: 'message', id: 'm4', group: 'demo', from: 'owner', kind: 'text', text: '/lang en' },
      { action: 'send', group: 'demo', id: 'b4', text: 'OK, this group gets replies in English from now on.', replyTo: 'm4' },
      { event: 'message', id: 'm5', group: 'demo', from: 'bob', kind: 'text', text: '/rules' },
      { action: 'send', group: 'demo', id: 'b5', text: '📜 Group rules\n1. 友善交流 2. 不发广告', replyTo: 'm5' },
      { event: 'message', id: 'm6', group: 'demo', from: 'bob', kind: 'sticker' },
      { event: 'message', id: 'm7', group: 'demo', from: 'bob', kind: 'link', text: '看看', urls: ['https://example.com'] },
      // A bare link from a newcomer is doubtful: the owner decides, nobody is punished on a guess.
      {
        action: 'dm',
        user: 'owner',
        text: 'This message by 小明 in "demo" may be an ad (link example.com, with nothing else said · link card):\n看看',
        buttons: [
          { label: 'Ad', data: 'ad:spam:1' },
          { label: 'Not an ad', data: 'ad:ham:1' },
        ],
      },
      { event: 'message', id: 'm8', group: 'demo', from: 'bob', kind: 'image', qr: 'https://u.wechat.com/abc' },
      // A QR code from someone who joined minutes ago: removed and struck; with nothing that lures,
      // not certain enough to remove the newcomer.
      { action: 'delete', group: 'demo', messageId: 'm8', reason: 'a QR code' },
      expect.objectContaining({ action: 'send', mentions: ['bob'], text: expect.stringMatching(/^@小明 no ads \(a QR code\)\. Strike 1/) }),
      { event: 'message', id: 'm9', group: 'demo', from: 'bob', kind: 'text', text: '好的', replyTo: 'm1' },
      { error: 'unknown simulator line ":nonsense" (try :help)' },
    ]);
  });

  it('state lives in the database: a second run remembers the first', () => {
    const db = join(tmp.dir, 'persist.db');
    runCli(['shell', '--json', '--db', db], script('/setrules 准时打卡'));
    const out = jsonLines(runCli(['shell', '--json', '--db', db], script(':as zoe', '/rules')).stdout);
    expect(out.at(-1)).toMatchObject({ action: 'send', text: '📜 群规\n准时打卡' });
  });

  it('groups are separate and roles are per group', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'g.db')],
      script(':group second', ':as carol', ':role carol admin', '/setrules 第二个群', ':group demo', '/setrules 试图修改'),
    );
    const sends = jsonLines(r.stdout).filter((l) => l.action === 'send');
    expect(sends).toEqual([
      expect.objectContaining({ group: 'second', text: '群规已更新：\n第二个群' }),
      expect.objectContaining({ group: 'demo', text: '抱歉，/setrules 只有群主和管理员可以使用。' }),
    ]);
  });

  it('--platform wechat starts the same engine', () => {
    const r = runCli(['shell', '--json', '--platform', 'wechat', '--db', join(tmp.dir, 'w.db')], script('/help'));
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)[1]).toMatchObject({ action: 'send', text: expect.stringContaining('/rules') });
  });

  it('a bad --platform and a bad config stop with a clear message', () => {
    const bad = runCli(['shell', '--platform', 'irc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--platform must be telegram or wechat/);
    const file = join(tmp.dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ defaults: { timezone: 'Moon/Base' }, log: { level: 'loud' } }));
    const r = runCli(['shell', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: invalid configuration`);
    expect(r.stderr).toContain('log.level');
  });
});

describe('the shell simulator for a person (no --json)', () => {
  it('shows the bot readably, without colour when not on a terminal', () => {
    const r = runCli(['shell', '--db', join(tmp.dir, 'p.db')], script(':join bob 小波', '/rules', ':nope'));
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      '→ 小波 (bob) joined demo, invited by owner',
      '🤖 [demo] 本群还没有设置群规。管理员可以用 /setrules 设置。',
      '⚠ unknown simulator line ":nope" (try :help)',
    ]);
  });
});

describe('steward check-config', () => {
  it('accepts the example and names each bad key of a broken file', () => {
    const ok = runCli(['check-config', 'config.example.json']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/config\.example\.json: OK \(telegram, wechat\)/);
    const file = join(tmp.dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ defaults: { timezone: 'Moon/Base' } }));
    const bad = runCli(['check-config', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`steward: ${file}: invalid configuration\n  - defaults.timezone: not an IANA time zone\n`);
  });
});
