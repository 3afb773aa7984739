import type { CommandContext } from '../src/engine/context.js';
import type { Command, Feature } from '../src/engine/registry.js';
import { botsLockRule, limitAfterUnmute, locksRule, newcomerRestriction } from '../src/features/locks/locks.js';
import { LOCK_TYPES, type LockType, locksMode, locksSetting, locksSettings, newcomerLimitSetting, parseLockType } from '../src/features/locks/settings.js';

function show(ctx: CommandContext) {
  const t = { ...ctx.t.locks, duration: ctx.t.penalties.duration };
  const s = ctx.groupSettings;
  const names = (types: readonly LockType[]) => types.map((x) => t.names[x] ?? x).join('、');
  const limit = s.get(newcomerLimitSetting);
  return [ctx.reply(t.show(names(s.get(locksSetting)), limit === 'off' ? undefined : t.duration(limit), s.get(locksMode) === 'observe'))];
}

/** The lock types typed after the command, or undefined if a word is not one. */
function typesIn(ctx: CommandContext): LockType[] | undefined {
  const types = ctx.command.argv.map(parseLockType);
  return types.length && types.every((x) => x !== undefined) ? (types as LockType[]) : undefined;
}

const lock: Command = {
  name: 'lock',
  aliases: ['锁定'],
  level: 'admin',
  run(ctx) {
    const [first, second, extra] = ctx.command.argv;
    if (!first) return show(ctx);
    if (first === 'observe' && (second === 'on' || second === 'off') && extra === undefined) {
      ctx.save(locksMode, second === 'on' ? 'observe' : 'on');
      return show(ctx);
    }
    const types = typesIn(ctx);
    if (!types) return [...ctx.usage(), ctx.reply(ctx.t.locks.types(LOCK_TYPES.join(' ')))];
    ctx.save(locksSetting, [...new Set([...ctx.groupSettings.get(locksSetting), ...types])]);
    return show(ctx);
  },
};

const unlock: Command = {
  name: 'unlock',
  aliases: ['解锁'],
  level: 'admin',
  run(ctx) {
    if (ctx.command.argv.length === 1 && ['all', '全部'].includes(ctx.command.argv[0]!)) {
      ctx.save(locksSetting, []);
      return show(ctx);
    }
    const types = typesIn(ctx);
    if (!types) return [...ctx.usage(), ctx.reply(ctx.t.locks.types(LOCK_TYPES.join(' ')))];
    ctx.save(locksSetting, ctx.groupSettings.get(locksSetting).filter((x) => !types.includes(x)));
    return show(ctx);
  },
};

const newcomerLimit: Command = {
  name: 'newcomerlimit',
  aliases: ['新人限制'],
  level: 'admin',
  run(ctx) {
    if (!ctx.command.argv.length) return show(ctx);
    const value = ctx.command.argv.length === 1 ? newcomerLimitSetting.fromText(ctx.command.args) : undefined;
    if (value === undefined) return ctx.usage();
    ctx.save(newcomerLimitSetting, value);
    return show(ctx);
  },
};

/** Locks and newcomer limits; each build has its own memory of whom it told. */
export const locksFeature = (): Feature => ({
  name: 'locks',
  commands: [lock, unlock, newcomerLimit],
  rules: [locksRule(), botsLockRule, newcomerRestriction],
  settings: locksSettings,
  follows: [limitAfterUnmute],
});
