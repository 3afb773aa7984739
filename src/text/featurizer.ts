// Hashed binary text features shared by the learned judges (ads, off-topic): character
// 1–3-grams of the compacted text, Latin/Cyrillic words and word pairs, a few shape features
// (length, digit runs, share of Chinese, a link), named tags a caller adds (rule findings), and,
// given the text as written, its marks: which symbols and emoji it uses, how many, and whether it
// hides letters (full-width, circled or math letters, zero-width characters, Cyrillic among other
// scripts). Normalization undoes disguises so the n-grams see through them; the marks keep the
// fact that the text wore one, and the 【】, ✅ and ☎ that ads are written with.
// Digits read as `x` (one labeled set masks every digit of its spam; masking everywhere keeps
// digits from giving the answer away).

export const HASH_BITS = 20;
const SIZE = 1 << HASH_BITS;
const MASK = SIZE - 1;
/** Longer texts add little and cost time: the first characters decide. */
const MAX_CHARS = 400;
const MAX_WORD_CHARS = 800;
/** At most 3 n-grams a character, a word and a word pair per word, a mark per character, shapes and tags. */
const MAX_FEATURES = 3 * MAX_CHARS + 2 * MAX_WORD_CHARS + 64;
const TABLE_BITS = 12;
const TABLE = 1 << TABLE_BITS;

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Shape features, hashed once: `${name}${k}` for k in 0..n. */
const shapes = (name: string, n: number) => Array.from({ length: n + 1 }, (_, k) => hashString(`${name}${k}`));
const LENGTH = shapes('len', 12);
const DIGIT_RUNS = shapes('digitruns', 4);
const CJK_SHARE = shapes('cjk', 4);
const URL = hashString('url');
const SYMBOLS = shapes('symbols', 6);
const EMOJI = shapes('emoji', 4);
const SPACES = shapes('spaces', 5);
const DISGUISED_LETTERS = hashString('disguised-letters');
const ZERO_WIDTH = hashString('zero-width');
const MIXED_CYRILLIC = hashString('mixed-cyrillic');
const MARK_SEED = 0x2545f491;
const TAGS = new Map<string, number>();
function tag(name: string): number {
  let h = TAGS.get(name);
  if (h === undefined) TAGS.set(name, (h = hashString(name)));
  return h;
}

const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
/** Full-width letters and digits, circled and parenthesized ones (math letters are checked as code points). */
const isWideLetter = (c: number) => (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a) || (c >= 0x2460 && c <= 0x24ff);
const isZeroWidth = (c: number) => (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff;

/** Digits read as "x". */
const fold = (c: number) => (c >= 48 && c <= 57 ? 120 : c);
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || (c >= 0x400 && c <= 0x4ff);

/**
 * Turns a message into feature indices. Runs on every group message, so it keeps its buffers and
 * allocates nothing per call.
 */
export class Featurizer {
  // A small open-addressing set (stamped, so nothing is cleared between messages) drops repeated
  // features; it stays in the CPU cache, where a table over all 2^20 features would not.
  private readonly slots = new Int32Array(TABLE);
  private readonly stamps = new Uint32Array(TABLE);
  private stamp = 0;
  readonly indices = new Int32Array(MAX_FEATURES);
  count = 0;

  private add(h: number): void {
    const i = h & MASK;
    let slot = Math.imul(i, 0x9e3779b1) >>> (32 - TABLE_BITS);
    while (this.stamps[slot] === this.stamp) {
      if (this.slots[slot] === i) return;
      slot = (slot + 1) & (TABLE - 1);
    }
    this.stamps[slot] = this.stamp;
    this.slots[slot] = i;
    this.indices[this.count++] = i;
  }

  /** The marks of the text as written (see the top of this file). */
  private marks(raw: string): void {
    const len = Math.min(raw.length, MAX_WORD_CHARS);
    let symbols = 0;
    let emoji = 0;
    let spaces = 0;
    let disguised = false;
    let zeroWidth = false;
    let cyrillic = false;
    let latinOrChinese = false;
    for (let i = 0; i < len; i++) {
      let c = raw.charCodeAt(i);
      if (c === 32 || (c >= 9 && c <= 13) || c === 0x3000) {
        spaces++;
        continue;
      }
      if (isAsciiAlnum(c) || (c >= 0x4e00 && c <= 0x9fff)) {
        latinOrChinese = true;
        continue;
      }
      if (c >= 0x400 && c <= 0x4ff) {
        cyrillic = true;
        continue;
      }
      if (isZeroWidth(c)) {
        zeroWidth = true;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) c = 0x10000 + ((c - 0xd800) << 10) + (raw.charCodeAt(++i) - 0xdc00);
      if (isWideLetter(c) || (c >= 0x1d400 && c <= 0x1d7ff)) {
        disguised = true;
        continue;
      }
      if (c >= 0x1f000 || (c >= 0x2600 && c <= 0x27bf)) emoji++;
      symbols++;
      this.add(Math.imul(c ^ MARK_SEED, 0x9e3779b1) >>> 0);
    }
    this.add(SYMBOLS[Math.min(6, Math.round((6 * symbols) / Math.max(1, len)))]!);
    this.add(EMOJI[Math.min(emoji, 4)]!);
    this.add(SPACES[Math.min(spaces, 5)]!);
    if (disguised) this.add(DISGUISED_LETTERS);
    if (zeroWidth) this.add(ZERO_WIDTH);
    if (cyrillic && latinOrChinese) this.add(MIXED_CYRILLIC);
  }

  /** Fills `indices[0..count)`; returns count. `raw`, the text as written, adds its marks. */
  extract(normalized: string, compact: string, tags: readonly string[] = [], raw?: string): number {
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    this.count = 0;
    const len = Math.min(compact.length, MAX_CHARS);
    let cjk = 0;
    let digitRuns = 0;
    let run = 0;
    for (let i = 0; i < len; i++) {
      const c = compact.charCodeAt(i);
      if (c >= 0x4e00 && c <= 0x9fff) cjk++;
      run = c >= 48 && c <= 57 ? run + 1 : 0;
      if (run === 3) digitRuns++;
      let h = 2166136261;
      for (let k = 0; k < 3 && i + k < len; k++) {
        h = Math.imul(h ^ fold(compact.charCodeAt(i + k)), 16777619);
        this.add(Math.imul(h ^ k, 0x9e3779b1) >>> 0);
      }
    }
    let prev = 0;
    let word = 0;
    let inWord = false;
    const wordLen = Math.min(normalized.length, MAX_WORD_CHARS);
    for (let i = 0; i <= wordLen; i++) {
      const c = i < wordLen ? normalized.charCodeAt(i) : 32;
      if (isWordChar(c)) {
        if (!inWord) word = 0x01000193;
        word = Math.imul(word ^ fold(c), 16777619);
        inWord = true;
      } else if (inWord) {
        this.add(Math.imul(word, 0x85ebca6b) >>> 0);
        if (prev) this.add(Math.imul(prev ^ Math.imul(word, 31), 0xc2b2ae35) >>> 0);
        prev = word;
        inWord = false;
      }
    }
    this.add(LENGTH[Math.min(12, Math.round(Math.log2(1 + compact.length)))]!);
    this.add(DIGIT_RUNS[Math.min(digitRuns, 4)]!);
    this.add(CJK_SHARE[Math.round((4 * cjk) / Math.max(1, len))]!);
    if (normalized.includes('http') || normalized.includes('www.')) this.add(URL);
    for (const t of tags) this.add(tag(t));
    if (raw !== undefined) this.marks(raw);
    return this.count;
  }
}
