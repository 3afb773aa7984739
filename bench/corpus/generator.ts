// Chinese training text the project writes itself, for the shipped ad model: no permissively
// licensed corpus of Chinese group-chat ads exists (see ../shared/data/README.md). Ads are built
// from the taxonomy's shape (a lure, a call to action, often a contact channel in disguise, some
// padding); legitimate community messages are built by the same machinery, with the same
// padding, emoji, numbers and contacts, so that the generator's own style is on both sides and
// the model has to learn what the words say rather than how this file writes.
// Deterministic: the same seed gives the same rows, so `npm run train` gives the same model.

export interface GeneratedRow {
  text: string;
  label: 'spam' | 'ham';
  source: 'generated_ads' | 'generated_ham';
  family: string;
}

/** A small seeded generator (mulberry32): the rows must not change between runs or machines. */
export function randomSource(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof randomSource>;

const DIGITS = '0123456789';
const LETTERS = 'abcdefghijkmnpqrstuvwxyz';
const digits = (r: Rng, n: number) => Array.from({ length: n }, () => r.pick([...DIGITS])).join('');
const handle = (r: Rng) => Array.from({ length: r.int(3, 7) }, () => r.pick([...LETTERS])).join('') + (r.chance(0.7) ? digits(r, r.int(2, 6)) : '');
const phone = (r: Rng) => `1${r.pick(['3', '5', '7', '8', '9'])}${digits(r, 9)}`;
const CN_DIGITS = '零一二三四五六七八九';
const money = (r: Rng) => r.pick([`${r.int(2, 9)}00`, `${r.int(1, 9)}000`, `${r.int(1, 5)}万`, `${r.int(50, 999)}`, `${r.int(1, 3)}k`]);

/** How a contact id gets past filters: spaced, dotted, Chinese digits, full-width, mixed. */
function disguiseId(r: Rng, id: string): string {
  switch (r.int(0, 6)) {
    case 0:
      return [...id].join(' ');
    case 1:
      return [...id].join(r.pick(['.', '-', '·', '_']));
    case 2:
      return [...id].map((c) => (/\d/.test(c) && r.chance(0.6) ? CN_DIGITS[Number(c)]! : c)).join('');
    case 3:
      return [...id].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');
    case 4:
      // Split in two or three parts, as "1967 4651" is.
      return `${id.slice(0, 4)} ${id.slice(4, 8)}${id.length > 8 ? ` ${id.slice(8)}` : ''}`;
    default:
      return id;
  }
}

const CHANNELS = {
  wechat: ['微信', 'vx', 'VX', 'v', 'V', 'wx', 'WX', 'V信', '薇信', '威信', '喂心', '徽信', '维信', '卫星', '微', '薇', 'v❤', 'ⓥⓧ', '🛰', '嶶', '溦', '威❤', '薇心', '胃心', '微芯', 'weixin', '➕V', '+v', '家v', '夹薇'],
  qq: ['QQ', 'qq', '扣扣', '企鹅', 'Q', '抠抠', '群号', '蔻蔻', '蔻', '口口', '扣', 'qun', '裙', '企-鹅', '鹅'],
  telegram: ['飞机', 'TG', 'tg', '电报', '纸飞机', '✈️', '飞机号', '@', 'telegram'],
  phone: ['电话', '手机', '热线', '☎', '📞', 'tel'],
};

/** A contact channel with an id, disguised as often as ads are. */
function contact(r: Rng): string {
  const kind = r.pick(['wechat', 'wechat', 'wechat', 'qq', 'telegram', 'phone'] as const);
  const word = r.pick(CHANNELS[kind]);
  const id = kind === 'phone' ? phone(r) : kind === 'qq' ? digits(r, r.int(6, 10)) : kind === 'telegram' ? `@${handle(r)}` : r.chance(0.3) ? phone(r) : handle(r);
  const shown = r.chance(0.5) ? disguiseId(r, id) : id;
  return r.pick([`${word}${shown}`, `${word}：${shown}`, `${word} ${shown}`, `${shown}（${word}）`, `${word}同号${shown}`]);
}

const EMOJI = ['🔥', '💰', '✅', '👉', '❤️', '🎁', '💯', '⚡', '🌟', '👇', '📢', '🧧', '💎', '🚀', '😘', '🉐', '🈵', '‼️', '☀️', '🍀'];
const SUFFIX = ['', '', '', '！', '！！', '～', '。', '~~', '!!!', '哦', '呀', '啦'];

// How ads hide their words from filters: look-alike characters, separators between every
// character, combining marks, noise tails of kana and symbols. Real members almost never write so.
const LOOKALIKE: Record<string, readonly string[]> = {
  微: ['嶶', '薇', '威', '溦', '徽', 'V'], 信: ['心', '芯', '♥'], 加: ['夹', '家', '+', '➕', '伽'], 群: ['裙', '君羊', 'qun'], 扣: ['蔻', '叩', 'k'],
  私: ['丝', '斯', 'S'], 赚: ['賺', '转'], 钱: ['q', '前'], 约: ['yue', '曰'], 色: ['涩', 'se'], 赌: ['du', '堵'], 博: ['搏', 'bo'], 彩: ['cai', '采'],
  兼: ['jian', '尖'], 职: ['耺', 'zhi'], 贷: ['袋', 'dai'], 款: ['kuan', '欵'], 号: ['hao', '毫'], 资: ['zi', '姿'], 料: ['liao', '尞'],
};
const NOISE_TAILS = ['バㄨでひㄜ', 'けダビーデ', 'ィㄕ', '﹉', '⁂', '҈', '✿', '☆彡', '｡ﾟ', 'ゞ', '☞', '卍'];
function obfuscate(r: Rng, text: string): string {
  let t = [...text].map((c) => (LOOKALIKE[c] && r.chance(0.5) ? r.pick(LOOKALIKE[c]!) : c)).join('');
  const style = r.int(0, 5);
  if (style === 0) t = [...t].join(r.pick(['-', ' ', '.', '/', '丨']));
  else if (style === 1) t = [...t].map((c) => `${c}͟`).join('');
  else if (style === 2) t = `${t}${r.pick(NOISE_TAILS)}`;
  else if (style === 3) t = [...t].map((c) => (/[a-z]/.test(c) ? String.fromCodePoint(0x1d5ee + c.charCodeAt(0) - 97) : c)).join('');
  return t;
}

/** Surface noise shared by both sides: emoji, brackets, line breaks, trailing marks. */
function pad(r: Rng, text: string, heavy: number): string {
  let t = text;
  if (r.chance(heavy)) t = `${r.pick(EMOJI)}${t}`;
  if (r.chance(heavy * 0.6)) t = `${t}${r.pick(EMOJI)}${r.chance(0.5) ? r.pick(EMOJI) : ''}`;
  if (r.chance(heavy * 0.3)) t = `【${t.slice(0, r.int(2, 6))}】${t.slice(r.int(2, 6))}`;
  if (r.chance(0.3)) t = t.replace(/，/g, r.pick([' ', ',', '，', '～', '　']));
  return `${t}${r.pick(SUFFIX)}`;
}

const SHOPS = ['优品生活馆', '丽人坊', '金座家居', '好又多超市', '美丽说', '鑫源汽车', '同仁堂药房', '国美电器', '华润万家', '尚品宅配', '名媛美容院', '艾尚健身', '欧派橱柜', '百果园', '周大福', '老凤祥', '银泰百货', '万达广场'];
const PROJECTS = ['碧桂园·凤凰城', '万科城市花园', '保利中央公园', '恒大名都', '中海国际社区', '龙湖天街', '绿地新都会', '融创壹号院'];
const SCHOOLS = ['学而思', '新东方', '精锐教育', '金钥匙培训', '博学教育', '启航考研', '华图教育', '尚德机构', '优才英语'];
const GOODS = ['面膜', '手表', '包包', '鞋子', '保健品', '茶叶', '白酒', '减肥茶', '护肤品', '手机', '家电', '化妆品', '蜂蜜', '燕窝'];
const PLATFORMS = ['抖音', '快手', '淘宝', '拼多多', '京东', '美团', '小红书', '闲鱼', 'B站', '视频号'];
const SUBJECTS = ['Python', '考研英语', '公务员', '会计', 'PS', '剪辑', '雅思', '教资', 'Java', '数据分析', '口才', '书法', '钢琴', '摄影'];
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '南京', '西安', '重庆', '长沙', '苏州', '郑州', '天津'];
const NAMES = ['小王', '张老师', '李姐', '阿杰', '小美', '刘经理', '陈总', '王同学', '晓雯', '大鹏', '老周', '婷婷'];

