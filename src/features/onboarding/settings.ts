import { z } from 'zod';
import { parseSwitch } from '../../settings/core.js';
import { defineSetting } from '../../settings/definition.js';

const text = (key: string, max: number, example: string) =>
  defineSetting<string>({ key, schema: z.string().max(max), fallback: '', fromText: (t) => (t.trim().length <= max ? t.trim() : undefined), example });

const int = (key: string, min: number, max: number, fallback: number) =>
  defineSetting<number>({
    key,
    schema: z.number().int().min(min).max(max),
    fallback,
    fromText: (t) => (/^\d+$/.test(t.trim()) && Number(t) >= min && Number(t) <= max ? Number(t) : undefined),
    example: String(fallback),
  });

/** Empty: the built-in welcome of the group's language. Placeholders {name} {group} {rules} {count} {inviter}. */
export const welcomeTemplate = text('welcome.template', 1000, '欢迎 {name} 加入{group}！');
/** Joins within this many seconds share one welcome. */
export const welcomeBatchSeconds = int('welcome.batchSeconds', 0, 600, 30);

export type VerifyMode = 'off' | 'button' | 'keyword' | 'question';
export const verifyMode = defineSetting<VerifyMode>({
  key: 'verify.mode',
  schema: z.enum(['off', 'button', 'keyword', 'question']),
  fallback: 'off',
  fromText: (t) => (['off', 'button', 'keyword', 'question'].includes(t.trim()) ? (t.trim() as VerifyMode) : undefined),
  example: 'button',
});
export const verifyKeyword = text('verify.keyword', 50, '芝麻开门');
export const verifyQuestion = text('verify.question', 300, '本群讨论什么？');
export const verifyAnswer = text('verify.answer', 100, '前端');
export const verifyMinutes = int('verify.minutes', 1, 1440, 10);
export const verifyAttempts = int('verify.attempts', 1, 10, 3);

export const introEnabled = defineSetting<boolean>({ key: 'intro.enabled', schema: z.boolean(), fallback: false, fromText: parseSwitch, example: 'on' });
/** Empty: the built-in format (昵称/城市/行业/想收获什么). */
export const introTemplate = text('intro.template', 500, '昵称/城市/行业/想收获什么');
export const introHours = int('intro.hours', 1, 720, 24);
export type IntroAction = 'nothing' | 'report' | 'remove';
export const introAction = defineSetting<IntroAction>({
  key: 'intro.action',
  schema: z.enum(['nothing', 'report', 'remove']),
  fallback: 'report',
  fromText: (t) => (['nothing', 'report', 'remove'].includes(t.trim()) ? (t.trim() as IntroAction) : undefined),
  example: 'report',
});

export const onboardingSettings = [
  welcomeTemplate,
  welcomeBatchSeconds,
  verifyMode,
  verifyKeyword,
  verifyQuestion,
  verifyAnswer,
  verifyMinutes,
  verifyAttempts,
  introEnabled,
  introTemplate,
  introHours,
  introAction,
];
