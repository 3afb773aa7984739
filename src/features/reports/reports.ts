// /report (举报): members point admins at a message; admins decide with one tap (delete, strike,
// remove, dismiss). Enough distinct reporters hide the message until an admin decides; a dismissed
// report puts a hidden message back. One member may report only so often.
import type { Action, Button } from '../../engine/actions.js';
import { type CommandContext, answerPress } from '../../engine/context.js';
import { logEntry } from '../../engine/records.js';
import { atLeast, ruleOn } from '../../engine/registry.js';
import type { Messages } from '../../i18n/index.js';
import { intSetting } from '../../settings/definition.js';
import { punish } from '../penalties/index.js';
import { reportFiled, reportSettled, reportVoted } from './records.js';
import { type ReportState, ReportsRepo } from './reports.sql.js';

/** Distinct members whose reports hide a message until an admin decides. */
export const reportHideAt = intSetting('reports.hideAt', 2, 50, 3);
/** Reports one member may make in a group in an hour: more is misuse, not vigilance. */
export const REPORTS_PER_HOUR = 5;
const HOUR = 3_600_000;

const CHOICES = ['delete', 'strike', 'ban', 'dismiss'] as const;
type Choice = (typeof CHOICES)[number];
const SETTLED: Record<Choice, ReportState> = { delete: 'deleted', strike: 'struck', ban: 'banned', dismiss: 'dismissed' };

function decisionButtons(t: Messages['reports'], id: number): Button[] {
  return CHOICES.map((c) => ({ label: t.choices[c], data: `report:${id}:${c}`, keyword: `${t.keywords[c]}${id}` }));
}

/** A member's /report, as a reply to the message. */
export function fileReport(ctx: CommandContext): Action[] {
  const t = ctx.t.reports;
  const replied = ctx.event.replyTo;
  if (!replied?.senderId) return ctx.usage();
  const g = ctx.group;
  const me = ctx.event.sender;
  const now = ctx.now.getTime();
  if (replied.senderId === me.id) return [ctx.reply(t.notYourOwn)];
  if (atLeast(ctx.levelOf(g, { id: replied.senderId }), 'admin')) return [ctx.reply(t.notAdmins)];
  const repo = ctx.store.of(ReportsRepo);
  const existing = repo.ofMessage(g, replied.messageId);
  if (existing && existing.state !== 'open' && existing.state !== 'hidden') return [ctx.reply(t.decidedAlready)];
  const reporters = existing ? repo.reporters(existing.id) : [];
  if (reporters.includes(me.id)) return [ctx.reply(t.already)];
  if (repo.madeSince(g, me.id, now - HOUR) >= REPORTS_PER_HOUR) return [ctx.reply(t.tooMany)];
  const id = existing?.id ?? repo.nextId();
  const user = { id: replied.senderId, name: replied.senderName ?? replied.senderId };
  const text = replied.text ?? '';
  const out: Action[] = [];
  if (!existing) {
    out.push(reportFiled.of(g, { id, messageId: replied.messageId, userId: user.id, userName: user.name, text, at: now }));
    const title = ctx.store.groups.label(g);
    out.push({ type: 'notifyOwner', ...g, text: t.toAdmins(title, me.name, user.name, text), buttons: decisionButtons(t, id) });
  }
  out.push(reportVoted.of(g, { id, reporterId: me.id, at: now }));
  const votes = reporters.length + 1;
  if (existing?.state === 'hidden' || votes < ctx.groupSettings.get(reportHideAt)) return [...out, ctx.reply(t.received)];
  const reason = t.hiddenReason(votes);
  return [
    ...out,
    reportSettled.of(g, { id, state: 'hidden', by: null }),
    logEntry.of(g, { at: now, what: 'report: hidden', userId: user.id, reason, outcome: `votes:${votes}` }),
    { type: 'delete', ...g, messageId: replied.messageId, user, reason, remindInPublic: false },
    ctx.send(t.hidden(user.name, votes)),
  ];
}

const DECISION_RE = /^report:(\d+):(delete|strike|ban|dismiss)$/;

/** An admin's tap on a report, in the group or in their private chat. */
export const decideReport = ruleOn('buttonPressed', {
  id: 'reports.decide',
  stage: 'after',
  decide(ctx, e) {
    const m = DECISION_RE.exec(e.data);
    if (!m) return;
    const answer = (text: string) => answerPress(ctx, e, text);
    const r = ctx.store.of(ReportsRepo).get(Number(m[1]));
    if (!r || r.platform !== e.platform) return { actions: answer(ctx.t.reports.decidedAlready), stop: true };
    const g = { platform: r.platform, groupId: r.groupId };
    if (!atLeast(ctx.levelOf(g, e.sender), 'admin')) return { actions: answer(ctx.t.reports.notAllowed), stop: true };
    if (r.state !== 'open' && r.state !== 'hidden') return { actions: answer(ctx.t.reports.decidedAlready), stop: true };
    const choice = m[2] as Choice;
    // What the group is told is in the group's language, as the group's own context would say it.
    const group = ctx.inGroup(g);
    const t = group.t.reports;
    const user = { id: r.userId, name: r.userName };
    const at = ctx.now.getTime();
    const decided: Action[] = [
      reportSettled.of(g, { id: r.id, state: SETTLED[choice], by: e.sender.id }),
      logEntry.of(g, { at, what: `report: ${choice}`, userId: r.userId, reason: t.reason, outcome: `by:${e.sender.name}` }),
    ];
    const remove: Action[] = r.state === 'hidden' ? [] : [{ type: 'delete', ...g, messageId: r.messageId, user, reason: t.reason, remindInPublic: false }];
    const done = answer(ctx.t.reports.done[choice]);
    switch (choice) {
      case 'dismiss':
        // A hidden message goes back up, as a won appeal's would (a picture cannot: only its words were kept).
        return { actions: [...decided, ...(r.state === 'hidden' && r.text ? [group.send(t.restored(r.userName, r.text))] : []), ...done], stop: true };
      case 'delete':
        return { actions: [...decided, ...remove, ...done], stop: true };
      case 'strike':
        return { actions: [...decided, ...remove, ...punish(group, { user, rule: 'reported', reason: t.reason, by: e.sender.id, messageId: r.messageId, deletedText: r.text }), ...done], stop: true };
      case 'ban':
        return { actions: [...decided, ...remove, { type: 'kick', ...g, user, reason: t.reason, share: true }, ...done], stop: true };
    }
  },
});
