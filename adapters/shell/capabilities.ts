import type { Capabilities } from '../types.js';

/** The simulator behaves like the platform it imitates, so fallbacks can be tried locally. */
export const SIMULATED: Record<'telegram' | 'wechat', Capabilities> = {
  telegram: { deleteMessages: true, mute: true, kick: true, buttons: true, dm: true, photo: true, commandMenu: false },
  // WeChat: no deleting others' messages, no mute, no buttons; removal only when the bot owns the
  // room, which the simulator assumes it does not (the usual case).
  wechat: { deleteMessages: false, mute: false, kick: false, buttons: false, dm: true, photo: true, commandMenu: false },
};
