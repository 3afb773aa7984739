import type { Action } from '../src/engine/actions.js';
import type { CommandContext } from '../src/engine/context.js';
import { type Command, type Feature, atLeast } from '../src/engine/registry.js';
import { decideAppeal } from '../src/features/penalties/appeal.js';
import { logAction, logOutcome } from '../src/features/penalties/logText.js';
import { cooldownSetting, expirySetting, ladderSetting, parseStep } from '../src/features/penalties/ladder.js';
import { describeStep, punish } from '../src/features/penalties/punish.js';
import { formatLocal } from '../src/time/calendar.js';
import { trustSet } from '../src/engine/records.js';
import { memberOrAnswer } from '../src/engine/targets.js';
import { StrikesRepo } from '../src/features/penalties/strikes.sql.js';
import { appealOpened, penaltyRecorders, withdraw } from '../src/features/penalties/records.js';

/** The member a moderation command is about, or the answer explaining why there is none. */
const target = (ctx: CommandContext) => memberOrAnswer(ctx, ctx.command.args.replace(/^@/, ''));

const warn: Command = {
  name: 'warn',
  aliases: ['警告'],
  level: 'admin',
  run(ctx) {
    const mentioned = ctx.event.mentions?.[0];
    const replied = ctx.event.replyTo?.senderId ? { id: ctx.event.replyTo.senderId, name: ctx.event.replyTo.senderName ?? ctx.event.replyTo.senderId } : undefined;
    const user = mentioned ? { id: mentioned.id, name: mentioned.name } : replied;
    if (!user) return [ctx.reply(ctx.t.penalties.noTarget)];
    if (atLeast(ctx.levelOf(ctx.group, { id: user.id }), 'admin')) return [ctx.reply(ctx.t.penalties.notAdmins)];
    const reason = ctx.command.args.replace(mentioned ? `@${mentioned.name}` : '', '').trim() || ctx.t.penalties.defaultReason;
    return punish(ctx, { user, rule: 'manual', reason, by: ctx.event.sender.id, ...(ctx.event.replyTo ? { messageId: ctx.event.replyTo.messageId } : {}) });
  },
};

const unwarn: Command = {
  name: 'unwarn',
  aliases: ['撤销警告'],
  level: 'admin',
  run(ctx) {
    const who = target(ctx);
    if (Array.isArray(who)) return who;
    const active = ctx.store.of(StrikesRepo).active(ctx.group, who.id, ctx.now.getTime());
    const latest = active.at(-1);
    if (!latest) return [ctx.reply(ctx.t.penalties.nothingToUnwarn(who.name))];
    return [...withdraw(ctx, latest, 'unwarn', ctx.event.sender.name), ctx.reply(ctx.t.penalties.unwarned(who.name, active.length - 1))];
  },
};

const warns: Command = {
  name: 'warns',
  aliases: ['违规记录'],
  level: 'member',
  run(ctx) {
    const self = { id: ctx.event.sender.id, name: ctx.event.sender.name };
    const asked = ctx.command.args || ctx.event.mentions?.length || ctx.event.replyTo ? target(ctx) : self;
    if (Array.isArray(asked)) return asked;
    // Members see their own record; others' records are for admins.
    if (asked.id !== self.id && !atLeast(ctx.level, 'admin')) return [ctx.reply(ctx.t.common.refusedAdmin(ctx.command.typed))];
    const tz = ctx.groupSettings.timezone;
    const rows = ctx.store.of(StrikesRepo).active(ctx.group, asked.id, ctx.now.getTime());
    if (!rows.length) return [ctx.reply(ctx.t.penalties.warnsNone(asked.name))];
    const lines = rows.map((r) => ctx.t.penalties.warnsLine(formatLocal(new Date(r.at), tz), ctx.t.penalties.rules[r.rule] ?? r.rule, r.reason, describeStep(ctx.t, parseStep(r.step)!)));
    return [ctx.reply(ctx.t.penalties.warnsList(asked.name, lines))];
  },
};

