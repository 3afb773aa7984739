import type { Capabilities } from './types.js';

/**
 * What each platform lets a bot do: the one table the adapters declare and the simulator imitates.
 * WeChat cannot delete others' messages, mute or show buttons; it can remove members only where the
 * bot owns the room (elsewhere the puppet refuses, and the executor falls back to telling the owner).
 */
export const CAPABILITIES: Readonly<Record<'telegram' | 'wechat', Capabilities>> = {
  telegram: { deleteMessages: true, mute: true, kick: true, buttons: true, dm: true, photo: true, commandMenu: true, inviteLinks: true },
  wechat: { deleteMessages: false, mute: false, kick: true, buttons: false, dm: true, photo: true, commandMenu: false, inviteLinks: false },
};