/** Ads by family: each builder writes one in its own voice, lure + call + channel. */
const ADS: Record<string, (r: Rng) => string> = {
  'free-materials': (r) =>
    `${r.pick(['', '分享', '整理了', '手上有', '刚拿到'])}${r.pick(SUBJECTS)}${r.pick(['全套视频课程', '全套资料', '网盘资源', '完整版教程', '内部讲义', '零基础到精通全套', '2024最新课程'])}，${r.pick(['免费送', '免费领取', '白嫖', '0元领', '免费分享给大家', '先到先得'])}，${r.pick(['扫码进群领取', '戳头像加我', '私我发你', '扣1拉你', '加我备注资料', '评论区留言领取', '关注公众号回复“资料”'])}${r.chance(0.5) ? `，${contact(r)}` : ''}`,
  'quick-money': (r) =>
    `${r.pick(['在家', '手机上', '下班后', '业余时间', '宝妈', '学生党'])}${r.pick(['轻松赚', '每天赚', '日入', '月入', '一天'])}${money(r)}${r.pick(['+', '元', '不是梦', '以上', ''])}，${r.pick(['不收任何费用', '零成本零风险', '当天结算', '多劳多得', '有手机就行', '无需经验'])}，${r.pick(['想赚钱的加我', '有意者私聊', '感兴趣的滴滴我', '需要的看主页', '名额有限速来'])}${r.chance(0.6) ? ` ${contact(r)}` : ''}`,
  'part-time': (r) =>
    `${r.pick(['招', '急招', '诚招', '长期招'])}${r.pick(['兼职', '手机兼职', '网络兼职', '打字员', '抄写员', '客服', '点赞员', '推广员'])}${r.int(5, 50)}名，${r.pick(['日结', '一单一结', '日结工资', '佣金日结'])}${money(r)}，${r.pick(['时间自由', '足不出户', '手机就能做', '宝妈学生党可做', '不耽误主业'])}，${r.pick(['私聊', '加我', '有意者加', '详情咨询', '联系'])}${contact(r)}`,
  'order-brushing': (r) =>
    `${r.pick(PLATFORMS)}${r.pick(['点赞', '关注', '刷单', '做任务', '好评返现', '拉新'])}，${r.pick(['一单', '每单', '一个任务'])}${r.int(3, 80)}元${r.pick(['当天返', '秒返', '立即到账', '垫付秒返', '佣金当天结'])}，${r.pick(['不用押金', '简单易做', '新人有奖励', '带你做'])}，${r.pick(['加我', '私我', '滴滴', '进群领任务', '扣1'])}${r.chance(0.7) ? contact(r) : ''}`,
  'loans-cards': (r) =>
    `${r.pick(['无抵押', '黑户可做', '征信花也能下', '不看征信', '秒批', '当天放款'])}${r.pick(['贷款', '网贷', '信用卡套现', '花呗提现', '白条提现', '备用金', '大额提额'])}，${r.pick(['额度', '最高', '可借'])}${money(r)}${r.pick(['', '-20万', '到50万'])}，${r.pick(['利息低', '手续简单', '身份证即可', '当天到账'])}，${r.pick(['需要的私聊', '咨询', '联系', '加'])}${contact(r)}`,
  gambling: (r) =>
    `${r.pick(['输了钱想回血', '想上岸的', '导师带你', '专业计划', '稳赢计划', '百家乐', '时时彩', '棋牌'])}${r.pick(['，跟单稳赚', '，包赢', '，日赚' + money(r), '，带你翻本', '，必中计划', '，注册送彩金' + money(r)])}，${r.pick(['进群', '加我', '私聊导师', '点链接注册', '戳我'])}${r.chance(0.5) ? contact(r) : ` ${r.pick(['http://', 'https://', 'www.'])}${handle(r)}${r.pick(['.com', '.cc', '.vip', '.top', '.xyz'])}`}`,
  accounts: (r) =>
    `${r.pick(['出售', '低价出', '收', '批量出'])}${r.pick(PLATFORMS)}${r.pick(['账号', '老号', '实名号', '成品号', '千粉号', '会员'])}，${r.pick(['也可代充会员', '各大视频会员低价', '激活码秒发', '安全稳定', '可试用'])}，${r.pick(['需要的私', '加', '滴滴', '联系'])}${contact(r)}`,
  invoices: (r) =>
    `${r.pick(['代开', '开', '各类'])}${r.pick(['增值税专票', '普票', '发票', '各类发票', '餐饮发票', '建筑发票'])}，${r.pick(['税点低', '可验证', '真票', '全国可开'])}，${r.pick(['联系', '加', '私'])}${contact(r)}`,
  'exam-cheating': (r) =>
    `${r.pick(['2024', '今年', '本次', ''])}${r.pick(['四六级', '教资', '考研', '会计', '驾照科目一', '期末', '专升本', '自考'])}${r.pick(['考试答案', '真题答案', '原题', '包过', '押题卷', '论文代写', '降重'])}，${r.pick(['考前发', '保过', '不过退款', '学长亲测'])}，${r.pick(['需要的扣1', '加我', '私我', '进群'])}${r.chance(0.6) ? contact(r) : ''}`,
  'discount-courses': (r) =>
    `${r.pick(SUBJECTS)}${r.pick(['课程', '训练营', '私教课', '网课'])}原价${r.int(3, 30)}99，${r.pick(['现在只要', '限时特价', '秒杀价', '拼团价'])}${r.pick(['9.9', '19.9', '1', '49', '99'])}元，${r.pick(['名额有限', '仅剩' + r.int(3, 20) + '个名额', '今晚截止'])}，${r.pick(['扫码报名', '加我报名', '私聊锁定名额', '点链接抢'])}${r.chance(0.5) ? contact(r) : ''}`,
  'live-draws': (r) =>
    `${r.pick(['今晚8点', '明天', '现在'])}${r.pick(['直播间', '直播'])}${r.pick(['抽奖', '送福袋', '抢红包', '免单', '送大礼'])}，${r.pick(['iPhone', '现金' + money(r), '大额红包', '戴森吹风机'])}${r.pick(['等你来拿', '人人有份', '百分百中奖'])}，${r.pick(['关注抖音号', '进群', '点击链接', '扫码'])}${r.chance(0.5) ? handle(r) : ''}`,
  promoters: (r) =>
    `${r.pick(['诚招', '招募', '招'])}${r.pick(['代理', '推广员', '合伙人', '团队长', '分销商'])}，${r.pick(['一件代发', '无需囤货', '零门槛', '高佣金', '躺赚'])}，${r.pick(['月入过万', '收益翻倍', '佣金' + r.int(20, 60) + '%'])}，${r.pick(['有意者私聊', '加我详聊', '看朋友圈'])}${contact(r)}`,
  investment: (r) =>
    `${r.pick(['老师带你', '免费荐股', '内幕消息', '牛股推荐', '币圈大佬带单', 'USDT跑分', '数字货币空投'])}，${r.pick(['明天涨停', '稳赚不赔', '日收益' + r.int(3, 30) + '%', '一周翻倍'])}，${r.pick(['进群', '加我', '私聊', '扫码进'])}${r.pick(['炒股群', '交流群', '计划群', ''])}${r.chance(0.6) ? contact(r) : ''}`,
  sex: (r) =>
    `${r.pick(['同城约', '寂寞了吗', '小姐姐一对一', '裸聊', '福利姬', '看片资源', '成人视频'])}${r.pick(['，真实可见面', '，不收定金', '，高清无码', '，私密照', ''])}，${r.pick(['点我头像', '看我主页', '加我', '戳头像', '私我'])}${r.chance(0.5) ? contact(r) : ''}`,
  'second-hand': (r) =>
    `${r.pick(['高价回收', '收', '长期收'])}${r.pick(['二手书', '旧手机', '闲置', '旧书', '茅台', '黄金', '购物卡'])}，${r.pick(['上门', '当天结', '价格公道'])}，${r.pick(['滴滴我', '私我', '加我'])}${contact(r)}`,
  'group-traffic': (r) =>
    `${r.pick(['还有更多学习群', '资源群', '福利群', '更多资源'])}${r.pick(['，想进的', '，需要的'])}${r.pick(['扣1拉你', '加我拉你', '私我拉你进', '看主页进'])}${r.chance(0.5) ? contact(r) : ''}`,
  'see-profile': (r) =>
    `${r.pick(['需要的', '想要的', '感兴趣的', '有意的'])}${r.pick(['看我主页', '看朋友圈', '看我签名', '主页有联系方式', '简介有'])}${r.pick(['，' + r.pick(['资料', '赚钱方法', '福利', '课程']) + '都在里面', ''])}`,
  // The grey trade of Telegram groups: payment laundering, bank cards, fake traffic, proxies.
  'black-trade': (r) =>
    `${r.pick(['', '实力', '大'])}${r.pick(['车队', '跑分团队', '卡商', '承兑商', '料主', '通道'])}${r.pick(['接', '收', '出', '长期收', '高价收'])}${r.pick(['一道二道资金', '各种料', 'U', 'USDT', '银行卡', '四件套', '对公账户', '微信号', '支付宝', '接码', '实名认证', '跑分码', '卡'])}，${r.pick(['卡足', '不冻卡', '秒结', '费率低', '可担保', '诚信合作', '日出百万', '当天结'])}，${r.pick(['欢迎老板骚扰', '详谈', '欢迎来撩', '私聊', '带价来'])}${r.chance(0.7) ? ` ${contact(r)}` : ''}`,
  'proxies-cheats': (r) =>
    `${r.pick(['出', '卖', '低价出', '招代理'])}${r.pick(['梯子', '机场节点', 'socks5代理', 'VPN', '外挂', '辅助', '加速器', '稳定节点', '游戏脚本', '服务器'])}，${r.pick(['月付' + r.int(5, 50) + '元', '永久版', '包稳定', '不封号', '可试用'])}，${r.pick(['需要的私', '加', '进群', '看简介'])}${r.chance(0.7) ? contact(r) : ''}`,
  'sex-short': (r) =>
    `${r.pick(CITIES)}${r.pick(['', '同城', '本地'])}${r.pick(['可外', '空降', '可上门', '学生妹', '兼职妹', '少妇', '楼凤'])}，${r.pick(['肤白貌美', '大长腿', '真人照片', '服务好', '不满意不收费'])}，${r.pick(['看我名字', '名字有联系方式', '看头像', '网址在名字', '加我'])}${r.chance(0.4) ? contact(r) : ''}`,
  'name-pointer': (r) =>
    `${r.pick(['看姐姐名字', '看我名字', '名字++', '昵称有惊喜', '看我昵称', '名字里有网址', '头像有码'])}${r.pick(['', '，' + r.pick(['福利多多', '你懂的', '寂寞来', '免费看', '在线陪聊'])])}`,
  'bare-contact': (r) => `${r.pick(['', '', '需要的', '有事', '有意'])}${r.pick(['加', '+', '➕', '看', '找', ''])}${contact(r)}${r.pick(['', '', ' 备注来意', ' 秒回', ' 24小时在线'])}`,
  // The commercial SMS of shops, estates, schools and clinics, as sent to lists of numbers.
  'sms-promo': (r) =>
    `${r.pick(['【' + r.pick(SHOPS) + '】', r.pick(SHOPS) + '：', ''])}${r.pick(['尊敬的会员', '亲爱的顾客', '您好', '感谢您一直以来的支持', '新年好'])}，${r.pick(['双十一', '店庆', '元旦', '三八女神节', '周年庆', '年终'])}${r.pick(['全场' + r.int(3, 8) + '.' + r.int(1, 9) + '折起', '满' + r.int(1, 9) + '00减' + r.int(1, 9) + '0', '买一送一', '进店即送' + r.pick(GOODS), '充值' + money(r) + '送' + money(r)])}，${r.pick(['活动时间', '仅限', '截止'])}${r.int(1, 12)}月${r.int(1, 28)}日，${r.pick(['详询', '咨询电话', '预约热线', '地址'])}${r.chance(0.7) ? phone(r) : r.pick(CITIES) + '市' + r.pick(['中山路', '人民路', '解放大道']) + r.int(1, 300) + '号'}${r.chance(0.5) ? '，回T退订' : ''}`,
  'sms-estate': (r) =>
    `${r.pick(PROJECTS)}${r.pick(['，地铁口', '，学区房', '，精装修', '，现房发售'])}${r.pick(['首付' + r.int(2, 30) + '万起', '均价' + r.int(5, 40) + '000元/平', r.int(60, 140) + '平米三房'])}，${r.pick(['特价房源' + r.int(3, 20) + '套', '买房送车位', '认筹享' + r.int(1, 9) + '万抵' + r.int(2, 20) + '万'])}，${r.pick(['看房热线', '咨询', '详询'])}${phone(r)}`,
  'sms-school': (r) =>
    `${r.pick(SCHOOLS)}${r.pick(['春季班', '暑假班', '寒假班', '秋季班'])}${r.pick(['火热招生中', '开始报名', '限额招生'])}，${r.pick(SUBJECTS)}${r.pick(['一对一辅导', '小班授课', '名师授课'])}，${r.pick(['报名即送', '前' + r.int(10, 50) + '名享', '试听免费'])}${r.pick(['教材', r.int(3, 9) + '折优惠', '礼品'])}，${r.pick(['报名电话', '咨询', '详询'])}${phone(r)}${r.pick(['，' + r.pick(NAMES), ''])}`,
  'sms-service': (r) =>
    `${r.pick(['您好，我是', '你好，我是'])}${r.pick(['平安', '人保', '建设银行', '顺丰', '装修公司', '搬家公司', '家政公司'])}的${r.pick(NAMES)}，${r.pick(['本公司专业', '我们提供', '现推出'])}${r.pick(['贷款', '保险', '装修', '搬家', '保洁', '办理POS机', '代办执照', '代办公司注册'])}${r.pick(['业务', '服务'])}，${r.pick(['价格优惠', '利息低至' + r.int(1, 9) + '厘', '免费上门', '24小时服务'])}，${r.pick(['有需要请联系', '如有需要请致电', '欢迎来电'])}${phone(r)}`,
  'sms-shop': (r) =>
    `${r.pick(['好消息！', '新店开业！', '喜讯：', '感恩回馈！', ''])}${r.pick(SHOPS)}${r.pick(['为回馈新老顾客', '隆重开业', '盛大开业', '迎新春', '庆元宵', '年终大促'])}，${r.pick(GOODS)}${r.pick(['全场半价', '一律' + r.int(3, 9) + '折', '买二送一', '特价' + r.int(9, 99) + '元', '低至' + r.int(1, 5) + '折'])}，${r.pick(['另有', '还有', '更有'])}${r.pick(['精美礼品相送', '抽奖活动', '免费品尝', '会员双倍积分', '惊喜等你来'])}，${r.pick(['欢迎新老顾客光临', '欢迎选购', '快来抢购吧', '数量有限先到先得', '期待您的光临'])}！${r.pick(['地址：' + r.pick(CITIES) + r.pick(['步行街', '万达广场', '火车站对面', '菜市场旁']), '预定热线' + phone(r), '订餐电话' + phone(r), ''])}`,
  'sms-venue': (r) =>
    `${r.pick(['欢迎致电', '感谢您来电', '您好'])}${r.pick(['金色年华KTV', '皇家酒店', '大唐洗浴中心', '明珠酒楼', '悦动健身', '星光酒吧', '美嘉影城', '蓝海游泳馆'])}！${r.pick(['本店', '我们'])}${r.pick(['推出', '特惠', '新增'])}${r.pick(['包厢半价', '午市套餐' + r.int(29, 99) + '元', '年卡' + r.int(3, 19) + '99元', '生日免单', '酒水买一送一', '婚宴' + r.int(8, 30) + '88元/桌起'])}，${r.pick(['预订从速', '欢迎光临', '期待您的光临', '名额有限'])}，${r.pick(['订房热线', '订餐电话', '咨询热线', '前台'])}${phone(r)}`,
  'sms-insurance': (r) =>
    `${r.pick(['泰康', '平安', '新华', '中国人寿', '太平洋'])}${r.pick(['', '人寿', '保险'])}${r.pick(['新推出', '重磅推出', '限时发售'])}${r.pick(['养老年金', '重疾险', '分红险', '教育金', '理财产品'])}，${r.pick(['年化收益' + r.int(3, 8) + '%', '交' + r.int(5, 20) + '年领终身', '保本保息', '一人投保全家受益'])}，${r.pick(['详情咨询', '欢迎来电', '有意者请联系'])}${r.pick(NAMES)}${phone(r)}`,
  'sms-farm': (r) =>
    `${r.pick(['本人', '我厂', '本公司', '合作社'])}${r.pick(['自产', '常年供应', '大量出售', '专业生产'])}${r.pick(['苗木', '化肥', '种子', '土鸡蛋', '大米', '茶叶', '水泥砖', '钢材', '纸箱', '门窗'])}，${r.pick(['价格优惠', '质量保证', '包送货', '量大从优', '可免费试用'])}，${r.pick(['需要的请联系', '有意者电话联系', '欢迎来电咨询', '详情请致电'])}${phone(r)}`,
  // Any business's promotion, composed from parts in a varying order: what stays is the intent.
  'sms-compose': (r) => {
    const opener = r.pick(['尊敬的客户', '亲爱的会员', '各位家长', '新老顾客朋友们', '您好', '亲', '喜讯', '特大喜讯', '温馨提示', '感恩回馈', '']);
    const business = r.pick([...SHOPS, ...SCHOOLS, '本店', '我公司', '本中心', '本俱乐部', '本酒店', '本培训学校', '我们美容院', '本楼盘', '驾校', '口腔诊所', '家政服务中心', '汽车美容店', '婚纱摄影']);
    const occasion = r.pick(['春节', '元宵节', '三八节', '五一', '端午', '中秋', '国庆', '圣诞', '周年庆', '开业', '换季', '年底', '暑期', '开学季', '']);
    const offers = [
      `${r.pick(['全场', '所有', '精选', '部分'])}${r.pick(['商品', '项目', '课程', '套餐', '服务', '房源', '车型'])}${r.pick([r.int(3, 9) + '折', '半价', '特价', '优惠' + r.int(1, 9) + '00元', '立减' + r.int(1, 9) + '000'])}`,
      `${r.pick(['凡', '即日起', '活动期间'])}${r.pick(['到店', '报名', '消费满' + r.int(1, 9) + '00元', '预约', '购买'])}${r.pick(['即送', '均可获赠', '可享', '免费领取'])}${r.pick(['精美礼品', '体验价' + r.int(19, 99) + '元', '代金券', '免费体检一次', '价值' + r.int(1, 9) + '00元大礼包', '试听课两节'])}`,
      `${r.pick(['特推出', '新推出', '隆重推出', '现推出'])}${r.pick(['会员卡', '优惠套餐', '体验课', '团购', '储值卡', '分期付款', '零首付'])}${r.pick(['，充多少送多少', '，买一送一', '，多买多送', '，限量发售', ''])}`,
    ];
    const urgency = r.pick(['数量有限', '先到先得', '机会难得', '名额有限', '欲购从速', '快快行动吧', '不要错过', '仅限' + r.int(2, 7) + '天', '活动截止' + r.int(1, 12) + '月' + r.int(1, 28) + '日', '']);
    const reach = r.pick([`${r.pick(['详询', '咨询电话', '热线', '报名电话', '预约电话', '订购热线', '联系人'])}${r.pick(['', '：'])}${phone(r)}`, `地址：${r.pick(CITIES)}${r.pick(['中山路', '人民路', '文化路', '解放路', '建设大道'])}${r.int(1, 300)}号`, `${r.pick(['欢迎来电', '欢迎光临', '期待您的光临', '欢迎咨询'])}`, '']);
    const closing = r.pick(['祝您生活愉快', '祝您节日快乐', '回T退订', '退订回N', '谢谢', '']);
    const parts = [opener, `${business}${occasion ? `${occasion}${r.pick(['活动', '大促', '特惠', '回馈'])}` : ''}`, ...offers.filter(() => r.chance(0.6)), urgency, reach, closing].filter(Boolean);
    return parts.join(r.pick(['，', '！', '，', '。', ' ']));
  },
  'sms-company': (r) =>
    `${r.pick(['您好，', '你好！', '打扰了，', ''])}${r.pick(['我是', '这里是', '欢迎致电'])}${r.pick(['鑫达', '宏远', '华信', '金鼎', '永盛', '博雅', '天成', '中恒'])}${r.pick(['网络科技', '装饰', '建材', '物流', '广告', '财务咨询', '五金制品', '教育咨询'])}${r.pick(['有限公司', '公司', '工作室'])}${r.pick(['的' + r.pick(NAMES), ''])}${r.pick(['，刚才给您打过电话', '，感谢您的来电', ''])}，${r.pick(['我们公司主要业务包括', '本公司专业从事', '我们主营', '公司常年承接'])}${r.pick(['网站建设、公众号开发', '家装设计、旧房翻新', '代理记账、工商注册', '货运托运、仓储配送', '五金配件、模具加工', '门头招牌、广告制作', '小升初辅导、艺考培训'])}，${r.pick(['价格合理', '质量可靠', '服务周到', '竭诚为您服务', '欢迎惠顾'])}${r.pick(['，有需要请联系', '，期待与您合作', '，欢迎来电咨询', '！'])}${r.chance(0.6) ? phone(r) : ''}`,
  'rent-account': (r) =>
    `${r.pick(['你好，我是房东', '我是房东，号码换了', '您好，我是财务', '老板，我换号了'])}，${r.pick(['这次房租', '这个月的货款', '租金和押金', '欠的钱'])}${r.pick(['麻烦打到', '请转到', '直接汇到'])}${r.pick(['我爱人的', '这个', '新的'])}${r.pick(['工行', '建行', '农行', '邮政储蓄', '银行'])}卡上：${digits(r, 19)} ${r.pick(['王伟', '李春艳', '张敏', '刘洋'])}`,
  'lottery-codes': (r) =>
    `${r.pick(['第' + r.int(1, 150) + '期', '本期', '今期'])}${r.pick(['必中', '特码', '精选', '稳中'])}${r.pick(['六肖', '八肖', '三头', '特码', '尾数'])}：${Array.from({ length: r.int(3, 8) }, () => r.pick(['鼠', '牛', '虎', '兔', '龙', '蛇', '马', '羊', '猴', '鸡', '狗', '猪', String(r.int(1, 49))])).join(r.pick([' ', '、', '*']))}${r.pick(['，百分之百', '，准', '，跟上', '，杀二肖'])}`,
  'sms-lottery': (r) =>
    `${r.pick(['恭喜您', '尊敬的用户', '您的手机号'])}${r.pick(['被抽中', '获得', '已中'])}${r.pick(['二等奖', '幸运大奖', '现金' + money(r), '积分兑换礼品'])}，${r.pick(['请登录', '请点击', '领取网址'])}${r.pick(['www.', 'http://'])}${handle(r)}${r.pick(['.com', '.cn', '.cc'])}${r.pick(['领取', '兑换', '', '，验证码' + digits(r, 6)])}`,
};

