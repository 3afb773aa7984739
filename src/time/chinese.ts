// How people in Chinese groups type days, times and zones ("周一到周五 9点-18点", "北京时间"), turned
// into the canonical forms the parsers read ("mon-fri 09:00-18:00", "Asia/Shanghai"). Patterns
// here are the code's own; what owners type is only ever matched against them.

const WEEKDAY = { 一: 'mon', 二: 'tue', 三: 'wed', 四: 'thu', 五: 'fri', 六: 'sat', 日: 'sun', 天: 'sun', 七: 'sun' } as Record<string, string>;
const WEEKDAY_WORD = /(?:星期|礼拜|周)([一二三四五六日天七])/g;
const DAY_WORDS: readonly [RegExp, string][] = [
  [/工作日/g, 'mon-fri'],
  [/周末/g, 'sat-sun'],
  [/每天|每日|天天/g, 'mon-sun'],
];
/** "上午9点", "下午2点半", "晚上8点30", "9点", "9:30" → a clock time. */
const CLOCK = /(上午|早上|中午|下午|傍晚|晚上)?(\d{1,2})(?:[:：](\d{2})|点(?:(\d{1,2})分?|(半))?)/g;
const AFTERNOON = new Set(['下午', '傍晚', '晚上']);

const pad = (n: number) => String(n).padStart(2, '0');

function clock(_: string, part: string | undefined, h: string, colonMin: string | undefined, pointMin: string | undefined, half: string | undefined): string {
  let hour = Number(h);
  const minute = colonMin !== undefined ? Number(colonMin) : pointMin !== undefined ? Number(pointMin) : half ? 30 : 0;
  if (part && AFTERNOON.has(part) && hour < 12) hour += 12;
  if (part === '中午' && hour < 3) hour += 12;
  return `${pad(hour)}:${pad(minute)}`;
}

/** Chinese clock words as HH:MM ("下午2点半" → "14:30"); anything else unchanged. */
export function canonicalClock(text: string): string {
  return text.trim().replace(CLOCK, clock);
}

/** "周一到周五 上午9点到12点，下午1点半到6点" → "mon-fri 09:00-12:00,13:30-18:00"; canonical text unchanged. */
export function canonicalSchedule(text: string): string {
  let t = text.trim().replace(WEEKDAY_WORD, (_, d: string) => WEEKDAY[d]!);
  for (const [re, days] of DAY_WORDS) t = t.replace(re, days);
  t = canonicalClock(t)
    .replace(/[到至~～—－]/g, '-')
    .replace(/[、，,]/g, ',')
    .replace(/\s*([-,])\s*/g, '$1');
  // "下午1点半到6点" means until 18:00: an end before its start, on the same half-day clock, is afternoon.
  // Only in Chinese clock words: "10:00-09:00" typed as such stays the mistake it is.
  if (/点/.test(text)) t = t.replace(/(\d{2}):(\d{2})-(\d{2}):(\d{2})/g, (range, h1: string, m1: string, h2: string, m2: string) => {
    const start = Number(h1) * 60 + Number(m1);
    const end = Number(h2) * 60 + Number(m2);
    return end <= start && Number(h2) < 12 && end + 720 > start ? `${h1}:${m1}-${pad(Number(h2) + 12)}:${m2}` : range;
  });
  // "mon-fri09:00-18:00": the days end where the first time begins.
  return t.replace(/^([a-z,-]+?)(?=\d)/, '$1 ').replace(/\s+/g, ' ');
}

const ZONE_WORDS: Readonly<Record<string, string>> = {
  北京时间: 'Asia/Shanghai', 北京: 'Asia/Shanghai', 东八区: 'Asia/Shanghai', 中国: 'Asia/Shanghai', 上海: 'Asia/Shanghai', 中国时间: 'Asia/Shanghai',
  香港: 'Asia/Hong_Kong', 台北: 'Asia/Taipei', 台湾: 'Asia/Taipei', 新加坡: 'Asia/Singapore', 东京: 'Asia/Tokyo', 日本: 'Asia/Tokyo',
  首尔: 'Asia/Seoul', 悉尼: 'Australia/Sydney', 伦敦: 'Europe/London', 巴黎: 'Europe/Paris', 柏林: 'Europe/Berlin',
  纽约: 'America/New_York', 洛杉矶: 'America/Los_Angeles', 旧金山: 'America/Los_Angeles', 温哥华: 'America/Vancouver', 多伦多: 'America/Toronto',
};

/** "北京时间", "东八区", "UTC+8", "GMT-5" → an IANA zone name; anything else unchanged. */
export function canonicalZone(text: string): string {
  const t = text.trim();
  const named = ZONE_WORDS[t];
  if (named) return named;
  const m = /^(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?00)?$/i.exec(t);
  // IANA's Etc zones count the other way round: UTC+8 is Etc/GMT-8.
  if (m && Number(m[2]) <= 14) return Number(m[2]) === 0 ? 'Etc/UTC' : `Etc/GMT${m[1] === '+' ? '-' : '+'}${Number(m[2])}`;
  return t;
}
