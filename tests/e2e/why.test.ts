// /why: what each guard would decide about a message, recomputed; nothing stored, nothing done.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../support/cli.js';
import { tempDir } from '../support/recording.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const shell = (...lines: string[]) => jsonLines(runCli(['shell', '--json', '--db', join(tmp.dir, 'why.db')], `${lines.join('\n')}\n`).stdout);

describe('/why, as a reply', () => {
  it("shows each guard's judgement of the message and why, and changes nothing", () => {
    const out = shell(
      ':clock 2026-11-24T10:00:00+08:00',
      '/adfilter observe', // m1: the ad below is only logged, so /why has something to judge afresh
      '/worktime mon-fri 09:00-12:00', // m2
      ':as bob 小波',
      '哈哈哈哈', // m3: reminded
      '加我薇信 abc_12345 领资料', // m4: logged as an ad it would remove
      ':as owner',
      '/adfilter on', // m5
      ':reply m3 /why', // m6
      ':reply m4 /why', // m7
      '/warns bob',
    );
    const sends = out.filter((l) => l.action === 'send').map((l) => l.text as string);
    const [chat, ad] = sends.filter((s) => s.startsWith('按现在的设置和时间'));
    expect(chat).toBe('按现在的设置和时间，重新判断 小波 的这条消息（只是看看，不会保存，也不会执行）：\n• 新成员验证：放行\n• 防广告：放行\n• 内容锁定：放行\n• 防刷屏：放行\n• 工作时间：会在群里提醒（闲聊）');
    expect(ad).toMatch(/• 防广告：会删除、在群里提醒（联系方式、广告内容）；之后的检查和命令都不会再执行$/);
    // Nothing was done: no deletion, no strike on record.
    expect(out.filter((l) => l.action === 'delete')).toEqual([]);
    expect(sends.at(-1)).toMatch(/没有有效的违规记录|没有违规记录/);
  });

  it('remembers nothing either: asking about a chat does not spend the member\'s reminder', () => {
    const out = shell(
      ':clock 2026-11-24T08:00:00+08:00', // before work hours
      '/worktime mon-fri 09:00-12:00', // m1
      ':as bob 小波',
      '哈哈哈哈', // m2: free time, fine
      ':clock 2026-11-24T10:00:00+08:00',
      ':as owner',
      ':reply m2 /why', // m3: "would remind"
      ':as bob',
      '嘿嘿嘿嘿', // m4: the first real reminder of the morning
    );
    const sends = out.filter((l) => l.action === 'send').map((l) => l.text as string);
    expect(sends.at(-1)).toBe('@小波 现在是工作时间，群里只聊和主题相关的内容哦；12:00 之后就可以自由聊天啦。');
  });

  it('needs a reply to a message', () => {
    const out = shell('/why');
    expect(out.find((l) => l.action === 'send')?.text).toBe('请回复要处理的那条消息再发送这个命令。');
  });
});
