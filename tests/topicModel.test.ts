import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEARNED_OFF_TOPIC, judgeTopic } from '../src/features/workhours/offTopic.js';
import { TopicModel, topicFeatures } from '../src/features/workhours/topicModel.js';
import { runCli } from './support/cli.js';
import { type TestBot, makeBot, sentTexts, tempDir, textEvent } from './support/recording.js';
import { StrikesRepo } from '../src/features/penalties/strikes.sql.js';
import { TopicExamplesRepo } from '../src/features/workhours/topicExamples.sql.js';

// A database group's past talk, and the group chatter around it.
const onTopic = [
  '这条 SQL 的执行计划走了全表扫描', '索引失效一般是什么原因', 'MySQL 的 binlog 怎么开启', '主从复制延迟太高了怎么排查',
  'PostgreSQL 的 vacuum 要多久跑一次', '联合索引的最左前缀原则', '慢查询日志里这条语句要优化', '分库分表之后怎么做分页',
  '事务隔离级别设成可重复读', '这个死锁是间隙锁导致的吗', 'explain 结果里 type 是 ALL', 'Redis 缓存和数据库怎么保持一致',
  '表结构变更怎么不锁表', '连接池最大连接数设多少合适', '备份用 mysqldump 还是 xtrabackup',
];
const offTopic = [
  '晚上一起去吃火锅吧', '今天的球赛谁赢了', '周末去爬山有人吗', '这部电视剧太好看了', '明天要下雨记得带伞', '刚买的奶茶好甜',
  '放假回老家的票买到了吗', '楼下新开了一家烧烤店', '猫咪今天又把花盆打翻了', '最近在追一个综艺节目', '双十一买了好多东西',
  '这周末有演唱会', '早上地铁好挤', '中秋节快乐呀', '晚饭吃什么好呢',
];
const history = [...onTopic.map((text) => ({ text, label: 'on' })), ...offTopic.map((text) => ({ text, label: 'off' }))];
const asExamples = (rows: { text: string; label: string }[]) =>
  rows.map((r) => ({ label: r.label as 'on' | 'off', source: 'history' as const, features: topicFeatures(r.text) }));

describe("a group's learned topic", () => {
  it('learns what the group talks about from its history and tells new messages apart', () => {
    const model = TopicModel.fit(asExamples(history), 30);
    expect(model.ready).toBe(true);
    expect(model.offTopicProbability('这个索引为什么没有生效')).toBeLessThan(0.5);
    expect(model.offTopicProbability('周末一起去吃烧烤吧')).toBeGreaterThan(0.5);
  });

  it('a young model holds a few KB; a long history folds into a fixed 1 MB table and still tells the two apart', () => {
    expect(TopicModel.fit(asExamples(history), 30).bytes).toBeLessThan(64 * 1024);
    // 6,000 messages of varied chatter: far more distinct features than the table has room for as a Map.
    const chatter = Array.from({ length: 6000 }, (_, i) => ({ text: `${offTopic[i % offTopic.length]} ${(i * 7919).toString(36)} ${(i * 104729).toString(36)} 第${i}次`, label: 'off' }));
    const model = TopicModel.fit(asExamples([...history, ...history, ...history, ...chatter]), 5);
    expect(model.bytes).toBeLessThanOrEqual(1024 * 1024 + 200);
    expect(model.offTopicProbability('周末一起去吃烧烤吧')).toBeGreaterThan(0.5);
    expect(model.offTopicProbability('这条 SQL 的执行计划走了全表扫描')).toBeLessThan(model.offTopicProbability('周末一起去吃烧烤吧'));
  });

  it('says nothing until it has seen enough of both sides', () => {
    expect(TopicModel.fit(asExamples(history.slice(0, 12))).ready).toBe(false);
  });

  it("an owner's correction weighs more than one message of history", () => {
    const base = TopicModel.fit(asExamples(history), 10);
    const corrected = TopicModel.fit(asExamples(history), 10);
    const before = corrected.offTopicProbability('今天的篮球比赛');
    base.learn({ label: 'off', source: 'history', features: topicFeatures('今天的篮球比赛') });
    corrected.learn({ label: 'off', source: 'owner', features: topicFeatures('今天的篮球比赛') });
    expect(corrected.offTopicProbability('今天的篮球比赛')).toBeGreaterThan(base.offTopicProbability('今天的篮球比赛'));
    expect(base.offTopicProbability('今天的篮球比赛')).toBeGreaterThan(before);
  });

  it('only a confident model blocks; a thin one keeps the small-talk list, a mature one replaces it', () => {
    const t = (text: string) => ({ kind: 'text', text });
    const none = { words: [], description: '' };
    const sure = { offTopicProbability: () => LEARNED_OFF_TOPIC, mature: true };
    const unsure = (mature: boolean) => ({ offTopicProbability: () => LEARNED_OFF_TOPIC - 0.1, mature });
    expect(judgeTopic(t('这周的报表谁来做'), none, sure)).toEqual({ offTopic: true, why: 'learned' });
    expect(judgeTopic(t('这周的报表谁来做'), none, unsure(true))).toEqual({ offTopic: false, why: 'unsure' });
    expect(judgeTopic(t('周末去哪里玩'), none, unsure(false))).toEqual({ offTopic: true, why: 'small-talk' });
    expect(judgeTopic(t('周末去哪里玩'), none, unsure(true))).toEqual({ offTopic: false, why: 'unsure' });
    // Topic words, threads and plain chatter are decided before the model is asked.
    expect(judgeTopic(t('索引的问题'), { words: ['索引'], description: '' }, sure)).toMatchObject({ offTopic: false, why: 'topic-word' });
    expect(judgeTopic(t('哈哈哈哈'), none, unsure(true))).toEqual({ offTopic: true, why: 'chatter' });
  });
});

