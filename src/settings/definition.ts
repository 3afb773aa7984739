import { z } from 'zod';

/**
 * One per-group setting. The schema validates stored, imported and config-file values; `fromText`
 * turns what an admin types after `/set key` into a value (or undefined when it makes no sense).
 */
export interface SettingDef<T = unknown> {
  key: string;
  schema: z.ZodType<T>;
  fallback: T;
  fromText(text: string): T | undefined;
  /** How the value reads in /settings. */
  show?(value: T): string;
  /** An example value, shown when the admin typed something invalid. */
  example: string;
  /** Shown whole only to admins in a private chat (an entry answer): masked in the group. */
  secret?: boolean;
  /** The bounds of a whole number, named when a value falls outside them. */
  range?: readonly [number, number];
}

export function defineSetting<T>(def: SettingDef<T>): SettingDef<T> {
  return def;
}

/** A whole number within bounds. */
export function intSetting(key: string, min: number, max: number, fallback: number): SettingDef<number> {
  return defineSetting<number>({
    key,
    schema: z.number().int().min(min).max(max),
    fallback,
    fromText: (t) => (/^\d+$/.test(t.trim()) && Number(t) >= min && Number(t) <= max ? Number(t) : undefined),
    example: String(fallback),
    range: [min, max],
  });
}

/** Free text up to a length; empty by default. */
export function textSetting(key: string, max: number, example: string): SettingDef<string> {
  return defineSetting<string>({ key, schema: z.string().max(max), fallback: '', fromText: (t) => (t.trim().length <= max ? t.trim() : undefined), example });
}

/** One of a few words. */
export function enumSetting<T extends string>(key: string, values: readonly [T, ...T[]], fallback: T): SettingDef<T> {
  return defineSetting<T>({
    key,
    schema: z.enum(values) as unknown as z.ZodType<T>,
    fallback,
    fromText: (t) => (values as readonly string[]).includes(t.trim()) ? (t.trim() as T) : undefined,
    example: fallback,
  });
}
