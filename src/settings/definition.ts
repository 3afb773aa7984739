import type { z } from 'zod';

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
}

export function defineSetting<T>(def: SettingDef<T>): SettingDef<T> {
  return def;
}
