import { z } from 'zod';
import { defineSetting, enumSetting } from '../../settings/definition.js';
import { parseDuration } from '../../time/calendar.js';

/** What a group can lock: a kind of content, or bots being added. */
export const LOCK_TYPES = ['links', 'forwards', 'stickers', 'gifs', 'images', 'voice', 'video', 'files', 'contacts', 'miniprograms', 'bots'] as const;
export type LockType = (typeof LOCK_TYPES)[number];

/** What newcomers may not post while their limit lasts: what ads and scams are made of. Stickers stay (a newcomer's hello). */
export const NEWCOMER_LIMITED: readonly LockType[] = ['links', 'forwards', 'images', 'gifs', 'voice', 'video', 'files', 'contacts', 'miniprograms'];

/** The Chinese names people type (/lock 图片 链接) → the lock. */
const ALIASES: Record<string, LockType> = {
  链接: 'links', 网址: 'links', 转发: 'forwards', 表情: 'stickers', 贴纸: 'stickers', 动图: 'gifs', gif: 'gifs', 图片: 'images', 照片: 'images',
  语音: 'voice', 视频: 'video', 文件: 'files', 名片: 'contacts', 小程序: 'miniprograms', 机器人: 'bots',
  link: 'links', forward: 'forwards', sticker: 'stickers', image: 'images', photo: 'images', photos: 'images', file: 'files', contact: 'contacts', miniprogram: 'miniprograms', bot: 'bots',
};

export function parseLockType(word: string): LockType | undefined {
  const w = word.trim().toLowerCase();
  return (LOCK_TYPES as readonly string[]).includes(w) ? (w as LockType) : ALIASES[w];
}

export const locksSetting = defineSetting<LockType[]>({
  key: 'locks',
  schema: z.array(z.enum(LOCK_TYPES)).max(LOCK_TYPES.length),
  fallback: [],
  fromText: (text) => {
    if (text.trim() === 'none') return [];
    const types = text.split(/[,，、\s]+/).filter(Boolean).map(parseLockType);
    return types.every((t) => t !== undefined) ? [...new Set(types as LockType[])] : undefined;
  },
  show: (v) => (v.length ? v.join(',') : 'none'),
  example: 'links,forwards',
});

/** observe only writes to /log what the locks would delete, as every guard's observe does. */
export const locksMode = enumSetting<'on' | 'observe'>('locks.mode', ['on', 'observe'], 'on');

/** How long after joining a member may post text only ('off', or a duration such as 24h). */
export const newcomerLimitSetting = defineSetting<string>({
  key: 'newcomers.limit',
  schema: z.string().refine((v) => v === 'off' || parseDuration(v) !== undefined, 'off, or a duration such as 24h or 3d'),
  fallback: 'off',
  fromText: (t) => {
    const v = t.trim().toLowerCase();
    return v === 'off' || parseDuration(v) !== undefined ? v : undefined;
  },
  example: '24h',
});

export const locksSettings = [locksSetting, locksMode, newcomerLimitSetting];
