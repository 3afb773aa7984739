// Flood control (刷屏): more messages than a person types, the same text again and again, a burst
// of stickers. The excess is deleted; the member's ladder is climbed once per burst, not once per
// message, and the bot says one line per burst: it must never flood the group itself.
import type { Action } from '../../engine/actions.js';
import { logEntry } from '../../engine/records.js';
import { type Rule, ruleOn } from '../../engine/registry.js';
import { LruMap, stringBytes } from '../../storage/lru.js';
import { fnv1a } from '../../text/fnv.js';
import { compactText, emojiOnly, normalizeText } from '../../text/normalize.js';
import { isExempt, punish } from '../penalties/index.js';
import { floodMessages, floodMode, floodRepeats, floodSeconds, floodStickers } from './settings.js';

export interface FloodLimits {
  messages: number;
  seconds: number;
  repeats: number;
  stickers: number;
}

/** One message a member said lately: when, whether it was a sticker or emoji only, its text's hash (0: no text). */
export interface Said {
  at: number;
  sticker: boolean;
  text: number;
}

export type Excess = 'repeat' | 'stickers' | 'rate';

/** The same text is counted over a minute, whatever the rate window. */
export const REPEAT_WINDOW_MS = 60_000;

/** Whether `now`, after what the member said `before`, is more than the group allows, and how. */
export function judgeFlood(before: readonly Said[], now: Said, limits: FloodLimits): Excess | undefined {
  const window = limits.seconds * 1000;
  let inWindow = 1;
  let stickers = now.sticker ? 1 : 0;
  let same = 1;
  for (const s of before) {
    const age = now.at - s.at;
    if (age < window) {
      inWindow++;
      if (s.sticker && now.sticker) stickers++;
    }
    if (now.text !== 0 && s.text === now.text && age < REPEAT_WINDOW_MS) same++;
  }
  if (same > limits.repeats) return 'repeat';
  if (now.sticker && stickers > limits.stickers) return 'stickers';
  if (inWindow > limits.messages) return 'rate';
  return undefined;
}

/** FNV-1a of the text as the ad checks read it (width, case, punctuation and spacing ignored); never 0. */
export function textHash(text: string): number {
  const compact = compactText(normalizeText(text)) || text.trim();
  return compact ? fnv1a(compact) || 1 : 0;
}

interface Recent {
  said: Said[];
  /** The current burst goes on while excess messages come within the rate window of each other. */
  burstEnds: number;
}

/** What the recent messages of members cost at most; the least recently heard are forgotten first. */
export const FLOOD_MEMORY_BYTES = 4 * 1024 * 1024;

export function floodRule(capacityBytes = FLOOD_MEMORY_BYTES): Rule {
  const recent = new LruMap<string, Recent>(capacityBytes, (k, v) => stringBytes(k) + 64 + 48 * v.said.length);
  return ruleOn('message', {
    id: 'flood',
    stage: 'guard',
    cacheStats: () => ({ flood: recent.stats() }),
    decide(ctx, e) {
      if (e.chat !== 'group') return;
      const s = ctx.groupSettings;
      const mode = s.get(floodMode);
      if (mode === 'off') return;
      const limits = { messages: s.get(floodMessages), seconds: s.get(floodSeconds), repeats: s.get(floodRepeats), stickers: s.get(floodStickers) };
      const at = e.at.getTime();
      const window = limits.seconds * 1000;
      const key = `${e.platform}\u0000${e.groupId}\u0000${e.sender.id}`;
      const prior = recent.get(key);
      // A command repeated is not a repeated text: "/report" as replies to three messages is three reports.
      const text = e.kind === 'text' && !ctx.command ? textHash(e.text) : 0;
      const now: Said = { at, sticker: e.kind === 'sticker' || e.kind === 'gif' || (e.kind === 'text' && emojiOnly(e.text)), text };
      // Only what a judgement can still count is kept: the rate window or the repeat minute, and no more entries than a limit reads.
      const horizon = Math.max(window, REPEAT_WINDOW_MS);
      const keep = Math.max(limits.messages, limits.repeats, limits.stickers);
      const before = (prior?.said ?? []).filter((x) => at - x.at < horizon).slice(-keep);
      const excess = judgeFlood(before, now, limits);
      const inBurst = !!prior && prior.burstEnds > at;
      // Explaining (/why) remembers nothing.
      if (!ctx.explaining) recent.set(key, { said: [...before, now], burstEnds: excess ? at + window : (prior?.burstEnds ?? 0) });
      if (!excess || isExempt(ctx, e.sender)) return;
      const t = ctx.t.flood;
      const reason = excess === 'rate' ? t.reasons.rate(limits.messages, limits.seconds) : excess === 'repeat' ? t.reasons.repeat(limits.repeats) : t.reasons.stickers(limits.stickers, limits.seconds);
      const user = { id: e.sender.id, name: e.sender.name };
      if (mode === 'observe') {
        return inBurst ? [] : [logEntry.of(ctx.group, { at: ctx.now.getTime(), what: 'flood (observe)', userId: user.id, reason, outcome: 'would:delete' })];
      }
      const removed: Action = { type: 'delete', ...ctx.group, messageId: e.messageId, user, reason, remindInPublic: false };
      if (inBurst) return { actions: [removed], stop: true };
      return { actions: [removed, ...punish(ctx, { user, rule: 'flood', reason, messageId: e.messageId, ...(e.text ? { deletedText: e.text } : {}) })], stop: true };
    },
  });
}
