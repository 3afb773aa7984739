// An appeal decided: the owner's answer to a member's /appeal against a strike.
import type { Action } from '../../engine/actions.js';
import { type RuleContext, answerPress } from '../../engine/context.js';
import { atLeast, ruleOn } from '../../engine/registry.js';
import { StrikesRepo } from './strikes.sql.js';
import { learnedAs } from '../adfilter/index.js';
import { logEntry } from '../../engine/records.js';
import { appealDecided, withdraw } from './records.js';

const APPEAL_RE = /^appeal:(accept|reject):(\d+)$/;

/** The owner's one tap (or one word): accepting removes the strike and restores what was deleted. */
export const decideAppeal = ruleOn('buttonPressed', {
  id: 'penalties.decide-appeal',
  stage: 'after',
  decide(ctx: RuleContext, e) {
    const m = APPEAL_RE.exec(e.data);
    if (!m) return;
    const answer = (text: string) => answerPress(ctx, e, text);
    const appealRow = ctx.store.of(StrikesRepo).getAppeal(Number(m[2]));
    const strike = appealRow && ctx.store.of(StrikesRepo).get(appealRow.strikeId);
    if (!appealRow || !strike || strike.platform !== e.platform) return { actions: answer(ctx.t.appeal.already), stop: true };
    const g = { platform: strike.platform, groupId: strike.groupId };
    if (!atLeast(ctx.levelOf(g, e.sender), 'admin')) return { actions: answer(ctx.t.appeal.notAllowed), stop: true };
    const accepted = m[1] === 'accept';
    const now = ctx.now.getTime();
    if (appealRow.state !== 'open') return { actions: answer(ctx.t.appeal.already), stop: true };
    // The group hears it in its own language; the owner's private chat may differ.
    const t = ctx.inGroup(g).t;
    const user = { id: strike.userId, name: strike.userName };
    const out: Action[] = [appealDecided.of(g, { id: appealRow.id, state: accepted ? 'accepted' : 'rejected', by: e.sender.id, at: now }), ...answer(ctx.t.appeal.decided)];
    if (accepted) {
      out.push(...withdraw(ctx.inGroup(g), strike, 'appeal accepted', e.sender.name));
      out.push({ type: 'send', ...g, text: t.appeal.accepted(user.name), mentions: [user] });
      if (strike.step.startsWith('mute')) out.push({ type: 'unmute', ...g, user, reason: 'appeal accepted' });
      // Repost only what was deleted: on WeChat the bot cannot delete, so the message is still there.
      if (strike.messageText && ctx.capabilities(g.platform).deleteMessages) out.push({ type: 'send', ...g, text: t.appeal.repost(user.name, strike.messageText) });
      // A removed "ad" that was not one: the group's filter learns from the owner's reversal.
      if (strike.rule === 'ads' && strike.messageText) out.push(learnedAs(g, 'ham', strike.messageText, now));
    } else {
      out.push(logEntry.of(g, { at: now, what: 'appeal rejected', userId: strike.userId, reason: strike.reason, outcome: `by:${e.sender.name}` }));
      out.push({ type: 'send', ...g, text: t.appeal.rejected(user.name), mentions: [user] });
    }
    return { actions: out, stop: true };
  },
});
