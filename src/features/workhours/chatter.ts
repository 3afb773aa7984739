// Chit-chat (灌水) as a group with no history and no topic words can recognise it: talk about
// people and life rather than about things. Each sign below is a named weight; a message is chatter
// only when the signs for it outweigh the signs against it by a clear margin, so the judge speaks
// alone only when it is sure. (The word list this replaces fired on news about games, funds and
// films as often as on chatter; see issue 15 and `npm run eval`.)

interface Sign {
  name: string;
  weight: number;
  test(text: string): boolean;
}

const has = (re: RegExp) => (text: string) => re.test(text);

// Patterns are literal alternations and short classes: linear in the text, whatever a member types.
const LAUGHTER = /哈哈|呵呵|嘿嘿|嘻嘻|hhh|233|笑死|hiahia|噗/i;
const PARTICLE_END = /[啊呀吧呢啦嘛哦噢哇咯嘿哈呗咩滴喔耶噻撒哒么没不了][\s!！?？~～。.…,，]*$/;
const PERSON = /我|你|咱|俺|他|她|妈|爸|姐|哥|弟|妹|老公|老婆|宝宝|亲爱的|同学|室友|朋友|对象|人家|阿姨|叔|老师/;
const GREETING = /^(早|早上好|早安|晚安|午安|大家好|你好|在吗|在不在|有人吗|好久不见|新年快乐|生日快乐|晕|汗)/;
const LIFE = /吃饭|吃啥|吃了|午饭|晚饭|早饭|外卖|奶茶|火锅|睡觉|睡了|起床|回家|到家|下班|放工|周末|放假|逛街|好累|好困|好饿|好冷|好热|无聊|开心|难过|想你|喜欢|爱你|哭|心情|加油|买菜|做饭|下雨|天气|失眠|好快|期待|想家|请假|还钱|好巧|好看|可爱|漂亮|帅|好笑|搞笑|综艺|追剧|八卦|逛|玩/;
const COLLOQUIAL = /神马|咋|啥|么么|木有|肿么|酱紫|囧|哒|滴|呗|咩|晕|汗|嗯嗯|哈|呀|啦|嘛|咯|吧|呢|哇/;
const WHEN = /今天|明天|昨天|今晚|昨晚|晚上|中午|早上|下午|刚才|待会|改天|最近|突然/;
const MOOD_MARKS = /\[[^\]\s]{1,6}\]|\p{Extended_Pictographic}|[~～]|。。|！！|？？|…/u;
/** Work and group logistics: who comes when, what is due. */
const LOGISTICS = /开会|开始|迟到|晚点到|先开始|进度|安排|通知|截止|提交|汇报|确认|处理|负责|分工|排期|上线|交付|对接|跟进|准时|签到|打卡|报名|接龙/;
// Case matters for camelCase: no i flag on the first.
const CODE = /[a-z][._/][a-z]|[a-z][A-Z]|[{}();=<>]/;
const TECH_LATIN = /\b(?:js|ts|api|sdk|html|css|ios|android|app|bug|error|deploy|build|release|server|test|docs?|merge|pr|commit|code|data)\b/i;
const LATIN_WORD = /[a-z]{3}/i;
const CJK = /[\u4e00-\u9fff]/;
/** The same signs in English, for groups that write it. */
const LAUGHTER_EN = /\b(?:lol|lmao|rofl|haha\w*|hehe)\b/i;
const GREETING_EN = /^(?:hi|hey|hello|good (?:morning|night|evening)|morning|gn|sup|what'?s up|anyone here)\b/i;
const LIFE_EN = /\b(?:lunch|dinner|breakfast|coffee|beer|weekend|movie|party|vacation|holiday|tired|bored|sleepy|hungry|weather|football|netflix|shopping|gaming)\b/i;
const NUMBER = /\d\d/;
/** Words about things: technology, work and study. A group's own topic words come before all this. */
const THINGS =
  /手机|电脑|系统|软件|应用|芯片|数据|网络|互联网|技术|科技|智能|机器人|平台|用户|代码|程序|引擎|接口|版本|功能|服务器|屏幕|处理器|发布|推出|上市|公司|产品|市场|模型|算法|设置|文件|页面|项目|显示|加载|运行|编译|调用|报错|插件|工具|浏览器|游戏|开发|设备|运营商|电信|移动|联通|卫星|导航|相机|像素|电池|充电|支付|电商|云|ai|vr|5g|4g|微软|苹果|谷歌|华为|小米|腾讯|阿里|百度|三星|索尼|英特尔|特斯拉|iphone|windows|安卓|帧|舞台|缩放|碰撞|触控|帖子|方法|示例|服务端|客户端|前端|后端|测试|容器|点击|区域|优化|播放|对象|物体|图层|属性|事件|参数|类型|路径|资源|图片|音频|视频|文档|教程|框架|模块|变量|数组|字符串|坐标|动画|渲染|适配|分辨率|打包|调试|源码|官方|论坛|反馈|修复|问题|解决|错误|异常|提示|支持|方案|实现|接入|配置|安装|下载|上传|升级|更新|兼容|性能|内存|线程|进程|缓存|数据库|链接|网址|网站|账号|密码|登录|注册|界面|按钮|窗口|列表|菜单|布局|样式|字体|颜色|尺寸|宽度|高度|位置|速度|效率|计算|统计|分析|设计|研发|工程|电流|电压|编程|学习|课程|作业|考试|论文|实验|研究|报告|会议|需求|客户|合同|预算/i;

const SIGNS: readonly Sign[] = [
  { name: 'laughter', weight: 2, test: has(LAUGHTER) },
  // Only the last few characters: a message of ten thousand particles costs no more than a short one.
  { name: 'particle', weight: 1, test: (t) => PARTICLE_END.test(t.slice(-8)) },
  { name: 'person', weight: 1, test: has(PERSON) },
  { name: 'greeting', weight: 1, test: has(GREETING) },
  { name: 'daily-life', weight: 1, test: has(LIFE) },
  { name: 'colloquial', weight: 1, test: has(COLLOQUIAL) },
  { name: 'when', weight: 0.5, test: has(WHEN) },
  { name: 'mood-marks', weight: 1, test: has(MOOD_MARKS) },
  { name: 'short', weight: 0.5, test: (t) => t.length <= 6 },
  { name: 'laughter-en', weight: 2, test: has(LAUGHTER_EN) },
  { name: 'greeting-en', weight: 1.5, test: has(GREETING_EN) },
  { name: 'daily-life-en', weight: 2, test: has(LIFE_EN) },
  { name: 'code', weight: -3, test: (t) => CODE.test(t) || TECH_LATIN.test(t) },
  // Latin words inside Chinese are mostly names of things (products, tools); English alone is judged by its own signs.
  { name: 'latin-word', weight: -1, test: (t) => CJK.test(t) && LATIN_WORD.test(t) },
  { name: 'number', weight: -1, test: has(NUMBER) },
  { name: 'things', weight: -3, test: has(THINGS) },
  { name: 'logistics', weight: -1.5, test: has(LOGISTICS) },
  { name: 'long', weight: -1, test: (t) => t.length > 40 },
];

/** From this score a message is chit-chat: on the topic holdout's dev part, 0.7% of on-topic messages score this high. */
export const SURE_CHATTER = 1.5;

/** How much the message reads as chit-chat rather than talk about things (positive: chatter). */
export function chatterScore(text: string): number {
  const t = text.trim();
  let score = 0;
  for (const s of SIGNS) if (s.test(t)) score += s.weight;
  return score;
}

/** Chit-chat, surely: what the judge may call off topic with nothing else to go on. */
export const isSureChatter = (text: string): boolean => chatterScore(text) >= SURE_CHATTER;
