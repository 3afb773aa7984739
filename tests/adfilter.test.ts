import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPACE_OR_PUNCTUATION_PLAIN, type Suspect, cannotBeAdByText, judge, urlsIn } from '../src/features/adfilter/checks.js';
import { classifyLink } from '../src/features/adfilter/links.js';
import { compactText, emojiOnly, normalizeText, toSimplified } from '../src/text/normalize.js';

const base: Suspect = { kind: 'text', text: '', urls: [], newcomer: false, allowDomains: [], blockWords: [], sameTextElsewhere: 0 };
const verdict = (text: string, extra: Partial<Suspect> = {}) => judge({ ...base, text, ...extra });
const withUrls = (text: string, extra: Partial<Suspect> = {}) => verdict(text, { urls: urlsIn(text), ...extra });

describe('normalization', () => {
  it('strips plain text on its fast paths exactly as the Unicode rules do', () => {
    const plain = [...Array(0x80).keys(), ...Array.from({ length: 0x11 }, (_, i) => 0x3001 + i), 0xff01, 0xff08, 0xff09, 0xff0c, 0xff1a, 0xff1b, 0xff1f, 0x4e00, 0x9fff];
    for (const code of plain) {
      const text = `a${String.fromCharCode(code)}b`;
      expect(compactText(text), `U+${code.toString(16)}`).toBe(text.replace(/[\p{P}\p{S}\p{Z}\s]+/gu, ''));
      expect(text.replace(SPACE_OR_PUNCTUATION_PLAIN, ''), `U+${code.toString(16)}`).toBe(text.replace(/[\s\p{P}]+/gu, ''));
    }
  });

  it('undoes the usual disguises', () => {
    expect(normalizeText('ＶＸ：ａｂｃ１２３')).toBe('vx:abc123');
    expect(normalizeText('①③⑧')).toBe('138');
    expect(normalizeText('微\u200b信')).toBe('微信');
    // Look-alikes are Unicode's confusables (З looks like 3), with Cyrillic small capitals (в for b),
    // in words that mix them with Latin letters or digits: a Russian or Greek word is left as it is.
    expect(normalizeText('Здpaвcтвyйтe')).toBe('3дpabctbyйte');
    expect(normalizeText('vx：аԁ01 tοp')).toBe('vx:ad01 top');
    expect(normalizeText('Здравствуйте, ορ')).toBe('здравствуйте, ορ');
    expect(normalizeText('二〇二六年')).toBe('二〇二六年'); // a Chinese zero stays
    // Traditional characters are OpenCC's whole character table, not only an ad vocabulary.
    expect(normalizeText('歡迎參加讀書會，請於週六報到')).toBe('欢迎参加读书会，请于周六报到');
    expect(toSimplified('😀 plain text 讀書')).toBe('😀 plain text 读书'); // characters beyond the BMP are read whole
    expect(['💯', '👍👍', '。。。', '[捂脸][捂脸]', '🎉 !'].map(emojiOnly)).toEqual([true, true, true, true, true]);
    expect(['好的👍', 'ok', '1️⃣', '[捂脸]哈哈', ''].map(emojiOnly)).toEqual([false, false, false, false, false]);
    expect(normalizeText('1 3 8 0 0 1 3 8 0 0 0')).toBe('13800138000');
    expect(compactText(normalizeText('加.微.信'))).toBe('加微信');
    expect(normalizeText('𝐜𝐫𝐲𝐩𝐭𝐨')).toBe('crypto');
    expect(normalizeText('加🆅🆇 🇦🇧🇨')).toBe('加vx abc');
    expect(normalizeText('兼職日結，詳情聯繫我')).toBe('兼职日结，详情联系我');
  });
});

