import type { Action, Mention } from '../../engine/actions.js';
import type { GroupContext } from '../../engine/context.js';
import type { Role } from '../../engine/events.js';
import { atLeast } from '../../engine/registry.js';
import type { Messages } from '../../i18n/index.js';
import { parseDuration } from '../../time/calendar.js';
import { logEntry } from '../../engine/records.js';
import { strikeRecorded } from './records.js';
import { type Step, cooldownSetting, expirySetting, ladderSetting, parseStep, stepFor } from './ladder.js';
import { StrikesRepo } from './strikes.sql.js';

/** A newcomer's first day is gentler: automatic strikes then stop at a warning (ads aside). */
const FIRST_DAY_MS = 86_400_000;

export interface Offence {
  user: Mention;
  /** Which rule: 'workhours', 'ads', 'manual', … (its label lives in i18n). */
  rule: string;
  /** Why, in one short phrase the member understands. */
  reason: string;
  /** The admin who warned by hand; unset for automatic strikes. */
  by?: string;
  messageId?: string;
  /** The text of a message the bot deleted, kept so a won appeal can repost it. */
  deletedText?: string;
  /** Said in the same line (a request to recall the message where the bot cannot delete it). */
  also?: string;
}

/** Admins (by the platform's word on this very message, or as stored) and trusted members: never punished automatically. */
export function isExempt(ctx: GroupContext, sender: { id: string; role?: Role | undefined }): boolean {
  if (atLeast(ctx.levelOf(ctx.group, sender), 'admin')) return true;
  return !!ctx.store.members.get(ctx.group, sender.id)?.trusted;
}

/** A member's strikes that still count, oldest first. */
export const activeStrikes = (ctx: GroupContext, userId: string) => ctx.store.of(StrikesRepo).active(ctx.group, userId, ctx.now.getTime());

export function describeStep(t: Messages, step: Step): string {
  switch (step.kind) {
    case 'remind':
      return t.penalties.steps.remind;
    case 'warn':
      return t.penalties.steps.warn;
    case 'mute':
      return t.penalties.steps.mute(t.penalties.duration(step.text));
    case 'kick':
      return t.penalties.steps.kick;
  }
}

/**
 * A strike on the group's ladder, as data: the strike and its log line as records, one short line
 * telling the member which rule, which strike and what comes next, and a mute or a removal with its
 * reason.
 */
export function punish(ctx: GroupContext, o: Offence): Action[] {
  const g = ctx.group;
  const now = ctx.now.getTime();
  const ladder = ctx.groupSettings.get(ladderSetting);
  const active = ctx.store.of(StrikesRepo).active(g, o.user.id, now);
  // A burst is one offence: within the cooling period after an automatic strike, no step is climbed
  // again (the member was just told). An admin's /warn always counts.
  const last = active.at(-1);
  if (!o.by && last && !last.byUser && now - last.at < parseDuration(ctx.groupSettings.get(cooldownSetting))!) return [];
  const n = active.length + 1;
  let stepText = stepFor(n, ladder);
  const joinedAt = ctx.store.members.get(g, o.user.id)?.joinedAt;
  const firstDay = !o.by && o.rule !== 'ads' && joinedAt != null && now - joinedAt < FIRST_DAY_MS;
  if (firstDay && !['remind', 'warn'].includes(stepText)) stepText = 'warn';
  const step = parseStep(stepText)!;
  const expiry = parseDuration(ctx.groupSettings.get(expirySetting))!;
  const t = ctx.t;
  const recorded = strikeRecorded.of(g, {
    userId: o.user.id,
    userName: o.user.name,
    rule: o.rule,
    reason: o.reason,
    at: now,
    expiresAt: now + expiry,
    step: stepText,
    ...(o.by ? { byUser: o.by } : {}),
    ...(o.messageId ? { messageId: o.messageId } : {}),
    ...(o.deletedText !== undefined ? { messageText: o.deletedText } : {}),
  });
  const ruleLabel = t.penalties.rules[o.rule] ?? o.rule;
  const logged = logEntry.of(g, { at: now, what: 'strike', userId: o.user.id, reason: t.penalties.because(ruleLabel, o.reason), outcome: `step:${n}:${stepText}` });
  const next = n < ladder.length ? parseStep(ladder[n]!) : undefined;
  const explained = t.penalties.explain(o.user.name, ruleLabel, o.reason, n, describeStep(t, step), next ? describeStep(t, next) : undefined);
  // A muted member can post nowhere in the group: the appeal goes through the bot's private chat.
  const link = ctx.privateLink(g.platform, 'appeal');
  const line = [explained, o.also, link && t.penalties.appealPrivately(link)].filter(Boolean).join('\n');
  const reason = t.penalties.because(ruleLabel, o.reason);
  const actions: Action[] = [recorded, logged, ctx.send(line, { mentions: [o.user], reason })];
  if (step.kind === 'mute') actions.push({ type: 'mute', ...g, user: o.user, until: new Date(now + step.ms), reason });
  if (step.kind === 'kick') actions.push({ type: 'kick', ...g, user: o.user, reason });
  return actions;
}
