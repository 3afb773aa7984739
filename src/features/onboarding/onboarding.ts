import type { Action, Mention } from '../../engine/actions.js';
import type { Messages } from '../../i18n/index.js';
import { type GroupContext, type RuleContext, answerButtonOnly } from '../../engine/context.js';
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
  verifyObserve,
  verifyQuestion,
  welcomeBatchSeconds,
  welcomeTemplate,
} from './settings.js';
import { answerMatches, looksLikeAttempt, renderTemplate } from './template.js';
import { EMOJI, captchaSeed, emojiPick, givenNumber, mathQuestion } from './captcha.js';
import { cancelJob, logEntry, scheduleJob } from '../../engine/records.js';
import { introReminded, newcomerArrived, newcomerMissed, newcomerMoved, newcomerTold } from './records.js';
import { raidActive } from '../raid/index.js';
import { staffLine } from '../roles/index.js';

export const JOB_WELCOME = 'onboarding.welcome';
export const JOB_VERIFY = 'onboarding.verify';
export const JOB_INTRO = 'onboarding.intro';
export const JOB_CHALLENGE = 'onboarding.challenge';
/** In a raid, newcomers are asked together, once per this long: one message, not one per newcomer. */
const RAID_CHALLENGE_EVERY_MS = 20_000;

const mention = (n: { userId: string; name: string }): Mention => ({ id: n.userId, name: n.name });

/** The entry check as this platform can ask it: a picture to pick needs buttons, so without them it is a sum. */
function modeOf(ctx: GroupContext) {
  const mode = ctx.groupSettings.get(verifyMode);
  return mode === 'emoji' && !ctx.capabilities(ctx.group.platform).buttons ? 'math' : mode;
}

/** A newcomer's sum, as asked. */
const sumAsked = (seed: number) => `${mathQuestion(seed).question} = ?`;
/** The picture a newcomer is to pick, named in the group's language. */
const pictureNamed = (t: Messages['onboarding'], pick: ReturnType<typeof emojiPick>) => t.emojiNames[pick.options[pick.answer]!] ?? '';

/** How a held-back newcomer gets in, in words. */
function howToVerify(ctx: GroupContext, n: NewcomerRow): string {
  const s = ctx.groupSettings;
  const t = ctx.t.onboarding;
  const seed = captchaSeed(n.userId, n.joinedAt);
  switch (modeOf(ctx)) {
    case 'keyword':
      return t.howKeyword(s.get(verifyKeyword));
    case 'question':
      return t.howQuestion(s.get(verifyQuestion));
    case 'math':
      return t.howQuestion(sumAsked(seed));
    case 'emoji':
      return t.howEmoji(pictureNamed(t, emojiPick(seed)));
    default:
      return ctx.capabilities(ctx.group.platform).buttons ? t.howButton : t.howKeyword(t.verifyButtonKeyword);
  }
}

/** Observe: newcomers are asked as usual, but nobody is held back, muted or removed; the log says what would have been. */
const observing = (ctx: GroupContext) => ctx.groupSettings.get(verifyObserve);

/**
 * A check answered by a button (the button, a picture to pick) on a platform that can mute holds
 * newcomers back by muting; a typed answer cannot be given muted, so those are held by their messages.
 */
function holdsByMute(ctx: GroupContext): boolean {
  const mode = modeOf(ctx);
  return (mode === 'button' || mode === 'emoji') && ctx.capabilities(ctx.group.platform).mute && !observing(ctx);
}

/**
 * A welcome is posted once per batch window: the first arrival schedules it, later ones join it.
 * `arriving`: who this very decision lets in (their stage is written with the decision).
 */
function queueWelcome(ctx: GroupContext, arriving: NewcomerRow[]): Action[] {
  if (!arriving.length) return [];
  const seconds = ctx.groupSettings.get(welcomeBatchSeconds);
  if (seconds === 0) return welcomeNow(ctx, arriving);
  if (ctx.store.jobs.hasPending(ctx.group, JOB_WELCOME)) return [];
  const now = ctx.now.getTime();
  return [scheduleJob.of(ctx.group, { kind: JOB_WELCOME, key: 'batch', dueAt: now + seconds * 1000, at: now })];
}

