import { en } from './en.js';
import { type Messages, zhCN } from './zh-CN.js';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
export type { Messages };

const catalogue: Record<Language, Messages> = { 'zh-CN': zhCN, en };

export function messages(lang: Language): Messages {
  return catalogue[lang];
}

/** Accepts what people type: zh, zh-cn, cn, 中文, en, english. */
export function parseLanguage(text: string): Language | undefined {
  const t = text.trim().toLowerCase();
  if (['zh', 'zh-cn', 'cn', 'chinese', '中文', '简体中文'].includes(t)) return 'zh-CN';
  if (['en', 'en-us', 'english', '英文', '英语'].includes(t)) return 'en';
  return undefined;
}
