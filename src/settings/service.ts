import type { GroupRef } from '../storage/groups.js';
import { groupKey } from '../storage/groups.js';
import { type CacheStats, LruMap, stringBytes } from '../storage/lru.js';

/** Default size of the settings cache: every group of a large bot. */
export const SETTINGS_CACHE_BYTES = 4 * 1024 * 1024;
import type { SettingsRepo } from '../storage/settings.js';
import type { SettingDef } from './definition.js';
import { languageSetting, timezoneSetting } from './core.js';
import type { Language } from '../i18n/index.js';

export type SettingProblem = { key: string; problem: string };

/** One group's effective settings: stored value, else the config file's default, else the built-in one. */
export class GroupSettings {
  constructor(
    private readonly stored: Map<string, unknown>,
    private readonly defaults: Map<string, unknown>,
  ) {}

  get<T>(def: SettingDef<T>): T {
    if (this.stored.has(def.key)) return this.stored.get(def.key) as T;
    if (this.defaults.has(def.key)) return this.defaults.get(def.key) as T;
    return def.fallback;
  }

  /** These settings as they will be once `values` (by key) are stored: what a command reads after saving. */
  with(values: ReadonlyMap<string, unknown>): GroupSettings {
    return new GroupSettings(new Map([...this.stored, ...values]), this.defaults);
  }

  /** Roughly what these settings hold on the heap. */
  get bytes(): number {
    return 200 + 160 * this.stored.size;
  }

  isDefault(def: SettingDef): boolean {
    return !this.stored.has(def.key);
  }

  get timezone(): string {
    return this.get(timezoneSetting);
  }

  get language(): Language {
    return this.get(languageSetting);
  }
}

/**
 * Reads and writes validated settings, with a per-group cache so that rules can ask for
 * settings on every message without touching SQLite.
 */
export class SettingsService {
  private readonly byKey: Map<string, SettingDef>;
  /** The groups active lately; the others are read again from SQLite when they speak. */
  private readonly cache: LruMap<string, GroupSettings>;

  constructor(
    private readonly repo: SettingsRepo,
    readonly definitions: SettingDef[],
    private readonly defaults: Map<string, unknown>,
    cacheBytes = SETTINGS_CACHE_BYTES,
  ) {
    this.cache = new LruMap<string, GroupSettings>(cacheBytes, (key, s) => 64 + stringBytes(key) + s.bytes);
    this.byKey = new Map(definitions.map((d) => [d.key, d]));
  }

  definition(key: string): SettingDef | undefined {
    return this.byKey.get(key);
  }

  for(g: GroupRef): GroupSettings {
    const k = groupKey(g);
    let s = this.cache.get(k);
    if (!s) {
      s = new GroupSettings(this.repo.all(g), this.defaults);
      this.cache.set(k, s);
    }
    return s;
  }

  cacheStats(): CacheStats {
    return this.cache.stats();
  }

  /** Drops the cached settings of a group whose rows changed underneath (a group that moved). */
  forget(g: GroupRef): void {
    this.cache.delete(groupKey(g));
  }

  set<T>(g: GroupRef, def: SettingDef<T>, value: T, by: string | undefined, at: number): void {
    this.setMany(g, new Map([[def.key, value]]), by, at);
  }

  /** Stores values already checked (a command's saves, carried out). */
  setMany(g: GroupRef, values: ReadonlyMap<string, unknown>, by: string | undefined, at: number): void {
    this.repo.setMany(g, values, by, at);
    this.cache.delete(groupKey(g));
  }

  /** Values for an import, checked: the valid ones parsed, and what is wrong with the others. Nothing is written. */
  check(values: Record<string, unknown>): { valid: Map<string, unknown>; problems: SettingProblem[] } {
    return validateSettings(this.byKey, values);
  }

  /** Every setting's effective value, for /settings export. */
  exportAll(g: GroupRef): Record<string, unknown> {
    const s = this.for(g);
    return Object.fromEntries(this.definitions.map((d) => [d.key, s.get(d)]));
  }
}

export function validateSettings(
  defs: Map<string, SettingDef>,
  values: Record<string, unknown>,
): { valid: Map<string, unknown>; problems: SettingProblem[] } {
  const valid = new Map<string, unknown>();
  const problems: SettingProblem[] = [];
  for (const [key, value] of Object.entries(values)) {
    const def = defs.get(key);
    if (!def) {
      problems.push({ key, problem: 'unknown setting' });
      continue;
    }
    const r = def.schema.safeParse(value);
    if (r.success) valid.set(key, r.data);
    else problems.push({ key, problem: r.error.issues.map((i) => i.message).join('; ') });
  }
  return { valid, problems };
}
