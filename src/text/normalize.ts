// Ads disguise themselves: full-width letters, circled digits, zero-width joiners, Cyrillic
// look-alikes, letters spaced apart. Every check reads text through these first.

const ZERO_WIDTH = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufe0e\ufe0f\u20e3\u180e]/g;
const CYRILLIC: Record<string, string> = { а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's' };
const CYRILLIC_RE = new RegExp(`[${Object.keys(CYRILLIC).join('')}]`, 'g');

/** Plain ASCII, common CJK and CJK punctuation: nothing NFKC or the look-alike maps would change. */
export const PLAIN = /^[\x00-\x7f\u4e00-\u9fff\u3001-\u3011\uff0c\uff01\uff1f\uff1a\uff1b\uff08\uff09]*$/;
const SPACED = /\b[a-z0-9]\b[\s.\-_·•、,，]+\b[a-z0-9]\b/;

/** Canonical form: NFKC (width, circled and math letters), lower case, no zero-width, Latin look-alikes. */
export function normalizeText(raw: string, plain = PLAIN.test(raw)): string {
  // Most messages are plain: skip the costly steps for them (this runs on every message).
  let text = plain ? raw.toLowerCase() : raw.normalize('NFKC').replace(ZERO_WIDTH, '').toLowerCase().replace(CYRILLIC_RE, (c) => CYRILLIC[c]!);
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
