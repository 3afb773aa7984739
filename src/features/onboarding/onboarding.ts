import type { Action, Mention } from '../../engine/actions.js';
import type { GroupContext, RuleContext } from '../../engine/context.js';
import { type JobHandler, type JobOutcome, type Rule, atLeast, ruleOn } from '../../engine/registry.js';
import { rulesSetting } from '../../settings/core.js';
import { NewcomersRepo, type NewcomerRow } from './newcomers.sql.js';
import {
  introAction,
  introEnabled,
  introHours,
  introTemplate,
  verifyAnswer,
  verifyAttempts,
  verifyKeyword,
  verifyMinutes,
  verifyMode,
  verifyQuestion,
  welcomeBatchSeconds,
  welcomeTemplate,
} from './settings.js';
import { answerMatches, looksLikeAttempt, renderTemplate } from './template.js';

export const JOB_WELCOME = 'onboarding.welcome';
export const JOB_VERIFY = 'onboarding.verify';
export const JOB_INTRO = 'onboarding.intro';

const mention = (n: { userId: string; name: string }): Mention => ({ id: n.userId, name: n.name });

/** How a held-back newcomer gets in, in words. */
function howToVerify(ctx: GroupContext): string {
  const s = ctx.groupSettings;
  const t = ctx.t.onboarding;
  switch (s.get(verifyMode)) {
    case 'keyword':
      return t.howKeyword(s.get(verifyKeyword));
    case 'question':
      return t.howQuestion(s.get(verifyQuestion));
    default:
      return ctx.capabilities(ctx.group.platform).buttons ? t.howButton : t.howKeyword(t.verifyButtonKeyword);
  }
}

/** Button mode on a platform that can mute holds newcomers back by muting; otherwise by their messages. */
function holdsByMute(ctx: GroupContext): boolean {
  return ctx.groupSettings.get(verifyMode) === 'button' && ctx.capabilities(ctx.group.platform).mute;
}

/** A welcome is posted once per batch window: the first arrival schedules it, later ones join it. */
function queueWelcome(ctx: GroupContext): Action[] {
  const seconds = ctx.groupSettings.get(welcomeBatchSeconds);
  if (seconds === 0) return welcomeNow(ctx);
  if (!ctx.store.jobs.pending(ctx.group, JOB_WELCOME).length) {
    ctx.store.jobs.schedule({ ...ctx.group, kind: JOB_WELCOME, key: 'batch', dueAt: ctx.now.getTime() + seconds * 1000 }, ctx.now.getTime());
  }
  return [];
}

/** One welcome for everyone waiting for it, then the self-introduction prompt if the group asks for one. */
function welcomeNow(ctx: GroupContext): Action[] {
  const waiting = ctx.store.of(NewcomersRepo).inStage(ctx.group, 'welcome');
  if (!waiting.length) return [];
  const s = ctx.groupSettings;
  const t = ctx.t.onboarding;
  const last = ctx.store.members.countPresent(ctx.group);
  const first = last - waiting.length + 1;
  const rules = s.get(rulesSetting);
  const inviters = [...new Set(waiting.map((n) => n.inviterName).filter((x): x is string => !!x))];
  const values = {
    name: waiting.map((n) => `@${n.name}`).join(' '),
    group: ctx.store.groups.title(ctx.group) ?? ctx.group.groupId,
    rules: rules ? t.rulesBlock(rules) : '',
    count: first === last ? String(last) : `${first}–${last}`,
    inviter: inviters.join('、'),
  };
  let text = renderTemplate(s.get(welcomeTemplate) || t.defaultWelcome, values);
  // A template that comes out empty ("{rules}" with no rules yet) would be no welcome at all.
  if (!text.trim()) text = renderTemplate(t.defaultWelcome, values);
  const intro = s.get(introEnabled);
  if (intro) text += `\n${t.introPrompt(s.get(introTemplate) || t.defaultIntro)}`;
  const now = ctx.now.getTime();
  for (const n of waiting) {
    ctx.store.of(NewcomersRepo).setStage(ctx.group, n.userId, intro ? 'intro' : 'done');
    // One deadline, `intro.hours` after the welcome; the reminder comes halfway.
    if (intro) ctx.store.jobs.schedule({ ...ctx.group, kind: JOB_INTRO, key: n.userId, dueAt: now + (s.get(introHours) * 3_600_000) / 2 }, now);
  }
  return [ctx.send(text, { mentions: waiting.map(mention) })];
}

