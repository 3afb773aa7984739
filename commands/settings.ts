import type { Action } from '../src/engine/actions.js';
import { type CommandContext, derive } from '../src/engine/context.js';
import { commandMenu } from '../src/engine/menu.js';
import type { Command, Feature } from '../src/engine/registry.js';
import { messages } from '../src/i18n/index.js';
import { coreSettings, languageSetting, timezoneSetting } from '../src/settings/core.js';
import type { SettingDef } from '../src/settings/definition.js';
import { formatLocal } from '../src/time/calendar.js';

function show(def: SettingDef, value: unknown): string {
  if (def.show) return def.show(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A secret (an entry answer) is shown whole only in a private chat, where only admins get this far. */
function visible(ctx: CommandContext, def: SettingDef, value: unknown): string {
  return def.secret && ctx.event.chat === 'group' ? ctx.t.settings.hidden : show(def, value);
}

/** The platform's command menu follows the group's language. */
function menuIfLanguageChanged(ctx: CommandContext, before: string): Action[] {
  const after = ctx.groupSettings.language;
  return after === before ? [] : [commandMenu(ctx.registry, messages(after), ctx.group)];
}

/** The command's context in the group's language as it is after what it saved. */
const speakingAsSaved = (ctx: CommandContext) => derive(ctx, { t: messages(ctx.groupSettings.language) });

/** Stores a value and answers in the group's language as it is after the change. */
function apply<T>(ctx: CommandContext, def: SettingDef<T>, value: T, answer?: (c: CommandContext) => string): Action[] {
  const before = ctx.groupSettings.language;
  ctx.save(def, value);
  const fresh = speakingAsSaved(ctx);
  return [fresh.reply(answer ? answer(fresh) : fresh.t.settings.updated(def.key, visible(fresh, def, value))), ...menuIfLanguageChanged(ctx, before)];
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Imports an export: {"settings": {...}, "rewards": [...], …}, or settings alone as older exports
 * wrote them. Everything is checked before anything changes: one problem anywhere, nothing is done.
 */
function importGroup(ctx: CommandContext, parsed: Record<string, unknown>): Action[] {
  const t = ctx.t.settings;
  const whole = isObject(parsed.settings);
  const values = whole ? (parsed.settings as Record<string, unknown>) : parsed;
  const checked = ctx.settings.check(values);
  const problems = checked.problems.map((p) => `${p.key}: ${p.problem === 'unknown setting' ? t.unknownKeyShort : p.problem}`);
  const parts = whole ? Object.entries(parsed).filter(([key]) => key !== 'settings') : [];
  for (const [key, items] of parts) {
    const copy = ctx.registry.copies.get(key);
    if (!copy) problems.push(`${key}: ${t.unknownPart}`);
    else if (!Array.isArray(items)) problems.push(`${key}: ${t.notAList}`);
    else problems.push(...copy.check(items));
  }
  if (problems.length) return [ctx.reply(t.importFailed(problems))];
  const before = ctx.groupSettings.language;
  for (const [key, value] of checked.valid) ctx.save(ctx.settings.definition(key)!, value);
  // The group as it will be (its time zone and language may have just come with the import).
  const fresh = speakingAsSaved(ctx);
  // Counted for the parts that brought anything: "新增 0 个奖励" says a repeated import added nothing.
  const copied = parts.filter(([, items]) => (items as unknown[]).length).map(([key, items]) => [key, ctx.registry.copies.get(key)!.add(fresh, items as unknown[])] as const);
  const added = Object.fromEntries(copied.map(([key, c]) => [key, c.added]));
  return [...copied.flatMap(([, c]) => c.records), ctx.reply(fresh.t.settings.imported(Object.keys(values).length, added)), ...menuIfLanguageChanged(ctx, before)];
}

const settings: Command = {
  name: 'settings',
  aliases: ['设置'],
  level: 'admin',
  run(ctx) {
    const [sub] = ctx.command.argv;
    if (!sub) {
      const s = ctx.groupSettings;
      const title = ctx.store.groups.label(ctx.group);
      const lines = ctx.settings.definitions.map((d) => ctx.t.settings.line(d.key, visible(ctx, d, s.get(d)), s.isDefault(d)));
      return [ctx.reply([ctx.t.settings.header(title), ...lines].join('\n'))];
    }
    if (sub === 'export') {
      const all = ctx.settings.exportAll(ctx.group);
      // In the group the entry answers stay out (an import leaves them as they are); privately, everything.
      const secret = ctx.event.chat === 'group' ? ctx.settings.definitions.filter((d) => d.secret).map((d) => d.key) : [];
      for (const key of secret) delete all[key];
      const note = secret.length ? `\n${ctx.t.settings.secretsLeftOut(secret)}` : '';
      // The whole group, so the next one is one paste away: settings, and what features add (rewards, recurring topics…).
      const group = { settings: all, ...Object.fromEntries([...ctx.registry.copies.values()].map((c) => [c.key, c.export(ctx)])) };
      return [ctx.reply(`${ctx.t.settings.exportHeader}\n${JSON.stringify(group)}${note}`)];
    }
    if (sub === 'import') {
      const json = ctx.command.args.slice('import'.length).trim();
      if (!json) return ctx.usage();
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch {
        return [ctx.reply(ctx.t.settings.importNotJson)];
      }
      if (!isObject(parsed)) return [ctx.reply(ctx.t.settings.importNotJson)];
      return importGroup(ctx, parsed);
    }
    return ctx.usage();
  },
};

const set: Command = {
  name: 'set',
  level: 'admin',
  run(ctx) {
    const [key] = ctx.command.argv;
    const raw = ctx.command.args.slice(key?.length ?? 0).trim();
    if (!key || !raw) return ctx.usage();
    const def = ctx.settings.definition(key);
    if (!def) return [ctx.reply(ctx.t.settings.unknownKey(key))];
    const value = def.fromText(raw);
    if (value === undefined || !def.schema.safeParse(value).success) {
      const t = ctx.t.settings;
      const described = t.describe[key];
      // What the setting is, its bounds, and an example (unless the description gives one already).
      const hint = [described, def.range ? t.range(def.range[0], def.range[1]) : undefined, described?.includes(def.example) ? undefined : t.forExample(def.example)].filter(Boolean).join(t.separator);
      return [ctx.reply(ctx.t.settings.invalidValue(key, hint))];
    }
    return apply(ctx, def, value);
  },
};

const tz: Command = {
  name: 'tz',
  aliases: ['时区'],
  level: 'admin',
  run(ctx) {
    const [zone, extra] = ctx.command.argv;
    if (!zone) return [ctx.reply(ctx.t.tz.show(ctx.groupSettings.timezone, formatLocal(ctx.now, ctx.groupSettings.timezone)))];
    if (extra) return ctx.usage();
    const value = timezoneSetting.fromText(zone);
    if (!value) return [ctx.reply(ctx.t.tz.invalid(zone))];
    return apply(ctx, timezoneSetting, value, (c) => c.t.tz.updated(value, formatLocal(c.now, value)));
  },
};

const lang: Command = {
  name: 'lang',
  aliases: ['语言', 'language'],
  level: 'admin',
  run(ctx) {
    const value = ctx.command.argv.length === 1 ? languageSetting.fromText(ctx.command.args) : undefined;
    if (!value) return ctx.usage();
    return apply(ctx, languageSetting, value, (c) => c.t.lang.updated);
  },
};

export const settingsFeature: Feature = { name: 'settings', commands: [settings, set, tz, lang], settings: coreSettings };
