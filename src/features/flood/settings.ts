import { enumSetting, intSetting } from '../../settings/definition.js';

/** observe only writes to /log what it would do, as every guard's observe does. */
export type FloodMode = 'off' | 'observe' | 'on';
export const floodMode = enumSetting<FloodMode>('flood.mode', ['off', 'observe', 'on'], 'on');
/** More than this many messages within `flood.seconds` is a flood (what no person types by hand). */
export const floodMessages = intSetting('flood.messages', 3, 100, 10);
export const floodSeconds = intSetting('flood.seconds', 2, 300, 10);
/** The same text more often than this within a minute is a flood. */
export const floodRepeats = intSetting('flood.repeats', 2, 20, 3);
/** More stickers, GIFs or emoji-only messages than this within `flood.seconds` is a flood. */
export const floodStickers = intSetting('flood.stickers', 2, 50, 5);

export const floodSettings = [floodMode, floodMessages, floodSeconds, floodRepeats, floodStickers];
