// How Chinese group-chat ads are made, kept as data: an ad is mostly a lure (what it promises)
// plus a call to action (what the reader is told to do), often with a contact channel. A lure or a
// call alone is ordinary talk ("有问题私聊我", "课程优惠券领了吗"); together they are a pitch, and
// the pair names itself to the owner and the member. Phrases are matched in the compact form of
// the text: simplified, lower case, without spaces, punctuation or symbols.

/** What ads promise, by family. */
export const LURES: Readonly<Record<string, readonly string[]>> = {
  'free-materials': [
    '免费资料', '免费领取', '免费领', '全套资料', '全套课程', '全套视频', '完整视频', '完整版课程', '完整课程', '网盘资料', '白嫖',
    '0元领', '零元领', '免费送', '免费课程', '福利资料', '内部资料', '独家资料', '免费试听', '免费教程',
  ],
  'quick-money': [
    '月入过万', '月入上万', '月入', '日赚', '日入', '躺赚', '轻松赚', '在家赚钱', '赚钱机会', '零成本', '稳赚', '一单一结', '当天返', '秒到账',
    '高佣金', '返佣', '佣金日结', '收益翻倍', '回本快', '副业收入', '睡后收入', '多劳多得', '想赚钱', '带你赚',
  ],
  'group-traffic': ['更多学习群', '更多群', '更多资源', '福利群', '资源群', '引流'],
  // Not "兼职" alone: a learning group posts real part-time jobs ("招兼职助教，有意向私聊").
  'part-time': ['日结', '宝妈', '学生党可做', '手机就能做', '足不出户', '时间自由', '打字员', '居家办公', '在家就能做', '手机操作'],
  'order-brushing': ['刷单', '垫付', '做任务', '点赞任务', '关注任务', '返现', '拉新奖励', '刷好评', '做单'],
  'loans-cards': ['贷款', '秒批', '无抵押', '放款', '网贷', '信用卡套现', '套现', '提额', '黑户', '征信花', '以贷养贷', '备用金', '花呗提现', '白条提现'],
  gambling: ['博彩', '彩票计划', '百家乐', '棋牌', '赌场', '下注', '时时彩', '回血', '上岸', '带你赢', '导师带', '跟单', '计划群', '包赢', '稳赢', '必中', '输了', '翻本'],
  accounts: ['出售账号', '卖号', '收号', '账号出售', '出号', '实名号', '老号', '成品号', '会员账号', '会员低价', '代充', '代开会员', '共享会员', '激活码', '账号转让'],
  invoices: ['代开发票', '开发票', '增值税发票', '专票', '普票', '税点低', '各类发票'],
  'exam-cheating': ['考试答案', '包过', '代考', '替考', '押题', '答案群', '论文代写', '代写', '降重', '代发论文', '期刊发表', '真题答案', '原题答案'],
  'discount-courses': ['低价课程', '课程低价', '特价课', '原价', '秒杀', '拼团', '1元课', '9.9元', '九块九', '名额有限', '仅剩', '限时免费', '限时特价', '低价出课'],
  'live-draws': ['直播抽奖', '中奖', '福袋', '领红包', '抢红包', '免单', '送大礼'],
  promoters: ['招代理', '代理加盟', '推广员', '合伙人', '分销', '一件代发', '招学员', '团队长', '招募代理', '诚招'],
  investment: ['炒股群', '牛股', '内幕消息', '荐股', '股票群', '涨停板', '数字货币', '币圈', 'usdt', '带单', '空投', '跑分', '挖矿'],
  sex: ['约炮', '裸聊', '福利姬', '看片', '成人视频', '同城约', '援交', '小姐姐一对一', '同城交友', '私密照', 'onlyfans'],
  'second-hand': ['收二手', '收旧书', '二手书回收', '高价回收', '回收旧', '低价出', '收闲置'],
};

/** What ads tell the reader to do, by kind. */
export const CALLS: Readonly<Record<string, readonly string[]>> = {
  'add-me': ['加我', '加一下我', '加好友', '加v', '加微', '+v', '+微', '加q', '加qq', '联系我', '找我', '私我', '私聊', '私信', '滴滴我', '滴我', 'dd我', '踢我', '戳我', '速来', '咨询我', '有的滴', '滴滴'],
  'poke-avatar': ['戳头像', '点头像', '看头像', '头像加', '点我头像', '扫头像', '头像有'],
  'reply-keyword': ['扣1', '回复1', '扣个1', '打1', '回1', '留言领取', '回复关键词', '回复领取', '评论领取', '扣666'],
  'see-profile': ['看主页', '看我主页', '主页有', '在我主页', '看朋友圈', '朋友圈有', '在朋友圈', '发朋友圈了', '看空间', '看签名', '简介有', '看我简介', '主页联系'],
  'join-group': ['进群', '拉你进', '拉进群', '加群', '入群', '群号', '进裙', '拉你', '更多群'],
  'scan-code': ['扫码', '扫描二维码', '长按识别', '识别二维码', '扫一扫'],
  'follow-account': ['关注公众号', '公众号回复', '关注后回复', '搜索公众号', '关注视频号', '关注抖音号'],
  'click-link': ['点击链接', '点链接', '戳链接', '复制链接', '打开链接', '链接领取', '点击领取'],
};

/** Every phrase of both lists: the quick pass looks for these before any check runs. */
export const PITCH_PHRASES: readonly string[] = [...Object.values(LURES), ...Object.values(CALLS)].flat();

/** Any phrase of either list, in one pass (most texts have none, and the checks below are skipped); any case, as the quick pass reads raw text. */
const ANY_PHRASE = new RegExp(PITCH_PHRASES.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');

/** Whether the compact text holds any lure or call phrase at all. */
export const hasPitchPhrase = (compact: string): boolean => ANY_PHRASE.test(compact);

/** The families of lures in a compact text. */
export function luresIn(compact: string): string[] {
  return Object.entries(LURES).flatMap(([family, phrases]) => (phrases.some((p) => compact.includes(p)) ? [family] : []));
}

/** The kinds of calls to action in a compact text; a link to somewhere not reputable is one too. */
export function callsIn(compact: string, suspectLink = false): string[] {
  const calls = Object.entries(CALLS).flatMap(([kind, phrases]) => (phrases.some((p) => compact.includes(p)) ? [kind] : []));
  if (suspectLink && !calls.includes('click-link')) calls.push('click-link');
  return calls;
}
