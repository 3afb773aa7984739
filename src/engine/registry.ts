import type { SettingDef } from '../settings/definition.js';
import type { CacheStats } from '../storage/lru.js';
import type { Store } from '../storage/store.js';
import type { Action, ActionType } from './actions.js';
import type { CommandContext, GroupContext, JobContext, RuleContext } from './context.js';
import type { EventType, InboundEvent, Role } from './events.js';
import { type Recorder, coreRecorders } from './records.js';

export type Level = Role;
const RANK: Record<Level, number> = { member: 0, admin: 1, owner: 2 };
export const atLeast = (have: Level, need: Level) => RANK[have] >= RANK[need];
export const highest = (...levels: (Level | undefined | null)[]): Level =>
  levels.reduce<Level>((a, b) => (b && RANK[b] > RANK[a] ? b : a), 'member');

export interface Command {
  /** Lower case, without the slash. Its help line and usage live in i18n under this name. */
  name: string;
  /** Other words that run it: '/qiandao', '打卡', '签到'. */
  aliases?: string[];
  level: Level;
  /** 'group' (default) commands answer in a group only; 'any' also in a private chat. */
  where?: 'group' | 'any';
  /** Heard even in a group Steward does not manage yet, from its owner (/manage turns management on). */
  inUnmanaged?: boolean;
  run(ctx: CommandContext): Action[] | Promise<Action[]>;
}

export interface RuleResult {
  actions: Action[];
  /** Later rules do not see this event (e.g. an ad was removed). */
  stop?: boolean;
}

/**
 * When a rule runs. Guards (a family's bans, raid mode, newcomer hold-back, the ad filter, locks,
 * flood control, work-hours focus) see every event, commands included, before any command runs,
 * and may stop it and everything after. After-rules see events that are not commands, once the
 * guards let them through.
 */
export type Stage = 'guard' | 'after';

export interface Rule {
  id: string;
  on: EventType[];
  stage: Stage;
  /** A guard that judges what a message says or carries also judges it again when it is edited. */
  edits?: boolean;
  decide(ctx: RuleContext): RuleResult | Action[] | void | Promise<RuleResult | Action[] | void>;
  /** Work done once at start-up that the first message would otherwise wait for (loading a model). */
  prepare?(): void;
  /** How the rule's own caches are doing (npm run bench prints them), by name. */
  cacheStats?(store: Store): Record<string, CacheStats>;
}

/**
 * A rule for one event type: its `decide` receives the event already narrowed to that type, so it
 * need not check the type itself.
 */
export function ruleOn<T extends EventType>(
  type: T,
  rule: Omit<Rule, 'on' | 'decide'> & { decide(ctx: RuleContext, event: Extract<InboundEvent, { type: T }>): ReturnType<Rule['decide']> },
): Rule {
  const { decide, ...rest } = rule;
  return { ...rest, on: [type], decide: (ctx) => (ctx.event.type === type ? decide(ctx, ctx.event as Extract<InboundEvent, { type: T }>) : undefined) };
}

export interface JobOutcome {
  actions: Action[];
  /** Run again (recurring jobs): same kind and key, new time. */
  next?: { dueAt: Date; payload?: unknown };
}

/**
 * A feature's answer to what a decision in a group decided (a shared removal applied in the other
 * groups of a family): it sees the decided actions and adds its own, in the same transaction.
 */
export interface Follower {
  /** The kinds of action it answers; it is asked only about decisions that hold one. */
  on: ActionType[];
  follow(ctx: GroupContext, decided: readonly Action[]): Action[];
}

export interface JobHandler {
  kind: string;
  run(ctx: JobContext): JobOutcome | Action[] | Promise<JobOutcome | Action[]>;
}

/**
 * A part of a group that /settings export carries to another group beside its settings (可复制):
 * the reward catalogue, recurring topics, recurring announcements.
 */
export interface GroupCopy {
  /** Its key in the exported object. */
  key: string;
  /** What the group has of it, as plain JSON. */
  export(ctx: GroupContext): unknown[];
  /** What is wrong with exported items, each problem naming its item; nothing is changed. */
  check(items: unknown[]): string[];
  /** What adds checked items to the group (after every part of the import checked clean), and how many are new. */
  add(ctx: GroupContext, items: unknown[]): { added: number; records: Action[] };
}

