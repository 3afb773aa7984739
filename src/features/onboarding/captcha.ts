// Captchas that bots do not pass by reading the text: a small sum, and a picture named in words.
// Each newcomer's is derived from who they are and when they joined, so it reads the same on every
// check without being stored, and differs between newcomers.
import { fnv1a } from '../../text/fnv.js';

/** A number from the newcomer's id and join time. */
export const captchaSeed = (userId: string, joinedAt: number): number => fnv1a(`${userId}:${joinedAt}`);

/** "23 + 7" and 30: two digits and one, so it takes a moment's thought and no more. */
export function mathQuestion(seed: number): { question: string; answer: number } {
  const a = 10 + (seed % 40);
  const b = 2 + ((seed >>> 8) % 8);
  return { question: `${a} + ${b}`, answer: a + b };
}

/** The number a reply gives (full-width digits too), if it gives one. */
export function givenNumber(text: string): number | undefined {
  const m = /\d{1,6}/.exec(text.normalize('NFKC'));
  return m ? Number(m[0]) : undefined;
}

/** The pictures to pick from, each named in the group's language (i18n onboarding.emojiNames). */
export const EMOJI = { apple: '🍎', banana: '🍌', cat: '🐱', dog: '🐶', car: '🚗', star: '⭐', tree: '🌲', fish: '🐟', moon: '🌙', cake: '🎂' } as const;
export type EmojiName = keyof typeof EMOJI;
const NAMES = Object.keys(EMOJI) as EmojiName[];

/** Six different pictures in an order of their own, and which of them to pick. */
export function emojiPick(seed: number): { options: EmojiName[]; answer: number } {
  const pool = [...NAMES];
  const options: EmojiName[] = [];
  let s = seed;
  for (let i = 0; i < 6; i++) {
    options.push(pool.splice(s % pool.length, 1)[0]!);
    s = Math.imul(s ^ (s >>> 13), 0x5bd1e995) >>> 0;
  }
  return { options, answer: (seed >>> 16) % options.length };
}
