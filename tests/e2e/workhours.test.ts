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
const sends = (out: Record<string, unknown>[]) => out.filter((o) => o.action).map((o) => (o.action === 'send' || o.action === 'dm' ? `${o.action}:${o.text}` : `${o.action}:${o.user}`));

const setUp = [
  '/worktime mon-fri 09:00-12:00,13:30-18:00',
  '/worktime holiday 2026-10-01..2026-10-07',
  '/topic-words add 前端 React 性能 部署',
];

describe('work-hours focus, told through the simulator', () => {
  it('chit-chat at 10:00 on a Tuesday is reminded; at 20:00 and on a holiday it is fine; on-topic always passes', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'w.db')],
      lines(
        ':clock 2026-11-24T10:00:00+08:00', // a Tuesday
        ...setUp,
        ':as alice 小美',
        '哈哈哈哈',
        '这个 React 组件的性能怎么优化？',
        ':clock 2026-11-24T20:00:00+08:00',
        '晚上一起吃火锅吗',
        ':clock 2026-10-02T10:00:00+08:00', // a Friday, but a holiday
        '国庆去哪里旅游好',
      ),
    );
    expect(sends(jsonLines(r.stdout)).slice(3)).toEqual(['send:@小美 现在是工作时间，群里只聊和主题相关的内容哦；12:00 之后就可以自由聊天啦。']);
  });

  it('observe mode tells the members nothing and shows the owner in /log whom it would have reminded', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'o.db')],
      lines(':clock 2026-11-24T10:00:00+08:00', ...setUp, '/focus observe', ':as alice 小美', '哈哈哈哈', '这个 React 组件的性能怎么优化？', ':as owner', '/log'),
    );
    const out = sends(jsonLines(r.stdout));
    expect(out.filter((l) => l.includes('小美') && !l.includes('最近的处理记录'))).toEqual([]);
    expect(out.at(-1)).toMatch(/^send:最近的处理记录：\n• 2026-11-24 10:00 工作时间（观察模式） 小美：闲聊 → 会提醒$/);
  });

  it('strict mode climbs the ladder, each step explained in one line', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'l.db')],
      lines(
        ':clock 2026-11-24T10:00:00+08:00',
        ...setUp,
        '/focus strict',
        '/ladder remind,warn,mute:1h,kick 7d',
        ':as bob 小波',
        ':sticker',
        ':advance 11m',
        '吃了吗',
        ':advance 11m',
        '周末去看电影吧',
        '/appeal',
      ),
    );
    const out = sends(jsonLines(r.stdout)).slice(5);
    expect(out).toEqual([
      'send:@小波 工作时间请聊与主题相关的内容（发了表情包；12:00 之后可以自由聊天）。这是第 1 次：提醒。再有一次将警告。如有异议请发送 /appeal 申诉。',
      'send:@小波 工作时间请聊与主题相关的内容（闲聊；12:00 之后可以自由聊天）。这是第 2 次：警告。再有一次将禁言 1 小时。如有异议请发送 /appeal 申诉。',
      'send:@小波 工作时间请聊与主题相关的内容（聊了与主题无关的话题；12:00 之后可以自由聊天）。这是第 3 次：禁言 1 小时。再有一次将移出群。如有异议请发送 /appeal 申诉。',
      'mute:bob',
    ]);
    // Muted, the member cannot even appeal until the hour is over: the platform holds the message.
    expect(jsonLines(r.stdout).at(-1)).toMatchObject({ blocked: 'muted', user: 'bob', until: '2026-11-24T11:22:00+08:00' });
  });

  it('strict mode on WeChat: a newcomer\'s burst of chatter a minute after joining is one gentle strike, never a mute or a removal', () => {
    const r = runCli(
      ['shell', '--json', '--platform', 'wechat', '--db', join(tmp.dir, 'n.db')],
      lines(':clock 2026-11-24T10:00:00+08:00', ...setUp, '/focus strict', ':join bob 小波', ':advance 1m', ':as bob', '哈哈哈', '吃了吗', '周末去看电影吧', '好无聊啊'),
    );
    const strikes = sends(jsonLines(r.stdout)).filter((l) => l.includes('这是第'));
    expect(strikes).toEqual([expect.stringMatching(/这是第 1 次：提醒/)]);
    expect(sends(jsonLines(r.stdout)).filter((l) => l.startsWith('mute:') || l.startsWith('kick:'))).toEqual([]);
  });

  it('an appeal reaches the owner with one-tap decisions; accepting lifts the strike and the mute', () => {
    const r = runCli(
      ['shell', '--json', '--db', join(tmp.dir, 'a.db')],
      lines(
        ':clock 2026-11-24T10:00:00+08:00',
        ...setUp,
        '/focus strict',
        '/ladder mute:1h 7d',
        ':as bob 小波',
        '哈哈哈',
        ':advance 61m',
        '/appeal 我刚才是在回复部署的问题',
        ':as owner',
        ':click appeal:accept:1',
        ':as bob',
        '/warns',
      ),
    );
    const out = jsonLines(r.stdout).filter((o) => o.action);
    expect(out.slice(5).map((o) => [o.action, o.user ?? o.group, o.text ?? ''])).toEqual([
      ['send', 'demo', '@小波 工作时间请聊与主题相关的内容（闲聊；12:00 之后可以自由聊天）。这是第 1 次：禁言 1 小时。如有异议请发送 /appeal 申诉。'],
      ['mute', 'bob', ''],
      ['send', 'demo', '申诉已提交，群主会尽快处理。'],
      ['dm', 'owner', '「demo」的 小波 提出申诉：工作时间请聊与主题相关的内容（闲聊；12:00 之后可以自由聊天），当时的处理：禁言 1 小时。\n申诉理由：我刚才是在回复部署的问题'],
      ['answerButton', 'demo', '好的，已处理。'],
      ['send', 'demo', '@小波 的申诉已通过，这次违规记录已撤销。'],
      ['unmute', 'bob', ''],
      ['send', 'demo', '小波 目前没有违规记录。'],
    ]);
    expect(out.find((o) => o.action === 'dm')?.buttons).toEqual([
      { label: '同意', data: 'appeal:accept:1' },
      { label: '驳回', data: 'appeal:reject:1' },
    ]);
  });

  it('on WeChat the owner decides an appeal by typing one word in the private chat', () => {
    const r = runCli(
      ['shell', '--json', '--platform', 'wechat', '--db', join(tmp.dir, 'x.db')],
      lines(':clock 2026-11-24T10:00:00+08:00', ...setUp, '/focus strict', ':as bob 小波', '哈哈哈', '/appeal', ':as owner', '驳回1', ':dm 驳回1', ':dm 驳回1'),
    );
    const out = sends(jsonLines(r.stdout)).slice(4);
    expect(out.slice(2)).toEqual([
      'dm:「demo」的 小波 提出申诉：工作时间请聊与主题相关的内容（闲聊；12:00 之后可以自由聊天），当时的处理：提醒。\n回复「同意1」：同意\n回复「驳回1」：驳回',
      // Typed in the group, the word is just a message; typed in the private chat, it decides (answered there).
      'dm:好的，已处理。',
      'send:@小波 的申诉未通过，记录保留。',
      'dm:这条申诉已经处理过了。',
    ]);
  });
});
