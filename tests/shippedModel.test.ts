import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AD_FAMILIES, generateCorpus } from '../bench/corpus/generator.js';
import { shippedTrainingRows } from '../bench/corpus/shipped.js';
import { perTest } from './support/recording.js';

describe('what the shipped ad model learns from', () => {
  const tmp = perTest();

  it('the generator writes the same rows every time, ads of every family and legitimate messages beside them', () => {
    const a = generateCorpus(40);
    expect(generateCorpus(40)).toEqual(a);
    expect(new Set(a.filter((r) => r.label === 'spam').map((r) => r.family))).toEqual(new Set(AD_FAMILIES));
    const ham = a.filter((r) => r.label === 'ham');
    expect(ham.length).toBeGreaterThan(300);
    // The same surface (links, numbers, contact words) is on both sides, so style alone cannot tell them apart.
    expect(ham.some((r) => /微信|QQ|私聊/.test(r.text))).toBe(true);
    expect(ham.some((r) => /https:\/\//.test(r.text))).toBe(true);
  });

  it('research-only sources never reach the training rows, whatever the data folder holds', () => {
    const data = tmp.dir;
    const write = (set: string, file: string, rows: object[]) => {
      mkdirSync(join(data, set), { recursive: true });
      writeFileSync(join(data, set, file), rows.map((r) => JSON.stringify(r)).join('\n'));
    };
    write('spam_chat_zh', 'dev.jsonl', [
      { text: '出号加我', label: 'spam', source: 'qq_mc_group' },
      { text: '研究用的垃圾消息', label: 'spam', source: 'tg_live_spam_zh' },
    ]);
    write('spam_en', 'dev.jsonl', [{ text: 'win a prize', label: 'spam', source: 'uci_sms_en' }]);
    write('ham_zh_open', 'ham.jsonl', [
      { text: '你好', label: 'ham', source: 'tatoeba_cmn', attribution: 'tatoeba.org #1 (a) & #2 (b)' },
      { text: '跳过的一行', label: 'ham', source: 'kdconv' },
      { text: '再见', label: 'ham', source: 'crosswoz' },
    ]);
    const { rows, tatoebaCredits } = shippedTrainingRows(data);
    const sources = new Set(rows.map((r) => r.source));
    expect(sources.has('tg_live_spam_zh')).toBe(false);
    expect([...sources].sort()).toEqual(['crosswoz', 'generated_ads', 'generated_ham', 'qq_mc_group', 'tatoeba_cmn', 'uci_sms_en']);
    expect(tatoebaCredits).toEqual(['tatoeba.org #1 (a) & #2 (b)']);
  });
});
