import type { Capabilities } from './types.js';

/** Telegram: one group a second keeps far inside its 30 messages a second overall; no daily cap. */
const TELEGRAM_BULK = { gapMs: 1_000, jitterMs: 0, perDay: 0 };
/**
 * WeChat bans accounts that post the same text to many rooms quickly: a minute or two between rooms,
 * never on the beat, and no more than 100 rooms a day (what operators keep to with 群发 tools).
 */
const WECHAT_BULK = { gapMs: 60_000, jitterMs: 60_000, perDay: 100 };

/**
 * What each platform lets a bot do: the one table the adapters declare and the simulator imitates.
 * WeChat cannot delete others' messages, mute or show buttons; it can remove members only where the
 * bot owns the room (elsewhere the puppet refuses, and the executor falls back to telling the owner).
 */
export const CAPABILITIES: Readonly<Record<'telegram' | 'wechat', Capabilities>> = {
  telegram: { deleteMessages: true, mute: true, kick: true, buttons: true, dm: true, photo: true, commandMenu: true, inviteLinks: true, bulk: TELEGRAM_BULK },
  wechat: { deleteMessages: false, mute: false, kick: true, buttons: false, dm: true, photo: true, commandMenu: false, inviteLinks: false, bulk: WECHAT_BULK },
};
