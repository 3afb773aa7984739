// Ads disguise themselves: full-width letters, circled digits, emoji letters, zero-width joiners,
// Cyrillic look-alikes, traditional characters, letters spaced apart. Every check and both learned
// judges read text through these first.

const ZERO_WIDTH = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufe0e\ufe0f\u20e3\u180e]/g;
const CYRILLIC: Record<string, string> = { а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's' };
const CYRILLIC_RE = new RegExp(`[${Object.keys(CYRILLIC).join('')}]`, 'g');

// Traditional characters of the words ads and the checks use (职/職, 联系/聯繫, 贷款/貸款…): the
// checks and the model read simplified Chinese, and a traditional spelling must not slip past.
const TRADITIONAL = '職單貸賭聯繫係詳資點號碼戶賺結幣約視頻優領購寶媽額網無擔場註冊紅錢發開費價藥賣買廣這個們來時會後說話請學讓給還過對麼沒員轉線導師萬億級實體驗證薦帶區塊鏈幫穩漲盤獎勵錦貨車門問間題長電腦機歡戲團賽營銷種類動態語課報業務預訂贈減滿搶現徵撥東馬龍傳訊認識觀選講興衛衞維絡贏輸豐虧損與為於從處辦親愛紹齊備設計劃獲質簡歷險財貿稅鋪廠產掃圖頁連裡裏邊園藝術論壇議閱讀書習練試撈騙詐賠賬債貼補償託齡獨艷豔聲戀賤騷';
const SIMPLIFIED = '职单贷赌联系系详资点号码户赚结币约视频优领购宝妈额网无担场注册红钱发开费价药卖买广这个们来时会后说话请学让给还过对么没员转线导师万亿级实体验证荐带区块链帮稳涨盘奖励锦货车门问间题长电脑机欢戏团赛营销种类动态语课报业务预订赠减满抢现征拨东马龙传讯认识观选讲兴卫卫维络赢输丰亏损与为于从处办亲爱绍齐备设计划获质简历险财贸税铺厂产扫图页连里里边园艺术论坛议阅读书习练试捞骗诈赔账债贴补偿托龄独艳艳声恋贱骚';
const TO_SIMPLIFIED = new Map([...TRADITIONAL].map((c, i) => [c, SIMPLIFIED[i]!]));
const TRADITIONAL_RE = new RegExp(`[${TRADITIONAL}]`, 'g');

/** Traditional characters of the ad vocabulary as simplified ones; other text unchanged. */
export const toSimplified = (text: string): string => text.replace(TRADITIONAL_RE, (c) => TO_SIMPLIFIED.get(c)!);

// Emoji letters have no compatibility mapping: regional indicators (🇦), negative circled (🅐) and
// negative squared (🅰) letters spell "🆅🆇" for vx.
const EMOJI_LETTERS = /[\u{1F1E6}-\u{1F1FF}\u{1F150}-\u{1F169}\u{1F170}-\u{1F189}]/gu;
const emojiLetter = (c: string) => {
  const code = c.codePointAt(0)!;
  const base = code >= 0x1f1e6 ? 0x1f1e6 : code >= 0x1f170 ? 0x1f170 : 0x1f150;
  return String.fromCharCode(97 + code - base);
};

/** Plain ASCII, common CJK and CJK punctuation: nothing NFKC or the look-alike maps would change. */
export const PLAIN = /^[\x00-\x7f\u4e00-\u9fff\u3001-\u3011\uff0c\uff01\uff1f\uff1a\uff1b\uff08\uff09]*$/;
const SPACED = /\b[a-z0-9]\b[\s.\-_·•、,，]+\b[a-z0-9]\b/;

/** Canonical form: NFKC (width, circled and math letters), emoji letters, lower case, no zero-width, Latin look-alikes, simplified. */
export function normalizeText(raw: string, plain = PLAIN.test(raw)): string {
  // Most messages are plain: skip the costly steps for them (this runs on every message).
  let text = plain
    ? toSimplified(raw.toLowerCase())
    : toSimplified(raw.normalize('NFKC').replace(ZERO_WIDTH, '').replace(EMOJI_LETTERS, emojiLetter).toLowerCase().replace(CYRILLIC_RE, (c) => CYRILLIC[c]!));
  // "1 3 8 0 0 1 3 8 0 0 0" and "v x" are how people hide numbers and ids from filters.
  if (SPACED.test(text)) text = text.replace(/(?:\b[a-z0-9]\b[\s.\-_·•、,，]+){2,}\b[a-z0-9]\b/g, (run) => run.replace(/[\s.\-_·•、,，]+/g, ''));
  return text;
}

const NOT_COMPACT = /[\p{P}\p{S}\p{Z}\s]+/gu;
/** The same set for plain text, without Unicode property lookups (tests hold the two equal). */
const NOT_COMPACT_PLAIN = /[\t-\r !-/:-@[-`{-~\u3001-\u3004\u3008-\u3011\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]+/g;

/** The same with every space, punctuation mark and symbol removed: "加.微.信" → "加微信". */
export function compactText(normalized: string, plain = PLAIN.test(normalized)): string {
  return normalized.replace(plain ? NOT_COMPACT_PLAIN : NOT_COMPACT, '');
}

/** Emoji, symbols and punctuation only (💯, 👍👍, 。。。, WeChat's [捂脸] style codes). */
export function emojiOnly(text: string): boolean {
  const stripped = text.replace(/\[[^\]\s]{1,6}\]/g, '').replace(/[\p{Extended_Pictographic}\p{P}\p{S}\p{Z}\u200d\ufe0f\s]/gu, '');
  return text.trim().length > 0 && stripped.length === 0;
}
