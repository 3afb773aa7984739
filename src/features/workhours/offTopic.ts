import { isSureChatter } from './chatter.js';
import { emojiOnly } from '../../text/normalize.js';

// Is this message off topic for a group that wants focus? The owner's topic words and the general
// chit-chat signs (灌水: stickers, emoji, laughter, greetings) first, then what the group's own
// model learned from its history and the owner's corrections. When unsure it lets the message pass.

export interface TopicProfile {
  /** The owner's topic words (/topic-words). */
  words: readonly string[];
  /** A short description of what the group discusses; its longer words count as topic words. */
  description: string;
}

export interface Judged {
  kind: string;
  text: string;
  /** The message replies to one judged on topic (a thread on topic stays on topic). */
  repliesToOnTopic?: boolean;
}

export type Verdict =
  | { offTopic: false; why: 'topic-word' | 'on-topic-thread' | 'unsure' }
  | { offTopic: true; why: 'sticker' | 'emoji' | 'chatter' | 'small-talk' | 'learned' };

/**
 * From this P(off topic) the group's model calls a message off topic. High on purpose: a member
 * reminded for an on-topic question is worse than a chat let through (see `npm run eval`).
 */
export const LEARNED_OFF_TOPIC = 0.98;

const LAUGHTER = /^(哈{2,}|呵{2,}|嘿{2,}|嘻{2,}|h{3,}|(ha){2,}h?|(he){2,}|lol+|lmao|rofl|2333+|6{3,}|笑死|笑哭|xswl|hiahia)$/i;
const CHATTER = new Set(
  [
    '在吗', '在不在', '有人吗', '有人在吗', '早', '早上好', '早安', '午安', '晚安', '晚上好', '大家好', '你好', '哈喽', 'hello', 'hi', 'hey',
    '吃了吗', '吃了没', '吃饭了吗', '吃饭没', '干嘛呢', '在干嘛', '无聊', '好无聊', '困了', '好困', '好累', '摸鱼', '冒泡', '潜水', '顶', '沙发',
    'good morning', 'morning', 'good night', 'gn', "what's up", 'sup', 'anyone here', 'bored',
  ].map((w) => w.toLowerCase()),
);

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s!！?？。.,，~～…]+/g, ' ').trim();
}

/** The description's words of two or more characters (split at spaces and punctuation). */
export function descriptionWords(description: string): string[] {
  return normalize(description)
    .split(/[\s/、;；:：()（）]+/)
    .filter((w) => w.length >= 2);
}

/** A group's learned model, once it has learned enough to speak. */
export interface LearnedTopic {
  offTopicProbability(text: string): number;
  /**
   * Learned from enough history to stand without the small-talk word list, which blocks more
   * on-topic talk than a well-fed model does; a thinly fed one still needs it.
   */
  mature: boolean;
}

export function judgeTopic(m: Judged, profile: TopicProfile, learned?: LearnedTopic): Verdict {
  if (m.kind === 'sticker' || m.kind === 'gif') return { offTopic: true, why: 'sticker' };
  const text = normalize(m.text);
  const words = [...profile.words.map((w) => w.normalize('NFKC').toLowerCase()), ...descriptionWords(profile.description)].filter(Boolean);
  if (text && words.some((w) => text.includes(w))) return { offTopic: false, why: 'topic-word' };
  if (m.repliesToOnTopic) return { offTopic: false, why: 'on-topic-thread' };
  if (m.kind !== 'text') return { offTopic: false, why: 'unsure' };
  if (emojiOnly(m.text)) return { offTopic: true, why: 'emoji' };
  const compact = text.replace(/\s+/g, '');
  if (LAUGHTER.test(compact) || CHATTER.has(text) || CHATTER.has(compact)) return { offTopic: true, why: 'chatter' };
  if (learned && learned.offTopicProbability(m.text) >= LEARNED_OFF_TOPIC) return { offTopic: true, why: 'learned' };
  // Until the group's model has learned enough, general chit-chat signs stand in for it, and speak only when sure.
  if (!learned?.mature && isSureChatter(m.text)) return { offTopic: true, why: 'small-talk' };
  return { offTopic: false, why: 'unsure' };
}
