import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { modelInput } from '../src/features/adfilter/checks.js';
import { SpamModel } from '../src/features/adfilter/classifier.js';
import { Featurizer } from '../src/text/featurizer.js';
import { digitsMaskedInSpamOnly, evaluateSpam, evaluateSpamFile, maskDigits, scorerOf, trainSpamModel } from '../src/features/adfilter/evaluate.js';
import { adFilterRule } from '../src/features/adfilter/filter.js';
import { GroupModels } from '../src/features/adfilter/models.js';
import { jsonLines, runCli } from './support/cli.js';
import { tempDir } from './support/recording.js';

const rows = [
  ...['限时优惠 点击领取红包', '特价促销 全场五折 速来抢购', '恭喜您获得大奖 请回复领取', '免费领取会员 名额有限', '优惠券 限时领取 先到先得'].map((text) => ({ text, label: 'spam' })),
  ...['今天的会议改到三点', '这个问题我明天再看', '谁有空帮忙看下代码', '周末大家一起吃饭吧', '刚才的方案我觉得可以'].map((text) => ({ text, label: 'ham' })),
];
const p = (model: SpamModel, text: string) => model.probability(modelInput(text));

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('the spam classifier', () => {
  it('learns from labeled texts and tells similar ones apart', () => {
    const model = trainSpamModel(rows);
    expect(p(model, '限时优惠 领取红包')).toBeGreaterThan(0.7);
    expect(p(model, '会议改到明天三点')).toBeLessThan(0.3);
  });

  it('is deterministic, and survives saving and loading', () => {
    const a = trainSpamModel(rows);
    const b = trainSpamModel(rows);
    expect(JSON.stringify(a.toFile([]))).toBe(JSON.stringify(b.toFile([])));
    const loaded = SpamModel.fromFile(JSON.parse(JSON.stringify(a.toFile(['test']))));
    expect(p(loaded, '特价促销')).toBeCloseTo(p(a, '特价促销'), 6);
  });

  it('reads disguises the same way the checks do, and sees each feature once', () => {
    const f = new Featurizer();
    const of = (text: string) => {
      const m = modelInput(text);
      return [...f.indices.slice(0, f.extract(m.normalized, m.compact))].sort();
    };
    expect(of('ＶＸ １２３')).toEqual(of('vx 456')); // width folded, digits masked
    expect(of('哈哈哈哈哈哈').length).toBe(new Set(of('哈哈哈哈哈哈')).size);
    expect(of('buy cheap pills')).not.toEqual(of('cheap buy pills')); // word order counts (word pairs)
  });

  it('keeps the marks of how a text was written: its symbols, emoji and disguised letters', () => {
    const f = new Featurizer();
    const of = (text: string) => {
      const m = modelInput(text);
      return new Set(f.indices.slice(0, f.extract(m.normalized, m.compact, [], m.text)));
    };
    const added = (a: Set<number>, b: Set<number>) => [...a].filter((i) => !b.has(i)).length;
    expect(added(of('ＶＸ １２３'), of('vx 123'))).toBe(1); // the disguise, and nothing else
    expect(added(of('vx 123'), of('ＶＸ １２３'))).toBe(0);
    expect(added(of('【京东】✅优惠'), of('京东优惠'))).toBeGreaterThanOrEqual(4); // 【, 】, ✅, how many
    expect(added(of('京东优惠'), of('京东优惠'))).toBe(0);
  });

  it("a group's own examples adapt the shared model for that group only", () => {
    const shared = trainSpamModel(rows);
    const examples = new Map<string, { label: 'spam' | 'ham'; text: string }[]>([['g1', [{ label: 'spam', text: '课程资料包 私信领取 仅限今天' }, { label: 'ham', text: '免费领取会员的活动是官方的' }]]]);
    let version = 0;
    const source = { examples: (g: { groupId: string }) => examples.get(g.groupId) ?? [], examplesVersion: () => version };
    const models = new GroupModels(() => shared);
    const g1 = { platform: 'test', groupId: 'g1' };
    const g2 = { platform: 'test', groupId: 'g2' };
    const score = (g: typeof g1, text: string) => models.scorer(g, source)(modelInput(text));
    expect(score(g1, '课程资料包 私信领取')).toBeGreaterThan(0.8);
    expect(score(g2, '课程资料包 私信领取')).toBeLessThan(score(g1, '课程资料包 私信领取'));
    expect(score(g1, '免费领取会员的活动是官方的')).toBeLessThan(0.5);
    expect(score(g2, '免费领取会员的活动是官方的')).toBeGreaterThan(score(g1, '免费领取会员的活动是官方的'));
    // A new example is picked up once the version moves.
    examples.get('g1')!.push({ label: 'spam', text: '周末团建报名' });
    const before = score(g1, '周末团建报名');
    version++;
    expect(score(g1, '周末团建报名')).toBeGreaterThan(before);
  });

  it('the ad filter reads the shared model when the bot starts, once; the first message does not wait for it', () => {
    const shared = trainSpamModel(rows);
    let loads = 0;
    const rule = adFilterRule(new GroupModels(() => (loads++, shared)));
    expect(loads).toBe(0);
    rule.prepare!();
    rule.prepare!();
    expect(loads).toBe(1);
  });

  it('the evaluation counts precision, recall and false alarms', () => {
    const model = trainSpamModel(rows);
    const report = evaluateSpam(rows, 0.6, scorerOf(model));
    expect(report).toMatchObject({ task: 'spam', n: 10, precision: 1, recall: 1, falsePositiveRate: 0 });
  });

  it('steward eval spam FILE prints one JSON line with the figures; --train fits a model on other rows first', () => {
    const file = join(tmp.dir, 'rows.jsonl');
    const train = join(tmp.dir, 'train.jsonl');
    writeFileSync(file, `${[{ text: '加我薇信 abc_12345 领资料', label: 'spam' }, { text: '明天开会', label: 'ham' }].map((r) => JSON.stringify(r)).join('\n')}\n`);
    writeFileSync(train, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const r = runCli(['eval', 'spam', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ task: 'spam', n: 2, precision: 1, recall: 1, falsePositiveRate: 0, recallAtPrecision: { '0.95': 1, '0.97': 1, '0.99': 1 }, digitsMasked: false });
    const trained = runCli(['eval', 'spam', file, '--train', train]);
    expect(JSON.parse(trained.stdout)).toMatchObject({ task: 'spam', n: 2, recall: 1 });
    expect(runCli(['eval', 'spam', file, '--mode', 'sometimes']).code).toBe(2);
  });
});

describe('a labeled file whose publisher masked the digits of its spam only', () => {
  const spam = Array.from({ length: 120 }, (_, i) => ({ text: `优惠活动第${'x'.repeat((i % 3) + 1)}期 详询xxxxxxxxxxx`, label: 'spam' }));
  const ham = Array.from({ length: 120 }, (_, i) => ({ text: `${i % 2 ? '房东电话' : '今天'}1380013${String(i).padStart(4, '0')}`, label: 'ham' }));

  it('is noticed, and every row is read with its digits masked, so a real number no longer marks ham', () => {
    expect(digitsMaskedInSpamOnly([...spam, ...ham])).toBe(true);
    expect(maskDigits(ham)[0]!.text).toBe('今天xxxxxxxxxxx');
    expect(evaluateSpamFile([...spam, ...ham], 0.85).digitsMasked).toBe(true);
    // Files with digits on both sides are read as they are.
    expect(digitsMaskedInSpamOnly([...spam.map((r) => ({ ...r, text: `${r.text} 8折` })), ...ham])).toBe(false);
  });
});

describe("the operator's own model", () => {
  // Fruit sellers the shipped model has never heard of, and a tech group's talk.
  const fruit = ['蓝莓', '车厘子', '猕猴桃', '脐橙', '芒果', '荔枝'];
  const ownRows = [
    ...fruit.flatMap((f, i) => [`${f}果园直发 ${i + 2}斤装 今日特惠`, `新鲜${f}产地直供 整箱包邮 下单立减`, `${f}礼盒团购价 ${i + 3}箱起发 先到先得`, `果园${f}现摘现发 坏果包赔 拍下即发`]).map((text) => ({ text, label: 'spam' })),
    ...['接口超时先看日志', '这个版本的构建失败了', '单测跑不过是因为时区', '数据库连接池调到二十', '缓存命中率掉到六成', '周五前把评审意见改完'].flatMap((t, i) => [t, `${t}，我下午再看`, `大家注意：${t}`, `刚才说的第${i + 1}点：${t}`]).map((text) => ({ text, label: 'ham' })),
  ];
  const jsonl = (rs: object[]) => `${rs.map((r) => JSON.stringify(r)).join('\n')}\n`;
  const ad = '荔枝果园直发 五斤装 今日特惠';

  it('steward train fits it on their rows and reports a 5-fold estimate; named in the config, the bot judges with it', () => {
    const data = join(tmp.dir, 'own.jsonl');
    const model = join(tmp.dir, 'own-model.json');
    writeFileSync(data, jsonl(ownRows));
    const trained = runCli(['train', model, data]);
    expect(trained.code).toBe(0);
    expect(JSON.parse(trained.stdout)).toMatchObject({ model, spam: 24, ham: 24, crossValidated: { n: 48 } });
    expect(JSON.parse(runCli(['eval', 'spam', data, '--model', model]).stdout)).toMatchObject({ n: 48, precision: 1, recall: 1 });

    const config = join(tmp.dir, 'config.json');
    writeFileSync(config, JSON.stringify({ adfilter: { model } }));
    expect(runCli(['check-config', config]).code).toBe(0);
    const say = (extra: string[]) => runCli(['shell', '--json', '--db', join(tmp.dir, `${extra.length}.db`), ...extra], `:as bob 小波\n大家好\n${ad}\n`);
    const actions = (r: ReturnType<typeof runCli>) => jsonLines(r.stdout).filter((o) => o.action && o.action !== 'commandMenu').map((o) => o.action);
    expect(actions(say([]))).toEqual([]); // the shipped model lets the fruit through
    expect(actions(say(['--config', config]))).toEqual(['delete', 'send']);
  });

  it('bad rows are named by file and line, and no model is written', () => {
    const data = join(tmp.dir, 'bad.jsonl');
    const model = join(tmp.dir, 'm.json');
    writeFileSync(data, `${JSON.stringify({ text: '加我', label: 'spam' })}\nnot json\n${JSON.stringify({ text: '好的', label: 'maybe' })}\n${JSON.stringify({ label: 'ham' })}\n`);
    const r = runCli(['train', model, data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`steward: ${data}:2: not valid JSON\n${data}:3: label: must be "spam" or "ham"\n${data}:4: text: a string is required\n`);
    expect(existsSync(model)).toBe(false);
    writeFileSync(data, jsonl(ownRows.slice(0, 30)));
    expect(runCli(['train', model, data]).stderr).toBe('steward: 24 spam and 6 ham rows: at least 20 of each are needed to learn from\n');
    expect(runCli(['train', model]).code).toBe(2);
  });

  it('a model file that will not load stops start-up with the config key and the file', () => {
    const config = join(tmp.dir, 'config.json');
    const missing = join(tmp.dir, 'missing.json');
    writeFileSync(config, JSON.stringify({ adfilter: { model: missing } }));
    expect(runCli(['shell', '--config', config], '').stderr).toBe(`steward: ${config}: invalid configuration\n  - adfilter.model: ${missing}: not found\n`);
    const notModel = join(tmp.dir, 'rows.json');
    writeFileSync(notModel, JSON.stringify({ text: 'x', label: 'spam' }));
    writeFileSync(config, JSON.stringify({ adfilter: { model: notModel } }));
    const r = runCli(['check-config', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`adfilter.model: ${notModel}: not a Steward spam model of this version`);
  });
});
