import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpamModel, features } from '../src/features/adfilter/classifier.js';
import { evaluateSpam } from '../src/features/adfilter/evaluate.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/recording.js';

const rows = [
  ...['限时优惠 点击领取红包', '特价促销 全场五折 速来抢购', '恭喜您获得大奖 请回复领取', '免费领取会员 名额有限', '优惠券 限时领取 先到先得'].map((text) => ({ text, label: 'spam' })),
  ...['今天的会议改到三点', '这个问题我明天再看', '谁有空帮忙看下代码', '周末大家一起吃饭吧', '刚才的方案我觉得可以'].map((text) => ({ text, label: 'ham' })),
];

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('the spam classifier', () => {
  it('learns from labeled texts and tells similar ones apart', () => {
    const model = SpamModel.train(rows, { epochs: 30 });
    expect(model.probability('限时优惠 领取红包')).toBeGreaterThan(0.7);
    expect(model.probability('会议改到明天三点')).toBeLessThan(0.3);
  });

  it('is deterministic, and survives saving and loading', () => {
    const a = SpamModel.train(rows);
    const b = SpamModel.train(rows);
    expect(JSON.stringify(a.toFile([]))).toBe(JSON.stringify(b.toFile([])));
    const loaded = SpamModel.fromFile(JSON.parse(JSON.stringify(a.toFile(['test']))));
    expect(loaded.probability('特价促销')).toBeCloseTo(a.probability('特价促销'), 6);
  });

  it('reads disguises the same way the checks do', () => {
    expect(features('ＶＸ １２３')).toEqual(features('vx 456')); // width folded, digits masked
  });

  it('the evaluation counts precision, recall and false alarms', () => {
    const model = SpamModel.train(rows, { epochs: 30 });
    const report = evaluateSpam(rows, 0.85, { probability: (t) => model.probability(t), threshold: 0.5 });
    expect(report).toMatchObject({ task: 'spam', n: 10, precision: 1, recall: 1, falsePositiveRate: 0 });
  });

  it('steward eval spam FILE prints one JSON line with the figures', () => {
    const file = join(tmp.dir, 'rows.jsonl');
    writeFileSync(file, `${[{ text: '加我薇信 abc_12345 领资料', label: 'spam' }, { text: '明天开会', label: 'ham' }].map((r) => JSON.stringify(r)).join('\n')}\n`);
    const r = runCli(['eval', 'spam', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ task: 'spam', n: 2, precision: 1, recall: 1, falsePositiveRate: 0 });
  });
});
