import { describe, expect, it } from 'vitest';
import { judgeTopic } from '../src/features/workhours/offTopic.js';

const tech = { words: ['前端', 'React', 'TypeScript', '部署', '性能', 'bug'], description: '前端开发、性能优化、工程化' };
const text = (t: string, extra = {}) => ({ kind: 'text', text: t, ...extra });

describe('the off-topic judge', () => {
  it('passes messages about the topic, in Chinese and English, questions included', () => {
    for (const t of ['这个 React 组件为什么会重复渲染？', '线上部署失败了，谁帮忙看下日志', 'How do I type this in TypeScript?', '工程化方面大家用什么脚手架', '首屏性能优化有什么思路']) {
      expect(judgeTopic(text(t), tech), t).toMatchObject({ offTopic: false });
    }
  });

  it('catches stickers, emoji-only messages and chatter', () => {
    expect(judgeTopic({ kind: 'sticker', text: '' }, tech)).toEqual({ offTopic: true, why: 'sticker' });
    for (const t of ['👍👍👍', '😂😂', '[捂脸]', '。。。']) expect(judgeTopic(text(t), tech), t).toEqual({ offTopic: true, why: 'emoji' });
    for (const t of ['哈哈哈哈哈', '在吗', '吃了吗？', '早上好！', '666666', 'hahaha', 'lol', 'good morning', '摸鱼']) {
      expect(judgeTopic(text(t), tech), t).toEqual({ offTopic: true, why: 'chatter' });
    }
  });

  it('catches small talk that names no topic word', () => {
    for (const t of ['中午吃什么外卖', '周末去哪里玩', '昨晚那个综艺太好笑了', 'anyone up for lunch?', '今天好热啊']) {
      expect(judgeTopic(text(t), tech), t).toEqual({ offTopic: true, why: 'small-talk' });
    }
  });

  it('news about games, funds and films is talk about things, not chit-chat: with no history it passes', () => {
    const none = { words: [], description: '' };
    for (const t of ['《黑神话》销量突破两千万份', '基金三季报出炉，消费板块遭减持', '春节档电影总票房破80亿', '华为发布新款手机，搭载自研芯片']) {
      expect(judgeTopic(text(t), none), t).toEqual({ offTopic: false, why: 'unsure' });
    }
  });

  it('mixed chatter is caught, and work talk with a person and a time is not', () => {
    const none = { words: [], description: '' };
    expect(judgeTopic(text('哈哈哈哈哈 中午吃啥呀'), none).offTopic).toBe(true);
    expect(judgeTopic(text('你们周末去哪玩了～'), none).offTopic).toBe(true);
    expect(judgeTopic(text('我下午晚点到，大家先开始'), none).offTopic).toBe(false);
    expect(judgeTopic(text('明天上午十点开会，记得带方案'), none).offTopic).toBe(false);
  });

  it('a topic word wins over small talk: "周末上线前端新版本" is work', () => {
    expect(judgeTopic(text('周末上线前端新版本'), tech).offTopic).toBe(false);
  });

  it('a reply in an on-topic thread passes even when short', () => {
    expect(judgeTopic(text('好的，我试试', { repliesToOnTopic: true }), tech)).toEqual({ offTopic: false, why: 'on-topic-thread' });
    expect(judgeTopic(text('哈哈哈', { repliesToOnTopic: true }), tech)).toEqual({ offTopic: false, why: 'on-topic-thread' });
  });

  it('when unsure it lets the message pass: an ordinary sentence, an image, a file', () => {
    expect(judgeTopic(text('我下午晚点到，大家先开始'), tech)).toEqual({ offTopic: false, why: 'unsure' });
    expect(judgeTopic({ kind: 'image', text: '' }, tech)).toEqual({ offTopic: false, why: 'unsure' });
    expect(judgeTopic({ kind: 'file', text: 'report.pdf' }, tech)).toEqual({ offTopic: false, why: 'unsure' });
  });

  it('without topic words it still knows chatter, and passes the rest', () => {
    const none = { words: [], description: '' };
    expect(judgeTopic(text('哈哈哈'), none).offTopic).toBe(true);
    expect(judgeTopic(text('接口返回 500 了'), none).offTopic).toBe(false);
  });

  it('topic words match across width and case', () => {
    expect(judgeTopic(text('ｒｅａｃｔ hooks 怎么用'), tech).offTopic).toBe(false);
    expect(judgeTopic(text('found a BUG in prod'), tech).offTopic).toBe(false);
  });
});
