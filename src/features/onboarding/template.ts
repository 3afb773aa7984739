import { toSimplified } from '../../text/normalize.js';

export interface WelcomeValues {
  name: string;
  /** Who holds which title (讲师 王老师；助教 小李). */
  staff: string;
  group: string;
  rules: string;
  count: string;
  inviter: string;
}

/** Fills {name} {group} {rules} {count} {inviter} {staff}; unknown placeholders stay as typed. */
export function renderTemplate(template: string, values: WelcomeValues): string {
  return template.replace(/\{(name|group|rules|count|inviter|staff)\}/g, (_, key: keyof WelcomeValues) => values[key]).trim();
}

/** Case, width, traditional characters, spaces and punctuation do not matter to a person reading an answer. */
const loose = (s: string) => toSimplified(s.normalize('NFKC').toLowerCase()).replace(/[\s。.!！?？,，、~～"“”'‘’「」《》()（）:：;；]+/g, '');

/** An answer longer than this is a chat line that happens to mention it, not an answer. */
const ANSWER_MAX = 20;

/**
 * Whether a newcomer's reply answers the owner's question as a person would judge it: the owner may
 * accept several answers ("前端|web前端"), and a reply that contains one ("王老师" for 王) counts.
 */
export function answerMatches(given: string, expected: string): boolean {
  const reply = loose(given);
  if (!reply || reply.length > ANSWER_MAX) return false;
  return expected
    .split(/[|｜]/)
    .map(loose)
    .some((a) => a !== '' && reply.includes(a));
}

/** Questions back ("这是什么群？") are not attempts: they do not use up a try. */
export function looksLikeAttempt(text: string): boolean {
  const t = text.trim();
  return t !== '' && loose(t).length <= ANSWER_MAX && !/[?？]|吗|什么|怎么|为什么|请问|哪/.test(t);
}