/** One welcome for everyone waiting for it, then the self-introduction prompt if the group asks for one. */
function welcomeNow(ctx: GroupContext, arriving: NewcomerRow[] = []): Action[] {
  const fresh = new Set(arriving.map((n) => n.userId));
  const waiting = [...ctx.store.of(NewcomersRepo).inStage(ctx.group, 'welcome').filter((n) => !fresh.has(n.userId)), ...arriving].sort(
    (a, b) => a.joinedAt - b.joinedAt || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
  if (!waiting.length) return [];
  const s = ctx.groupSettings;
  const t = ctx.t.onboarding;
  const last = ctx.store.members.countPresent(ctx.group);
  const first = last - waiting.length + 1;
  const rules = s.get(rulesSetting);
  const inviters = [...new Set(waiting.map((n) => n.inviterName).filter((x): x is string => !!x))];
  const values = {
    name: waiting.map((n) => `@${n.name}`).join(' '),
    group: ctx.store.groups.label(ctx.group),
    rules: rules ? t.rulesBlock(rules) : '',
    count: first === last ? String(last) : `${first}–${last}`,
    inviter: inviters.join('、'),
    staff: staffLine(ctx),
  };
  let text = renderTemplate(s.get(welcomeTemplate) || t.defaultWelcome, values);
  // A template that comes out empty ("{rules}" with no rules yet) would be no welcome at all.
  if (!text.trim()) text = renderTemplate(t.defaultWelcome, values);
  const intro = s.get(introEnabled);
  if (intro) text += `\n${t.introPrompt(s.get(introTemplate) || t.defaultIntro)}`;
  const now = ctx.now.getTime();
  const out: Action[] = [];
  for (const n of waiting) {
    out.push(newcomerMoved.of(ctx.group, { userId: n.userId, stage: intro ? 'intro' : 'done' }));
    // One deadline, `intro.hours` after the welcome; the reminder comes halfway.
    if (intro) out.push(scheduleJob.of(ctx.group, { kind: JOB_INTRO, key: n.userId, dueAt: now + (s.get(introHours) * 3_600_000) / 2, at: now }));
  }
  return [...out, ctx.send(text, { mentions: waiting.map(mention) })];
}

/** Held back until verified: muted where that is how the group holds newcomers back. */
function holdBack(ctx: GroupContext, who: Mention): Action[] {
  // Until verified; the deadline job removes or reports them, and verification lifts it.
  return holdsByMute(ctx) ? [{ type: 'mute', ...ctx.group, user: who, until: new Date(ctx.now.getTime() + 366 * 86_400_000), reason: ctx.t.penalties.rules.verify ?? 'verify' }] : [];
}

/**
 * The question to a newcomer (`joinedAt`: when, which picks their captcha), or (`who` undefined, in a
 * raid) to every newcomer at once: then a captcha is the button, anyone's.
 */
function ask(ctx: GroupContext, who: (Mention & { joinedAt: number }) | undefined): Action {
  const s = ctx.groupSettings;
  const t = ctx.t.onboarding;
  const minutes = s.get(verifyMinutes);
  const to = who ? `@${who.name}` : t.everyNewcomer;
  const mentions = who ? [{ id: who.id, name: who.name }] : [];
  const mode = modeOf(ctx);
  const seed = who && captchaSeed(who.id, who.joinedAt);
  if (mode === 'math' && seed !== undefined) return ctx.send(t.verifyQuestion(to, sumAsked(seed), minutes), { mentions });
  if (mode === 'emoji' && seed !== undefined) {
    const pick = emojiPick(seed);
    return ctx.send(t.verifyEmoji(to, pictureNamed(t, pick), minutes, holdsByMute(ctx)), {
      mentions,
      buttons: pick.options.map((name, i) => ({ label: EMOJI[name], data: `verify:${who!.id}:${i}`, keyword: `${t.verifyButtonKeyword}${i + 1}` })),
    });
  }
  switch (mode) {
    case 'keyword':
      return ctx.send(t.verifyKeyword(to, s.get(verifyKeyword), minutes), { mentions });
    case 'question':
      return ctx.send(t.verifyQuestion(to, s.get(verifyQuestion), minutes), { mentions });
    default:
      return ctx.send(t.verifyButton(to, minutes, !ctx.capabilities(ctx.group.platform).buttons, holdsByMute(ctx)), {
        mentions,
        buttons: [{ label: t.verifyButtonLabel, data: `verify:${who?.id ?? 'any'}`, keyword: t.verifyButtonKeyword }],
      });
  }
}

function verified(ctx: GroupContext, n: NewcomerRow): Action[] {
  const actions: Action[] = [newcomerMoved.of(ctx.group, { userId: n.userId, stage: 'welcome' }), cancelJob.of(ctx.group, { kind: JOB_VERIFY, key: n.userId })];
  if (holdsByMute(ctx)) actions.push({ type: 'unmute', ...ctx.group, user: mention(n), reason: ctx.t.onboarding.verified });
  return [...actions, ...queueWelcome(ctx, [{ ...n, stage: 'welcome' }])];
}

/** Not verified: removed where the platform allows; the executor reports it to the owner where not. */
function reject(ctx: GroupContext, n: NewcomerRow, reason: string): Action[] {
  const done = [newcomerMoved.of(ctx.group, { userId: n.userId, stage: 'done' }), cancelJob.of(ctx.group, { kind: JOB_VERIFY, key: n.userId })];
  if (observing(ctx)) return [...done, wouldHave(ctx, n, 'kick', reason)];
  return [...done, { type: 'kick', ...ctx.group, user: mention(n), reason }];
}

const wouldHave = (ctx: GroupContext, n: NewcomerRow, what: 'hold' | 'kick', reason: string): Action =>
  logEntry.of(ctx.group, { at: ctx.now.getTime(), what: 'verify (observe)', userId: n.userId, reason, outcome: `would:${what}` });

const arrivals = ruleOn('memberJoined', {
  id: 'onboarding.arrivals',
  stage: 'after',
  decide(ctx: RuleContext, e) {
    const mode = ctx.groupSettings.get(verifyMode);
    const now = ctx.now.getTime();
    const actions: Action[] = [];
    const welcome: NewcomerRow[] = [];
    // In a raid the bot must not become the flood: newcomers are asked together, in one message.
    const together = mode !== 'off' && raidActive(ctx);
    let asking = together && ctx.store.jobs.hasPending(ctx.group, JOB_CHALLENGE);
    for (const m of e.members.filter((x) => !x.isBot)) {
      const needsCheck = mode !== 'off' && !atLeast(ctx.levelOf(ctx.group, m), 'admin');
      const row: NewcomerRow = { userId: m.id, name: m.name, inviterName: e.inviter?.name ?? null, joinedAt: e.at.getTime(), stage: needsCheck ? 'verify' : 'welcome', attempts: 0, heldNotice: 0, introReminded: 0 };
      actions.push(newcomerArrived.of(ctx.group, { userId: m.id, name: m.name, inviterName: e.inviter?.name, at: row.joinedAt, stage: row.stage }));
      if (!needsCheck) {
        welcome.push(row);
        continue;
      }
      actions.push(scheduleJob.of(ctx.group, { kind: JOB_VERIFY, key: m.id, dueAt: now + ctx.groupSettings.get(verifyMinutes) * 60_000, at: now }));
      actions.push(...holdBack(ctx, { id: m.id, name: m.name }));
      if (!together) actions.push(ask(ctx, { id: m.id, name: m.name, joinedAt: row.joinedAt }));
      else if (!asking) {
        actions.push(scheduleJob.of(ctx.group, { kind: JOB_CHALLENGE, key: 'batch', dueAt: now + RAID_CHALLENGE_EVERY_MS, at: now }));
        asking = true;
      }
    }
    actions.push(...queueWelcome(ctx, welcome));
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
      return [newcomerMoved.of(ctx.group, { userId: n.userId, stage: 'done' }), cancelJob.of(ctx.group, { kind: JOB_INTRO, key: n.userId }), ctx.send(t.introThanks(n.name), { replyTo: e.messageId, mentions: [mention(n)] })];
    }
    // stage 'verify'
    const mode = modeOf(ctx);
    const missed = () => ({ actions: wrongTry(ctx, n, (left) => [ctx.send(t.wrongAnswer(n.name, left), { replyTo: e.messageId, mentions: [mention(n)] })], []), stop: true });
    if (mode === 'math' && e.kind === 'text') {
      const given = givenNumber(e.text);
      if (given === mathQuestion(captchaSeed(n.userId, n.joinedAt)).answer) return { actions: verified(ctx, n), stop: true };
      if (given !== undefined) return missed();
    }
    const answer = mode === 'keyword' ? s.get(verifyKeyword) : mode === 'question' ? s.get(verifyAnswer) : undefined;
    if (answer !== undefined && e.kind === 'text') {
      if (answerMatches(e.text, answer)) return { actions: verified(ctx, n), stop: true };
      if (mode === 'question' && looksLikeAttempt(e.text)) return missed();
    }
    // In a raid the batched question is the notice: nobody is told one by one.
    const told = n.heldNotice || raidActive(ctx) ? [] : [newcomerTold.of(ctx.group, { userId: n.userId })];
    // Observed, not held: what would have been done goes to the log, once per newcomer.
    if (observing(ctx)) return n.heldNotice ? undefined : [...told, wouldHave(ctx, n, 'hold', ctx.t.penalties.rules.verify ?? 'verify')];
    // Held back: removed where the platform can delete, else flagged; told how to get in once.
    const actions: Action[] = [];
    if (ctx.capabilities(ctx.group.platform).deleteMessages) {
      actions.push({ type: 'delete', ...ctx.group, messageId: e.messageId, user: mention(n), reason: ctx.t.penalties.rules.verify ?? 'verify' });
    }
    if (told.length) actions.push(...told, ctx.send(t.heldBack(n.name, howToVerify(ctx, n)), { mentions: [mention(n)] }));
    return { actions, stop: true };
  },
};

/**
 * A wrong answer or pick, counted: the last try removes the newcomer (after `lastWords`); before
 * that, `tell` says how many are left.
 */
function wrongTry(ctx: GroupContext, n: NewcomerRow, tell: (left: number) => Action[], lastWords: Action[]): Action[] {
  const counted = newcomerMissed.of(ctx.group, { userId: n.userId });
  const left = ctx.groupSettings.get(verifyAttempts) - (n.attempts + 1);
  return left <= 0 ? [counted, ...lastWords, ...reject(ctx, n, ctx.t.onboarding.failedAttempts)] : [counted, ...tell(left)];
}

function verifyButton(ctx: RuleContext) {
  const e = ctx.event;
  if (e.type !== 'buttonPressed' || !e.data.startsWith('verify:')) return;
  const answer = (text: string) => answerButtonOnly(e, text);
  // A raid's one question has a button for every newcomer; a picture to pick has one per picture.
  const [, id, picked] = e.data.split(':');
  const uid = id === 'any' ? e.sender.id : id;
  if (uid !== e.sender.id) return { actions: answer(ctx.t.onboarding.notYourButton), stop: true };
  const n = ctx.store.of(NewcomersRepo).get(ctx.group, uid);
  if (!n || n.stage !== 'verify') return { actions: answer(ctx.t.onboarding.verified), stop: true };
  if (picked !== undefined && Number(picked) !== emojiPick(captchaSeed(n.userId, n.joinedAt)).answer) {
    return { actions: wrongTry(ctx, n, (left) => answer(ctx.t.onboarding.wrongPick(left)), answer(ctx.t.onboarding.failedAttempts)), stop: true };
  }
  return { actions: [...answer(ctx.t.onboarding.verified), ...verified(ctx, n)], stop: true };
}

const welcomeJob: JobHandler = { kind: JOB_WELCOME, run: (ctx) => welcomeNow(ctx) };

/** In a raid: one question for everyone still to verify. */
const challengeJob: JobHandler = {
  kind: JOB_CHALLENGE,
  run: (ctx) => (ctx.store.of(NewcomersRepo).inStage(ctx.group, 'verify').length ? [ask(ctx, undefined)] : []),
};

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
      const half = (s.get(introHours) * 3_600_000) / 2;
      const then = t.introConsequence[s.get(introAction)](s.get(introHours) / 2);
      return {
        actions: [introReminded.of(ctx.group, { userId: n.userId }), ctx.send(t.introReminder(n.name, s.get(introTemplate) || t.defaultIntro, then), { mentions: [mention(n)] })],
        next: { dueAt: new Date(ctx.job.dueAt + half) },
      };
    }
    const done = newcomerMoved.of(ctx.group, { userId: n.userId, stage: 'done' });
    switch (s.get(introAction)) {
      case 'nothing':
        return [done];
      case 'report':
        return [done, ctx.notifyOwner(t.introMissing(ctx.store.groups.label(ctx.group), n.name))];
      case 'remove':
        return [done, { type: 'kick', ...ctx.group, user: mention(n), reason: t.introReason }];
    }
  },
};

export const onboardingRules = [arrivals, newcomerMessages];
export const onboardingJobs = [welcomeJob, challengeJob, verifyDeadline, introDeadline];
