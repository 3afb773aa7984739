// The soft Chinese ads the trial found passing, five phrasings each, written here by hand: each is
// caught at the removal level by a named finding (a lure with a call to action, or a contact).
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/corpus/generator.js';
import { judge, urlsIn } from '../src/features/adfilter/checks.js';
import { scorerOf } from '../src/features/adfilter/evaluate.js';
import { loadModel } from '../src/features/adfilter/models.js';
import { THRESHOLDS } from '../src/features/adfilter/settings.js';
import { compactText, normalizeText } from '../src/text/normalize.js';

const model = scorerOf(loadModel());
const verdict = (text: string) => judge({ kind: 'text', text, urls: urlsIn(text), newcomer: false, allowDomains: [], blockWords: [], sameTextElsewhere: 0 }, { model });

const FAMILIES: Record<string, string[]> = {
  'scan the code to join for the full video course': [
    '扫码进群，领取完整视频课程',
    '完整版课程已上传，扫码入群免费领取',
    '需要全套视频的，长按识别二维码进群',
    '扫一扫进裙，全套课程免费送',
    '想要完整课程的同学扫码加群拿',
  ],
  'poke my avatar, free materials': [
    '戳头像加我，免费资料',
    '免费资料包都在这，点我头像就能拿',
    '需要内部资料的看头像',
    '全套资料免费送，戳头像领',
    '头像有惊喜，免费课程随便拿',
  ],
  'reply 1, pulled into more study groups': [
    '想进更多学习群的扣1，我拉你',
    '扣1拉你进学习群，免费资料每天更新',
    '还有更多群，回复1我拉你进',
    '扣个1，拉你进内部资料群',
    '打1的我都拉进群，免费教程共享',
  ],
  'gambling-loss recovery': [
    '输了的别灰心，导师带你回血，私我',
    '想上岸的兄弟加我，带你翻本',
    '回血计划群，稳赢，进群看看',
    '跟单三天上岸，有想法的私聊',
    '输了不敢告诉家里？导师带你回血，加我',
  ],
  'invoices with WeChat spelled out': [
    '代开发票，各类发票都有，微 x i n abc12345',
    '增值税发票 专票普票 加 微 x i n：kaipiao888',
    '各类发票代开，税点低，薇xin fp_2024',
    '开发票找我，v x同号 13800138000',
    '代开发票 +薇 138 0013 8000',
  ],
  'buying second-hand books, 滴滴我': [
    '收二手书，滴滴我',
    '高价回收旧书教材，有的滴滴',
    '收二手教材，需要出的私我',
    '收闲置课本，加我',
    '二手书回收，价格好，联系我',
  ],
  'work-from-home mothers earning 10k a month': [
    '宝妈在家也能月入过万，私聊',
    '手机就能做，宝妈学生党可做，月入上万，加我',
    '在家就能做，时间自由，日结，私我了解',
    '宝妈副业，月入过万不是梦，戳头像',
    '足不出户日赚三百，宝妈优先，滴滴我',
  ],
  'order brushing with same-day commission': [
    '刷单当天返佣金，有意者私聊',
    '点赞任务一单一结，当天返，加我',
    '做任务高佣金，秒到账，私我',
    '刷好评返现，日结，联系我',
    '垫付做单，当天返佣，扣1',
  ],
  'platform accounts for sale': [
    '出售账号，实名老号，私聊',
    '各平台成品号出售，加我',
    '会员低价代充，共享会员，找我',
    '卖号，老号稳定，需要的私我',
    '激活码低价出，私信',
  ],
  'short links to free courses': [
    '免费课程领取 https://t.cn/A6xYz',
    '全套视频免费领 http://bit.ly/3abcd',
    '免费资料点击链接领取 https://dwz.cn/xyz',
    '限时免费，完整课程 https://b23.tv/AbC12',
    '0元领课程：https://url.cn/5abc',
  ],
  'see my homepage or 朋友圈': [
    '免费资料都在我朋友圈，看朋友圈',
    '想赚钱的看我主页',
    '日结兼职详情看主页',
    '低价课程在朋友圈，自己看',
    '内部资料看我简介',
  ],
  'follow the official account and reply a keyword': [
    '关注公众号回复“资料”免费领取全套课程',
    '免费资料，公众号回复关键词领取',
    '关注后回复666，完整视频免费送',
    '搜索公众号某某学堂，回复领取免费课程',
    '全套资料免费领，关注公众号回复1',
  ],
};

describe('soft Chinese ads are caught by a named finding', () => {
  it('none of these phrasings is one the shipped model\u2019s generator writes: they test, they did not teach', () => {
    // Compared as the model reads them: without case, spaces, punctuation, symbols or emoji.
    const read = (t: string) => compactText(normalizeText(t));
    const taught = new Set(generateCorpus().map((r) => read(r.text)));
    expect(Object.values(FAMILIES).flat().filter((t) => taught.has(read(t)))).toEqual([]);
  });

  for (const [family, phrasings] of Object.entries(FAMILIES)) {
    it(family, () => {
      for (const text of phrasings) {
        const v = verdict(text);
        expect({ text, score: v.score >= THRESHOLDS.on.remove }).toEqual({ text, score: true });
        expect({ text, named: v.findings.some((f) => f.check !== 'model' && f.score >= 0.6) }).toEqual({ text, named: true });
      }
    });
  }
});