/** What a feature contributes. Listed explicitly in commands/index.ts; nothing is discovered. */
export interface Feature {
  name: string;
  commands?: Command[];
  rules?: Rule[];
  jobs?: JobHandler[];
  settings?: SettingDef[];
  copies?: GroupCopy[];
  /** How the records its decisions return are written to its tables. */
  recorders?: Recorder[];
  follows?: Follower[];
}

export class RegistryError extends Error {
  override name = 'RegistryError';
}

export class Registry {
  readonly commands = new Map<string, Command>();
  /** Every word that invokes a command after a slash (names and aliases) → command name. */
  readonly aliases = new Map<string, string>();
  /** Aliases that also work without a slash: the Chinese keywords (打卡, 签到). */
  readonly keywords = new Map<string, string>();
  readonly rules: Rule[] = [];
  readonly jobs = new Map<string, JobHandler>();
  readonly settings: SettingDef[] = [];
  /** What /settings export carries besides settings, by key. */
  readonly copies = new Map<string, GroupCopy>();
  /** Who writes each kind of record a decision returns: the core's kinds, then each feature's. */
  readonly recorders = new Map<string, Recorder>(coreRecorders.map((r) => [r.kind, r]));
  /** What answers decided actions, in feature order. */
  readonly followers: Follower[] = [];

  /**
   * `order`: rule ids in the order they run within their stage (the composition's one list, which
   * names every shipped rule: tests/architecture.test.ts holds it to that). Rules it does not name, a
   * test's probes, run first in their stage, in the order they were added.
   */
  constructor(features: Feature[], order: readonly string[] = []) {
    const ruleIds = new Set<string>();
    const settingKeys = new Set<string>();
    for (const f of features) {
      for (const c of f.commands ?? []) {
        if (this.commands.has(c.name) || this.aliases.has(c.name)) throw new RegistryError(`command name "${c.name}" is registered twice (${f.name})`);
        this.commands.set(c.name, c);
        for (const word of [c.name, ...(c.aliases ?? [])]) {
          const key = word.replace(/^\//, '').toLowerCase();
          const owner = this.aliases.get(key);
          if (owner !== undefined) throw new RegistryError(`alias "${word}" of /${c.name} is already taken by /${owner} (${f.name})`);
          this.aliases.set(key, c.name);
          if (/[^\x00-\x7f]/.test(word)) this.keywords.set(key, c.name);
        }
      }
      for (const r of f.rules ?? []) {
        if (ruleIds.has(r.id)) throw new RegistryError(`rule "${r.id}" is registered twice (${f.name})`);
        ruleIds.add(r.id);
        this.rules.push(r);
      }
      for (const j of f.jobs ?? []) {
        if (this.jobs.has(j.kind)) throw new RegistryError(`job kind "${j.kind}" is registered twice (${f.name})`);
        this.jobs.set(j.kind, j);
      }
      for (const c of f.copies ?? []) {
        if (this.copies.has(c.key) || c.key === 'settings') throw new RegistryError(`group copy "${c.key}" is registered twice (${f.name})`);
        this.copies.set(c.key, c);
      }
      this.followers.push(...(f.follows ?? []));
      for (const r of f.recorders ?? []) {
        if (this.recorders.has(r.kind)) throw new RegistryError(`record kind "${r.kind}" is registered twice (${f.name})`);
        this.recorders.set(r.kind, r);
      }
      for (const s of f.settings ?? []) {
        if (settingKeys.has(s.key)) throw new RegistryError(`setting "${s.key}" is registered twice (${f.name})`);
        settingKeys.add(s.key);
        this.settings.push(s);
      }
    }
    const unknown = order.filter((id) => !ruleIds.has(id));
    if (unknown.length) throw new RegistryError(`the rule order names rules no feature has: ${unknown.join(', ')}`);
    const added = new Map(this.rules.map((r, i) => [r, i]));
    const place = (r: Rule) => (r.stage === 'guard' ? 0 : 1e6) + (order.includes(r.id) ? 1e5 + order.indexOf(r.id) : added.get(r)!);
    this.rules.sort((a, b) => place(a) - place(b));
  }
}