describe('learning in a group', () => {
  let tmp: ReturnType<typeof tempDir>;
  let bot: TestBot;
  const g = { platform: 'test', groupId: 'g1' };
  beforeEach(async () => {
    tmp = tempDir();
    bot = makeBot({ dbPath: join(tmp.dir, 't.db') });
    await bot.say('boss', '/worktime mon-fri 09:00-18:00', { role: 'owner' });
    await bot.say('boss', '/focus strict', { role: 'owner' });
    await bot.say('boss', '/topic-words add SQL 索引', { role: 'owner' });
  });
  afterEach(() => {
    bot.close();
    tmp.cleanup();
  });

  const reply = (command: string, to: { id: string; messageId: string; text: string }) =>
    bot.dispatch(textEvent('boss', command, bot.clock.now(), { role: 'owner', extra: { replyTo: { messageId: to.messageId, senderId: to.id, senderName: to.id, text: to.text } } }));

  it('keeps what topic words vouch for and plain chatter as history, as features only', async () => {
    await bot.say('amy', '这条 SQL 要加索引吗');
    await bot.say('amy', '在吗');
    await bot.say('amy', '我下午晚点到'); // unsure: not learned from
    const rows = bot.app.store.of(TopicExamplesRepo).list(g, 1);
    expect(rows.map((r) => [r.label, r.source])).toEqual([['on', 'history'], ['off', 'history']]);
    expect(Object.keys(rows[0]!)).not.toContain('text'); // the schema has no text column either (migrations.test.ts)
    expect(sentTexts(await bot.say('boss', '/topic-words', { role: 'owner' }))[0]).toBe('主题词：SQL、索引\n主题描述：（无）\n本群已学到：主题 1 条，跑题 1 条（各满 10 条后开始判断）');
  });

  it('/offtopic and /ontopic as replies teach the group; /ontopic withdraws the strike on that message', async () => {
    const struck = await bot.say('bob', '周末去哪里玩');
    expect(sentTexts(struck)[0]).toMatch(/^@bob/);
    const strikeMessage = bot.app.store.of(StrikesRepo).active(g, 'bob', bot.clock.now().getTime())[0]!;
    const corrected = await reply('/ontopic', { id: 'bob', messageId: strikeMessage.messageId!, text: '周末去哪里玩' });
    expect(sentTexts(corrected)).toEqual(['已记下：类似的消息属于本群主题，不会再被提醒。', '@bob 刚才的提醒撤回了：这条和主题相关，抱歉打扰。']);
    expect(bot.app.store.of(StrikesRepo).active(g, 'bob', bot.clock.now().getTime())).toEqual([]);
    expect(sentTexts(await reply('/offtopic', { id: 'bob', messageId: 'x', text: '今天的球赛谁赢了' }))).toEqual(['已记下：类似的消息在本群算跑题，工作时间会提醒。']);
    expect(bot.app.store.of(TopicExamplesRepo).list(g, 1).filter((r) => r.source === 'owner').map((r) => r.label)).toEqual(['on', 'off']);
    expect(sentTexts(await bot.say('boss', '/offtopic', { role: 'owner' }))).toEqual(['请回复要处理的那条消息再发送这个命令。']);
    expect(sentTexts(await bot.say('bob', '/ontopic'))[0]).toMatch(/只有群主和管理员/);
  });

  it("after a restart the group's model is fitted again from what was stored, and blocks what it learned", async () => {
    for (let i = 0; i < 3; i++) {
      for (const text of offTopic) await reply('/offtopic', { id: 'bob', messageId: `o${i}${text}`, text });
      for (const text of onTopic) await reply('/ontopic', { id: 'bob', messageId: `n${i}${text}`, text });
    }
    bot.close();
    bot = makeBot({ dbPath: join(tmp.dir, 't.db'), clock: bot.clock });
    const out = await bot.say('carl', '晚上一起去吃火锅吧');
    expect(sentTexts(out)[0]).toMatch(/^@carl 工作时间请聊与主题相关的内容（聊了与本群主题无关的内容/);
    expect(await bot.say('carl', '主从复制的延迟怎么排查')).toEqual([]);
  });
});

describe('steward eval topic', () => {
  it('prints one JSON line: on-topic blocked, off-topic caught, speed; --history is required', () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'rows.jsonl');
      const past = join(tmp.dir, 'past.jsonl');
      writeFileSync(file, `${[{ text: '哈哈哈哈', label: 'off' }, { text: '这个索引怎么建', label: 'on' }].map((r) => JSON.stringify(r)).join('\n')}\n`);
      writeFileSync(past, `${history.map((r) => JSON.stringify(r)).join('\n')}\n`);
      const r = runCli(['eval', 'topic', file, '--history', past]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ task: 'topic', n: 2, onTopicBlockedRate: 0, offTopicCaughtRate: 1, messagesPerSecond: expect.any(Number) });
      expect(runCli(['eval', 'topic', file]).code).toBe(2);
    } finally {
      tmp.cleanup();
    }
  });
});