function challenge(ctx: GroupContext, who: Mention): Action[] {
  const s = ctx.groupSettings;
  const t = ctx.t.onboarding;
  const minutes = s.get(verifyMinutes);
  const actions: Action[] = [];
  if (holdsByMute(ctx)) {
    // Until verified; the deadline job removes or reports them, and verification lifts it.
    actions.push({ type: 'mute', ...ctx.group, user: who, until: new Date(ctx.now.getTime() + 366 * 86_400_000), reason: ctx.t.penalties.rules.verify ?? 'verify' });
  }
  switch (s.get(verifyMode)) {
    case 'keyword':
      actions.push(ctx.send(t.verifyKeyword(who.name, s.get(verifyKeyword), minutes), { mentions: [who] }));
      break;
    case 'question':
      actions.push(ctx.send(t.verifyQuestion(who.name, s.get(verifyQuestion), minutes), { mentions: [who] }));
      break;
    default:
      actions.push(
        ctx.send(t.verifyButton(who.name, minutes, !ctx.capabilities(ctx.group.platform).buttons, holdsByMute(ctx)), {
          mentions: [who],
          buttons: [{ label: t.verifyButtonLabel, data: `verify:${who.id}`, keyword: t.verifyButtonKeyword }],
        }),
      );
  }
  return actions;
}

function verified(ctx: GroupContext, n: NewcomerRow): Action[] {
  ctx.store.of(NewcomersRepo).setStage(ctx.group, n.userId, 'welcome');
  ctx.store.jobs.cancel(ctx.group, JOB_VERIFY, n.userId);
  const actions: Action[] = [];
  if (holdsByMute(ctx)) actions.push({ type: 'unmute', ...ctx.group, user: mention(n), reason: ctx.t.onboarding.verified });
  return [...actions, ...queueWelcome(ctx)];
}

/** Not verified: removed where the platform allows; the executor reports it to the owner where not. */
function reject(ctx: GroupContext, n: NewcomerRow, reason: string): Action[] {
  ctx.store.of(NewcomersRepo).setStage(ctx.group, n.userId, 'done');
  ctx.store.jobs.cancel(ctx.group, JOB_VERIFY, n.userId);
  return [{ type: 'kick', ...ctx.group, user: mention(n), reason }];
}

const arrivals = ruleOn('memberJoined', {
  id: 'onboarding.arrivals',
  stage: 'after',
  decide(ctx: RuleContext, e) {
    const mode = ctx.groupSettings.get(verifyMode);
    const now = ctx.now.getTime();
    const actions: Action[] = [];
    for (const m of e.members.filter((x) => !x.isBot)) {
      const needsCheck = mode !== 'off' && !atLeast(ctx.levelOf(ctx.group, m), 'admin');
      ctx.store.of(NewcomersRepo).arrive(ctx.group, m.id, m.name, e.inviter?.name, e.at.getTime(), needsCheck ? 'verify' : 'welcome');
      if (!needsCheck) continue;
      ctx.store.jobs.schedule({ ...ctx.group, kind: JOB_VERIFY, key: m.id, dueAt: now + ctx.groupSettings.get(verifyMinutes) * 60_000 }, now);
      actions.push(...challenge(ctx, { id: m.id, name: m.name }));
    }
    actions.push(...queueWelcome(ctx));
    return actions;
  },
});

/**
 * Newcomers' first messages: the verification answer, messages held back until they verify, and
 * the self-introduction. Runs before every other message rule.
 */