/** Legitimate community messages that share the ads' words, links, numbers and contacts. */
const HAM: Record<string, (r: Rng) => string> = {
  question: (r) =>
    `${r.pick(['请问', '大家好，想问下', '有人知道', '求助：', ''])}${r.pick(SUBJECTS)}${r.pick(['的作业', '第三章', '这个报错', '的课程', '的资料'])}${r.pick(['在哪里下载', '怎么做', '什么时候交', '是不是免费的', '要怎么领取', '有完整版吗'])}？${r.pick(['谢谢', '多谢大家', '', '急'])}`,
  'link-with-context': (r) =>
    `${r.pick(['分享一篇', '推荐一个', '今天看到一个', '这个讲得很清楚', '老师上课提到的'])}${r.pick(['教程', '文章', '视频', '文档', '课程回放'])}：${r.pick(['https://docs.python.org/3/tutorial/', 'https://www.bilibili.com/video/BV1' + handle(r), 'https://mp.weixin.qq.com/s/' + handle(r), 'https://zhuanlan.zhihu.com/p/' + digits(r, 9), 'https://github.com/' + handle(r) + '/' + handle(r), 'https://developer.mozilla.org/zh-CN/docs/Web', 'https://pandas.pydata.org/docs/whatsnew/', 'https://www.runoob.com/python3/', 'https://juejin.cn/post/' + digits(r, 12)])} ${r.pick(['，建议收藏', '，第二部分特别有用', '，适合零基础', '', '，看完再来讨论'])}`,
  checkin: (r) =>
    `${r.pick(['打卡', '签到', '#打卡'])}${r.pick(['第' + r.int(1, 200) + '天', 'day' + r.int(1, 100), ''])}：${r.pick(['今天学了', '完成了', '复习了', '背了'])}${r.pick([r.pick(SUBJECTS) + '第' + r.int(1, 12) + '章', r.int(20, 100) + '个单词', '两道算法题', '课程回放'])}，${r.pick(['继续加油', '明天继续', '有点难但坚持', '收获很大'])}`,
  signup: (r) =>
    `${r.pick(['#接龙', '报名接龙', '线下活动接龙'])} ${r.pick(['周六', '本周日', '下周三晚上'])}${r.pick(CITIES)}${r.pick(['读书会', '线下交流', '分享会', '自习'])}，${r.pick(['免费参加', 'AA制', '限' + r.int(10, 40) + '人'])}，想来的接：1. ${r.pick(NAMES)} 2. ${r.pick(NAMES)}`,
  'job-post': (r) =>
    `${r.pick(['内推', '我们团队招人', '公司招聘', '帮朋友发个招聘'])}：${r.pick(CITIES)}，${r.pick(['Python后端', '数据分析师', '前端工程师', '产品经理', '兼职助教', '实习生', '运营专员'])}，${r.pick(['本科以上', '3年经验', '应届可投', '每周到岗3天'])}，${r.pick(['薪资' + r.int(10, 40) + 'k', '待遇面议', '日薪' + r.int(150, 400)])}，${r.pick(['简历发我邮箱' + handle(r) + '@' + r.pick(['qq.com', '163.com', 'gmail.com', 'company.cn']), '有意向私聊我要JD', '详情见招聘官网', '感兴趣的可以找我内推'])}`,
  'contact-talk': (r) =>
    r.pick([
      `${r.pick(NAMES)}，${r.pick(['我加你微信了', '你的微信多少', '你电话打不通', '我QQ换号了'])}，${r.pick(['通过一下', '回头把作业发你', '有空回我', '新号在群公告'])}`,
      `${r.pick(['老师的', '助教的', '班长的'])}${r.pick(['微信', '电话', '邮箱'])}${r.pick(['有人有吗', '是多少', '在群公告里'])}？${r.pick(['想问下作业', '请假要找谁', ''])}`,
      `有问题可以${r.pick(['私聊我', '私信助教', '在群里问', '加我微信'])}，${r.pick(['看到都会回', '晚上统一回复', '别客气'])}`,
      `${r.pick(['刚才', '昨天'])}${r.pick(['有个陌生人加我', '有人私聊我', '收到一个短信'])}说${r.pick(['刷单返现', '免费领课程', '贷款秒批'])}，${r.pick(['大家别信', '是骗子吧', '小心点', '已经举报了'])}`,
      `${r.pick(['群里又有人发广告', '刚才那条是广告', '有人发二维码'])}，${r.pick(['管理员处理一下', '大家别扫', '已经踢了'])}`,
    ]),
  'study-group': (r) =>
    `${r.pick(['有没有一起', '想找几个人一起', '组队'])}${r.pick(['刷题', '背单词', '学' + r.pick(SUBJECTS), '准备考研', '读书'])}的？${r.pick(['每周线上讨论一次', '互相监督打卡', '不收费，纯交流'])}，${r.pick(['想加入的回复一下', '感兴趣扣1', '私聊我拉群', '接龙报名'])}`,
  'money-talk': (r) =>
    `${r.pick(['今天基金又跌了', '这个月工资还没发', '房贷压力好大', '双十一买了好多', '刚交了学费', '信用卡账单出来了'])}，${r.pick(['心疼', '哈哈哈', '唉', '打工人不容易', '还是得好好学习'])}`,
  'course-talk': (r) =>
    `${r.pick(['这门课的', '老师推荐的', '上次说的'])}${r.pick(['课程回放', '讲义', '作业答案解析', '免费试听课'])}${r.pick(['已经上传到群文件了', '在课程平台上能看', '下周发', '链接在群公告'])}${r.pick(['，大家记得看', '，有问题随时问', '', '，别错过'])}`,
  'group-admin': (r) =>
    `${r.pick(['欢迎新同学', '提醒一下大家', '群公告'])}：${r.pick(['请先看群规', '工作时间请聊学习相关话题', '今晚8点直播答疑', '作业截止到周日晚上'])}，${r.pick(['谢谢配合', '有问题私聊管理员', '不懂的随时问'])}`,
  // News-like sentences: the ham of SMS sets is full of them, with brands, prices and numbers.
  news: (r) =>
    `${r.pick(['苹果', '华为', '小米', '微软', '三星', '腾讯', '阿里', '特斯拉', '比亚迪', '国家统计局', '央行', '某地教育局'])}${r.pick(['宣布', '发布', '公布', '表示', '称'])}${r.pick(['新一代手机', '三季度财报', '新能源车', '降准', '最新数据', '暑期政策', '电池技术'])}，${r.pick(['销量突破' + r.int(1, 900) + '万', '营收同比增长' + r.int(2, 60) + '%', '售价' + r.int(1, 9) + '999元起', '将于' + r.int(1, 12) + '月上市', '房价环比下降' + r.int(1, 9) + '%', '股价大涨' + r.int(2, 10) + '%'])}${r.pick(['', '，业内人士认为', '，分析师表示前景乐观', '，网友热议'])}`,
  shopping: (r) =>
    `${r.pick(['昨天在', '刚在', '上周去'])}${r.pick(PLATFORMS.concat(SHOPS))}${r.pick(['买了', '抢到', '看中了'])}${r.pick(GOODS)}，${r.pick(['打完折' + r.int(50, 500) + '块', '有满减挺划算', '质量一般', '还没到货', '推荐大家也看看'])}${r.pick(['', '，你们买了吗', '，哈哈'])}`,
  everyday: (r) =>
    `${r.pick(['明天', '周末', '下周'])}${r.pick(['去' + r.pick(CITIES) + '出差', '回老家', '搬家', '带孩子去上课', '约了朋友吃饭', '去医院复查'])}，${r.pick(['电话打我手机就行', '有事微信说', '群里的消息可能回得慢', '作业晚点交', '请一天假'])}`,
  // Members offering each other things, with the very calls ads use: a call alone is no ad.
  'member-offer': (r) =>
    `${r.pick(['出', '转', '送', '闲置', '毕业了出', '搬家出'])}${r.pick(['一本二手的', '几本', '一套', '两张', '一份'])}${r.pick(['算法导论', '考研英语真题', '教材', 'Python编程书', '演唱会门票', '笔记', '显示器', '自行车', '读书会名额', '复习资料'])}${r.pick(['，九成新', '，原价买的', '，免费送', '，便宜出', '，自提', ''])}，${r.pick(['要的私聊', '感兴趣的私聊', '需要的私我', '需要的滴滴我', '想要的找我', '要的同学加我微信', '有需要的联系我', '感兴趣私信'])}${r.pick(['', '～', '，先到先得', '，同城优先'])}`,
  'help-offer': (r) =>
    `${r.pick(['这块我做过', '我之前整理过', '我们组刚好在做', '我有一份'])}${r.pick(['笔记', '思路', '代码', '模板', '总结'])}，${r.pick(['需要的同学私聊我', '有需要的可以找我', '感兴趣的私聊', '要的扣1我发群里', '需要的私信我发你'])}${r.pick(['', '，不收费', '，互相学习', '，别客气'])}`,
  'class-fee': (r) =>
    `${r.pick(['班费', '活动费', '聚餐AA', '资料打印费'])}${r.pick(['每人' + r.int(20, 200) + '元', r.int(20, 200) + '一位'])}，${r.pick(['群收款就行', '转给班长', '周五前交给' + r.pick(NAMES), '接龙后转我微信'])}，${r.pick(['谢谢大家', '有问题群里说', '收齐后公示账目'])}`,
  chatter: (r) =>
    `${r.pick(['哈哈哈', '早上好', '中午吃啥', '周末去哪玩', '下班了', '今天好冷', '太难了'])}${r.pick(['，' + r.pick(['有人一起吗', '大家好', '好困', '冲冲冲']), ''])}`,
};

/** Both sides, `perFamily` each: ads of every family, legitimate messages of every kind. */
export function generateCorpus(perFamily = 800, seed = 20261130): GeneratedRow[] {
  const r = randomSource(seed);
  const rows: GeneratedRow[] = [];
  const seen = new Set<string>();
  const add = (text: string, label: 'spam' | 'ham', family: string) => {
    if (seen.has(text)) return;
    seen.add(text);
    rows.push({ text, label, source: label === 'spam' ? 'generated_ads' : 'generated_ham', family });
  };
  for (const [family, make] of Object.entries(ADS)) for (let i = 0; i < perFamily; i++) add(pad(r, r.chance(0.25) ? obfuscate(r, make(r)) : make(r), 0.35), 'spam', family);
  for (const [family, make] of Object.entries(HAM)) for (let i = 0; i < perFamily; i++) add(pad(r, make(r), 0.35), 'ham', family);
  return rows;
}

/** The families the generator writes ads for (the tests keep their own phrasings apart). */
export const AD_FAMILIES = Object.keys(ADS);
