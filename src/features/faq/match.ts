// How a member's words meet a taught question: as a person reads them, whatever the width, case,
// traditional characters, spacing and punctuation. Plain string comparison: an owner's phrasing
// never becomes a pattern.
import { compactText, normalizeText } from '../../text/normalize.js';

/** Width, case, traditional characters, spaces and punctuation do not matter: the ad checks' reading. */
export const loose = (s: string): string => compactText(normalizeText(s));

/** A message longer than this is talk that mentions a phrasing, not the question itself. */
export const CONTAINS_MAX = 40;

export interface Taught {
  id: number;
  /** Loose forms of the phrasings. */
  phrasings: string[];
  exact: boolean;
}

/** The first taught answer the message meets, if any (`text` already loose). */
export function matchFaq(text: string, faqs: readonly Taught[]): Taught | undefined {
  if (!text) return undefined;
  return faqs.find((f) => f.phrasings.some((p) => p !== '' && (f.exact ? text === p : text.length <= CONTAINS_MAX && text.includes(p))));
}

const ASKING = ['吗', '怎么', '如何', '为什么', '为啥', '哪里', '哪儿', '哪个', '有没有', '能不能', '可不可以', '是不是', '请问', '多少', '什么', '咋', 'how', 'what', 'why', 'where', 'when', 'which', 'can i', 'is there'];

/** Whether a member is asking something (a question mark, or the words a question is made of). */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (t.length < 4 || t.length > 300) return false;
  return /[?？]\s*$/.test(t) || ASKING.some((w) => t.includes(w));
}