const newcomerMessages: Rule = {
  id: 'onboarding.newcomer-messages',
  on: ['message', 'buttonPressed'],
  stage: 'guard',
  decide(ctx: RuleContext) {
    const e = ctx.event;
    if (e.type === 'buttonPressed') return verifyButton(ctx);
    if (e.type !== 'message' || e.chat !== 'group') return;
    const n = ctx.store.of(NewcomersRepo).get(ctx.group, e.sender.id);
    if (!n || n.stage === 'done' || n.stage === 'welcome') return;
    const s = ctx.groupSettings;
    const t = ctx.t.onboarding;
    if (n.stage === 'intro') {
      if (ctx.command) return; // "/rules" is no self-introduction
      ctx.store.of(NewcomersRepo).setStage(ctx.group, n.userId, 'done');
      ctx.store.jobs.cancel(ctx.group, JOB_INTRO, n.userId);
      return [ctx.send(t.introThanks(n.name), { replyTo: e.messageId, mentions: [mention(n)] })];
    }
    // stage 'verify'
    const mode = s.get(verifyMode);
    const answer = mode === 'keyword' ? s.get(verifyKeyword) : mode === 'question' ? s.get(verifyAnswer) : undefined;
    if (answer !== undefined && e.kind === 'text') {
      if (answerMatches(e.text, answer)) return { actions: verified(ctx, n), stop: true };
      if (mode === 'question' && looksLikeAttempt(e.text)) {
        const tries = ctx.store.of(NewcomersRepo).wrongAnswer(ctx.group, n.userId);
        const left = s.get(verifyAttempts) - tries;
        if (left <= 0) return { actions: reject(ctx, n, t.failedAttempts), stop: true };
        return { actions: [ctx.send(t.wrongAnswer(n.name, left), { replyTo: e.messageId, mentions: [mention(n)] })], stop: true };
      }
    }
    // Held back: removed where the platform can delete, else flagged; told how to get in once.
    const actions: Action[] = [];
    if (ctx.capabilities(ctx.group.platform).deleteMessages) {
      actions.push({ type: 'delete', ...ctx.group, messageId: e.messageId, user: mention(n), reason: ctx.t.penalties.rules.verify ?? 'verify' });
    }
    if (ctx.store.of(NewcomersRepo).firstHeldNotice(ctx.group, n.userId)) actions.push(ctx.send(t.heldBack(n.name, howToVerify(ctx)), { mentions: [mention(n)] }));
    return { actions, stop: true };
  },
};

function verifyButton(ctx: RuleContext) {
  const e = ctx.event;
  if (e.type !== 'buttonPressed' || !e.data.startsWith('verify:')) return;
  const answer = (text: string): Action[] => (e.pressId ? [{ type: 'answerButton', ...ctx.group, pressId: e.pressId, text }] : []);
  const uid = e.data.slice('verify:'.length);
  if (uid !== e.sender.id) return { actions: answer(ctx.t.onboarding.notYourButton), stop: true };
  const n = ctx.store.of(NewcomersRepo).get(ctx.group, uid);
  if (!n || n.stage !== 'verify') return { actions: answer(ctx.t.onboarding.verified), stop: true };
  return { actions: [...answer(ctx.t.onboarding.verified), ...verified(ctx, n)], stop: true };
}

const welcomeJob: JobHandler = { kind: JOB_WELCOME, run: (ctx) => welcomeNow(ctx) };

const verifyDeadline: JobHandler = {
  kind: JOB_VERIFY,
  run(ctx) {
    const n = ctx.store.of(NewcomersRepo).get(ctx.group, ctx.job.key);
    if (!n || n.stage !== 'verify') return [];
    return reject(ctx, n, ctx.t.onboarding.failed(ctx.groupSettings.get(verifyMinutes)));
  },
};

/** Halfway to the deadline, one reminder that says what happens next; at the deadline, the owner's chosen action. */
const introDeadline: JobHandler = {
  kind: JOB_INTRO,
  run(ctx): JobOutcome | Action[] {
    const n = ctx.store.of(NewcomersRepo).get(ctx.group, ctx.job.key);
    if (!n || n.stage !== 'intro') return [];
    const s = ctx.groupSettings;
    const t = ctx.t.onboarding;
    if (!n.introReminded) {
      ctx.store.of(NewcomersRepo).markIntroReminded(ctx.group, n.userId);
      const half = (s.get(introHours) * 3_600_000) / 2;
      const then = t.introConsequence[s.get(introAction)](s.get(introHours) / 2);
      return {
        actions: [ctx.send(t.introReminder(n.name, s.get(introTemplate) || t.defaultIntro, then), { mentions: [mention(n)] })],
        next: { dueAt: new Date(ctx.job.dueAt + half) },
      };
    }
    ctx.store.of(NewcomersRepo).setStage(ctx.group, n.userId, 'done');
    switch (s.get(introAction)) {
      case 'nothing':
        return [];
      case 'report':
        return [ctx.notifyOwner(t.introMissing(ctx.store.groups.title(ctx.group) ?? ctx.group.groupId, n.name))];
      case 'remove':
        return [{ type: 'kick', ...ctx.group, user: mention(n), reason: t.introReason }];
    }
  },
};

export const onboardingRules = [arrivals, newcomerMessages];
export const onboardingJobs = [welcomeJob, verifyDeadline, introDeadline];
export { welcomeNow };
