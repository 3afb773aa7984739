import { z } from 'zod';
import { parseSwitch } from '../../settings/core.js';
import { type SettingDef, defineSetting, enumSetting, intSetting, textSetting } from '../../settings/definition.js';

/** Empty: the built-in welcome of the group's language. Placeholders {name} {group} {rules} {count} {inviter}. */
export const welcomeTemplate = textSetting('welcome.template', 1000, '欢迎 {name} 加入{group}！');
/** Joins within this many seconds share one welcome. */
export const welcomeBatchSeconds = intSetting('welcome.batchSeconds', 0, 600, 30);

export type VerifyMode = 'off' | 'button' | 'keyword' | 'question' | 'math' | 'emoji';
export const verifyMode = enumSetting<VerifyMode>('verify.mode', ['off', 'button', 'keyword', 'question', 'math', 'emoji'], 'off');
/** Secret: what lets a newcomer in is never shown in the group. */
export const verifyKeyword: SettingDef<string> = { ...textSetting('verify.keyword', 50, '芝麻开门'), secret: true };
export const verifyQuestion = textSetting('verify.question', 300, '本群讨论什么？');
export const verifyAnswer: SettingDef<string> = { ...textSetting('verify.answer', 100, '前端'), secret: true };
export const verifyMinutes = intSetting('verify.minutes', 1, 1440, 10);
export const verifyAttempts = intSetting('verify.attempts', 1, 10, 3);
/**
 * Observe: newcomers are asked as usual, but nobody is held back, muted or removed; the log says
 * what would have been done (owners try the threshold before trusting it).
 */
export const verifyObserve = defineSetting<boolean>({ key: 'verify.observe', schema: z.boolean(), fallback: false, fromText: parseSwitch, example: 'on' });

export const introEnabled = defineSetting<boolean>({ key: 'intro.enabled', schema: z.boolean(), fallback: false, fromText: parseSwitch, example: 'on' });
/** Empty: the built-in format (昵称/城市/行业/想收获什么). */
export const introTemplate = textSetting('intro.template', 500, '昵称/城市/行业/想收获什么');
export const introHours = intSetting('intro.hours', 1, 720, 24);
export type IntroAction = 'nothing' | 'report' | 'remove';
export const introAction = enumSetting<IntroAction>('intro.action', ['nothing', 'report', 'remove'], 'report');

export const onboardingSettings = [
  welcomeTemplate,
  welcomeBatchSeconds,
  verifyMode,
  verifyKeyword,
  verifyQuestion,
  verifyAnswer,
  verifyMinutes,
  verifyAttempts,
  verifyObserve,
  introEnabled,
  introTemplate,
  introHours,
  introAction,
];
