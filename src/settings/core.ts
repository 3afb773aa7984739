import { z } from 'zod';
import { LANGUAGES, type Language, parseLanguage } from '../i18n/index.js';
import { isValidTimeZone } from '../time/calendar.js';
import { canonicalZone } from '../time/chinese.js';
import { defineSetting } from './definition.js';

export const timezoneSetting = defineSetting<string>({
  key: 'timezone',
  schema: z.string().refine(isValidTimeZone, 'not an IANA time zone'),
  fallback: 'Asia/Shanghai',
  fromText: (text) => (isValidTimeZone(canonicalZone(text)) ? canonicalZone(text) : undefined),
  example: 'Asia/Shanghai',
});

export const languageSetting = defineSetting<Language>({
  key: 'language',
  schema: z.enum(LANGUAGES as [Language, ...Language[]]),
  fallback: 'zh-CN',
  fromText: parseLanguage,
  example: 'zh-CN',
});

export const rulesSetting = defineSetting<string>({
  key: 'rules',
  schema: z.string().max(4000),
  fallback: '',
  fromText: (text) => (text.trim().length <= 4000 ? text.trim() : undefined),
  show: (v) => (v ? `${v.replace(/\s+/g, ' ').slice(0, 30)}${v.length > 30 ? '…' : ''}` : '—'),
  example: '1. 友善交流 2. 禁止广告',
});

/** Whether Steward acts in a group the platform adapter was not configured for (WeChat rooms). */
export const managedSetting = defineSetting<boolean>({
  key: 'managed',
  schema: z.boolean(),
  fallback: false,
  fromText: (text) => parseSwitch(text),
  example: 'on',
});

export function parseSwitch(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (['on', 'true', 'yes', '1', '开', '开启', '打开'].includes(t)) return true;
  if (['off', 'false', 'no', '0', '关', '关闭'].includes(t)) return false;
  return undefined;
}

export const coreSettings = [timezoneSetting, languageSetting, rulesSetting, managedSetting];