describe('the ad checks', () => {
  it('catch disguised WeChat ids, QQ numbers and phone numbers with an invitation', () => {
    for (const t of ['加我薇信 abc_12345 领资料', '威信：Qwe12345 日结兼职', 'V信 wx888888 详聊', '+V: yy_coupon8', 'qq 123456789 收徒', '手机 13800138000 加我微信']) {
      expect(verdict(t).score, t).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('catch job, crypto and gambling scams in Chinese and English', () => {
    expect(verdict('宝妈兼职，手机就能做，日结 300').score).toBeGreaterThanOrEqual(0.5);
    expect(verdict('USDT 跑分 稳赚不赔 带单 私聊').score).toBeGreaterThanOrEqual(0.85);
    expect(withUrls('Guaranteed profit with our crypto signal, join t.me/+AbCdEf').score).toBeGreaterThanOrEqual(0.9);
  });

  it('judge links by where they go: invites and short links are suspect, allowed domains pass', () => {
    expect(withUrls('https://t.me/joinchat/xyz').findings[0]).toMatchObject({ check: 'link', score: expect.any(Number) });
    expect(withUrls('http://t.cn/A6x').score).toBeGreaterThanOrEqual(0.85);
    expect(withUrls('文档在这里 https://docs.example.com/guide', { allowDomains: ['example.com'] }).score).toBe(0);
    expect(classifyLink('https://user@www.Example.com:8080/x', ['example.com'])).toEqual({ kind: 'allowed', host: 'example.com' });
  });

  it('treat contact cards, QR codes and owner block words as strong signals', () => {
    expect(verdict('小王', { kind: 'contact' }).score).toBeGreaterThanOrEqual(0.9);
    expect(verdict('', { kind: 'image', qr: 'https://u.wechat.com/xyz' }).score).toBeGreaterThanOrEqual(0.9);
    expect(verdict('', { kind: 'image', qr: 'https://example.com/join', allowDomains: ['example.com'] }).score).toBe(0);
    expect(verdict('可以代开增值税发票', { blockWords: ['代开*发票'] }).findings[0]).toEqual({ check: 'block-word', score: 1, detail: '代开*发票', what: 'block-word', value: '代开*发票' });
  });

  it('weigh a forward from a channel above one from a person, and neither alone as an ad', () => {
    const fromChannel = verdict('今日好物推荐', { kind: 'forward', forwardedFrom: 'channel' }).score;
    const fromPerson = verdict('今日好物推荐', { kind: 'forward', forwardedFrom: 'person' }).score;
    expect(fromChannel).toBeGreaterThan(fromPerson);
    expect(fromChannel).toBeLessThan(0.6);
    // With a contact in it, a channel forward is a clear ad.
    expect(verdict('今日好物推荐 加我薇信 abc_12345', { kind: 'forward', forwardedFrom: 'channel' }).score).toBeGreaterThanOrEqual(0.95);
  });

  it('leave ordinary talk alone, including legitimate links and job posts in a tech group', () => {
    for (const t of [
      '这个 React 组件为什么会重复渲染？',
      '我们组在招前端，JD 见 https://careers.example.com/fe ，有兴趣的可以投',
      '晚上 8 点线上分享，链接会后发群里',
      '我手机号换了，有事群里说',
      'Has anyone tried the new Node 22 release?',
      'see https://github.com/nodejs/node/issues/123 for details',
      '哈哈哈哈',
      '周末一起去爬山吗',
    ]) {
      expect(withUrls(t, { allowDomains: ['github.com', 'example.com'] }).score, t).toBeLessThan(0.6);
    }
  });

  it("give newcomers' first messages less benefit of the doubt, and notice the same text in several groups", () => {
    const doubtful = '加我微信聊';
    expect(verdict(doubtful).score).toBeLessThan(0.7);
    expect(verdict(doubtful, { newcomer: true }).score).toBeGreaterThan(verdict(doubtful).score);
    expect(verdict('今晚直播 福利多多', { sameTextElsewhere: 3 }).score).toBeGreaterThanOrEqual(0.8);
  });
});

describe('the quick pass that skips plain messages', () => {
  const dataDir = join(import.meta.dirname, '..', '..', 'shared', 'data');
  const haveData = existsSync(dataDir);

  it('skips ordinary talk and never a disguised or suspicious message', () => {
    const quiet = (text: string) => cannotBeAdByText({ kind: 'text', text, urls: [], blockWords: [] });
    expect(quiet('今天的第 1234 条消息，大家讨论一下部署方案')).toBe(true);
    expect(quiet('晚上一起吃饭吗')).toBe(true);
    for (const t of ['加我薇信', '138 0013 8000', 'ｖｘ abc123', '微\u200b信', 'usdt 跑分', 'qq123456', '兼職日結']) expect(quiet(t), t).toBe(false);
  });

  it.skipIf(!haveData)(`never hides a finding: on every labeled text in ${haveData ? '../shared/data' : '(skipped: ../shared/data is absent)'}`, () => {
    let skipped = 0;
    for (const set of ['spam_chat_zh', 'spam_sms_zh', 'spam_en', 'topic_tech_zh']) {
      for (const line of readFileSync(join(dataDir, set, 'dev.jsonl'), 'utf8').split('\n')) {
        if (!line) continue;
        const { text } = JSON.parse(line) as { text: string };
        if (!cannotBeAdByText({ kind: 'text', text, urls: [], blockWords: [] })) continue;
        skipped++;
        const found = judge({ ...base, text }).findings;
        if (found.length) throw new Error(`skipped a message with findings: ${text} → ${JSON.stringify(found)}`);
      }
    }
    expect(skipped).toBeGreaterThan(10_000); // the skip really is the common case
  });
});
