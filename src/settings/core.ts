import { z } from 'zod';
import { LANGUAGES, type Language, parseLanguage } from '../i18n/index.js';
import { isValidTimeZone } from '../time/calendar.js';
import { defineSetting } from './definition.js';

export const timezoneSetting = defineSetting<string>({
  key: 'timezone',
  schema: z.string().refine(isValidTimeZone, 'not an IANA time zone'),
  fallback: 'Asia/Shanghai',
  fromText: (text) => (isValidTimeZone(text.trim()) ? text.trim() : undefined),
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

export const coreSettings = [timezoneSetting, languageSetting, rulesSetting];