const ladder: Command = {
  name: 'ladder',
  aliases: ['处罚阶梯'],
  level: 'admin',
  run(ctx) {
    const [stepsText, expiryText, extra] = ctx.command.argv;
    if (extra) return ctx.usage();
    if (stepsText) {
      const steps = ladderSetting.fromText(stepsText);
      const expiry = expiryText === undefined ? undefined : expirySetting.fromText(expiryText);
      if (!steps || (expiryText !== undefined && !expiry)) return ctx.usage();
      ctx.save(ladderSetting, steps);
      if (expiry) ctx.save(expirySetting, expiry);
    }
    const s = ctx.groupSettings;
    const steps = s.get(ladderSetting).map((step) => describeStep(ctx.t, parseStep(step)!)).join(' → ');
    return [ctx.reply(ctx.t.penalties.ladder(steps, ctx.t.penalties.duration(s.get(expirySetting))))];
  },
};

function trustCommand(name: 'trust' | 'untrust', alias: string, trusted: boolean): Command {
  return {
    name,
    aliases: [alias],
    level: 'admin',
    run(ctx) {
      const who = target(ctx);
      if (Array.isArray(who)) return who;
      return [trustSet.of(ctx.group, { userId: who.id, name: who.name, trusted, at: ctx.now.getTime() }), ctx.reply(trusted ? ctx.t.penalties.trusted(who.name) : ctx.t.penalties.untrusted(who.name))];
    },
  };
}

const log: Command = {
  name: 'log',
  aliases: ['处理记录'],
  level: 'admin',
  run(ctx) {
    const n = ctx.command.args ? Number(ctx.command.args) : 10;
    if (!Number.isInteger(n) || n < 1 || n > 50) return ctx.usage();
    const entries = ctx.store.actionLog.recent(ctx.group, n);
    if (!entries.length) return [ctx.reply(ctx.t.penalties.logNone)];
    const tz = ctx.groupSettings.timezone;
    const lines = entries.map((e) => {
      const name = e.userId ? (ctx.store.members.get(ctx.group, e.userId)?.name ?? e.userId) : '';
      return ctx.t.penalties.logLine(formatLocal(new Date(e.at), tz), logAction(ctx.t, e.action), name, e.reason ?? '', logOutcome(ctx.t, e.outcome));
    });
    return [ctx.reply([ctx.t.penalties.logHeader, ...lines].join('\n'))];
  },
};

const appeal: Command = {
  name: 'appeal',
  aliases: ['申诉'],
  level: 'member',
  run(ctx) {
    const strike = ctx.store.of(StrikesRepo).active(ctx.group, ctx.event.sender.id, ctx.now.getTime()).at(-1);
    if (!strike) return [ctx.reply(ctx.t.appeal.none)];
    const title = ctx.store.groups.label(ctx.group);
    const t = ctx.t;
    const text = t.appeal.toOwner(title, strike.userName, t.penalties.rules[strike.rule] ?? strike.rule, strike.reason, describeStep(t, parseStep(strike.step)!), ctx.command.args);
    // Appealing again while the first waits asks the owner again about the same appeal.
    const open = ctx.store.of(StrikesRepo).openAppeal(strike.id);
    const id = open?.id ?? ctx.store.of(StrikesRepo).nextAppealId();
    const note: Action = {
      ...ctx.notifyOwner(text, 'appeal'),
      buttons: [
        { label: t.appeal.accept, data: `appeal:accept:${id}`, keyword: `${t.appeal.accept}${id}` },
        { label: t.appeal.reject, data: `appeal:reject:${id}`, keyword: `${t.appeal.reject}${id}` },
      ],
    };
    return [...(open ? [] : [appealOpened.of(ctx.group, { id, strikeId: strike.id, at: ctx.now.getTime() })]), ctx.reply(t.appeal.sent), note];
  },
};

export const penaltiesFeature: Feature = {
  name: 'penalties',
  commands: [warn, unwarn, warns, ladder, trustCommand('trust', '信任', true), trustCommand('untrust', '取消信任', false), log, appeal],
  rules: [decideAppeal],
  settings: [ladderSetting, expirySetting, cooldownSetting],
  recorders: penaltyRecorders,
};
