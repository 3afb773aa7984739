import type { Action, Mention } from '../../engine/actions.js';
import { type GroupContext, type RuleContext, answerPress } from '../../engine/context.js';
import { type Rule, type RuleResult, ruleOn } from '../../engine/registry.js';
import type { Messages } from '../../i18n/index.js';
import { PLAIN, compactText, normalizeText } from '../../text/normalize.js';
import { isExempt, punish } from '../penalties/index.js';
import { type Finding, MODEL_FLOOR, type Suspect, cannotBeAdByText, certainAd, judge } from './checks.js';
import { GroupModels } from './models.js';
import { rulesSetting } from '../../settings/core.js';
import { AdFilterRepo, type AdQuestion } from './adfilter.sql.js';
import { logEntry } from '../../engine/records.js';
import { learnedAs, questionAnswered, questionHeld, reviewDecided, reviewOpened } from './records.js';
import { groupKey } from '../../storage/groups.js';
import { type CacheStats, LruMap, stringBytes } from '../../storage/lru.js';
import { topicDescriptionSetting } from '../workhours/index.js';
import { type AdFilterMode, THRESHOLDS, adFilterMode, allowDomains, blockWords, newcomerHours, secondOpinionMode } from './settings.js';

interface Posted {
  group: string;
  text: string;
  at: number;
}

/** Who posted which text where, lately: the same ad dropped into several groups. */
class RecentTexts {
  /**
   * Per platform and sender, their last few posts; the senders heard from least lately are
   * forgotten first (they only matter for ten minutes), within a byte budget.
   */
  private readonly bySender: LruMap<string, Posted[]>;

  constructor(bytes: number) {
    this.bySender = new LruMap(bytes, (key, posts) => 64 + stringBytes(key) + posts.reduce((n, p) => n + 56 + stringBytes(p.text), 0));
  }

  stats(): CacheStats {
    return this.bySender.stats();
  }

  /** Records the post (unless only explaining); returns in how many other groups the sender posted the same text lately. */
  count(platform: string, sender: string, text: string, group: string, at: number, record = true, windowMs = 10 * 60_000): number {
    const key = `${platform}\u0000${sender}`;
    const known = this.bySender.get(key);
    const posts = known ?? [];
    let others: string[] | undefined;
    for (const p of posts) if (p.text === text && p.group !== group && at - p.at <= windowMs && !others?.includes(p.group)) (others ??= []).push(p.group);
    if (!record) return others?.length ?? 0;
    posts.push({ group, text, at });
    if (posts.length > 12) posts.shift();
    if (known) this.bySender.touch(key); // weighed again with the new post
    else this.bySender.set(key, posts);
    return others?.length ?? 0;
  }
}

/** What the recent-posts memory may hold by default: tens of thousands of senders' last posts. */
const RECENT_TEXTS_BYTES = 4 * 1024 * 1024;

/** The last few texts of each group, for a language model's context; kept only where one is asked. */
class RecentGroupTexts {
  /** The groups that spoke lately, within a byte budget (three texts of up to 200 characters each). */
  private readonly byGroup = new LruMap<string, string[]>(4 * 1024 * 1024, (key, texts) => 64 + stringBytes(key) + texts.reduce((n, t) => n + stringBytes(t), 0));

  stats(): CacheStats {
    return this.byGroup.stats();
  }

  /** The texts before this one, oldest first; then remembers this one (unless only explaining). */
  before(group: string, text: string, record = true, keep = 3): string[] {
    let texts = this.byGroup.get(group);
    if (!texts) this.byGroup.set(group, (texts = []));
    const earlier = [...texts];
    if (!record) return earlier;
    if (text) texts.push(text.slice(0, 200));
    if (texts.length > keep) texts.shift();
    this.byGroup.touch(group); // weighed again
    return earlier;
  }
}

/** Below the review level, a verdict this high is still worth a question in mode "catch". */
export const DOUBT = 0.4;

/** The local verdict a second opinion is asked about: remove, ask the owner, or a doubt below that. */
export type Stage = AdQuestion['stage'];

/**
 * What becomes of a held verdict once the language model has spoken, or failed to (fail-open: the
 * local verdict stands). Its "not an ad" saves a member from removal but still asks the owner; its
 * "ad" removes what the filter already doubted, and puts a lesser doubt before the owner. On a
 * doubt alone nobody is ever punished.
 */
export function afterOpinion(stage: Stage, verdict: 'ad' | 'not-ad' | 'unknown'): 'remove' | 'review' | 'nothing' {
  if (stage === 'remove') return verdict === 'not-ad' ? 'review' : 'remove';
  if (stage === 'review') return verdict === 'ad' ? 'remove' : 'review';
  return verdict === 'ad' ? 'review' : 'nothing';
}

/** Up to this many messages (the one judged included), a member who joined lately is still a newcomer. */
const NEWCOMER_MESSAGES = 5;

/** What the checks found, strongest first, then the model's overall impression: a contact tells more than a score. */
const foundFirst = (findings: readonly Finding[]) => [...findings.filter((f) => f.check !== 'model'), ...findings.filter((f) => f.check === 'model')];

/** What was found, for the owner and /log, in the group's language: "微信号 abc_12345 · 文本模型 0.97". */
const describe = (t: Messages['adfilter'], findings: Finding[]) =>
  foundFirst(findings)
    .slice(0, 2)
    .map((f) => (t.found[f.what]?.(f.value ?? '') ?? f.detail) + (f.alone ? t.alone : ''))
    .join(' · ');
/** What a member is told, in the group's language: "联系方式、广告内容". */
const tell = (t: Messages['adfilter'], findings: Finding[]) => t.because([...new Set(foundFirst(findings).slice(0, 2).map((f) => t.checks[f.check] ?? f.check))]);

/**
 * Removes a message as an ad: deletion where possible, a strike on the ladder, the text kept for
 * appeals. `reason` is what the member reads.
 */
export function removeAsAd(ctx: GroupContext, user: Mention, messageId: string, text: string, reason: string): Action[] {
  // Where the bot cannot delete (WeChat), the strike line asks the member to recall it: one public message.
  const canDelete = ctx.capabilities(ctx.group.platform).deleteMessages;
  return [
    { type: 'delete', ...ctx.group, messageId, user, reason, ...(canDelete ? {} : { remindInPublic: false }) },
    ...punish(ctx, { user, rule: 'ads', reason, messageId, deletedText: text, ...(canDelete ? {} : { also: ctx.t.adfilter.recallPlease }) }),
  ];
}

/** A doubtful message before the owner, who decides with one tap; nobody is punished on a guess. */
function askOwner(ctx: GroupContext, m: { userId: string; userName: string; messageId: string; text: string; score: number }, found: string, told: string): Action[] {
  const t = ctx.t.adfilter;
  const title = ctx.store.groups.label(ctx.group);
  const id = ctx.store.of(AdFilterRepo).nextReviewId();
  // The review keeps what the member would be told; the owner sees what was found.
  const review = { id, userId: m.userId, userName: m.userName, messageId: m.messageId, text: m.text, score: m.score, reasons: told };
  return [
    reviewOpened.of(ctx.group, { review, at: ctx.now.getTime() }),
    {
      ...ctx.notifyOwner(t.review(title, m.userName, m.text, found), 'ad review'),
      buttons: [
        { label: t.isSpam, data: `ad:spam:${id}`, keyword: `${t.isSpam}${id}` },
        { label: t.isHam, data: `ad:ham:${id}`, keyword: `${t.isHam}${id}` },
      ],
    },
  ];
}

/** A member's post as the filter reads it: a message, or a picture's QR code found later. */
interface Post {
  kind: string;
  text: string;
  urls: readonly string[];
  qr: string | undefined;
  forwardedFrom?: 'channel' | 'person' | undefined;
  sender: Mention;
  messageId: string;
  at: Date;
}

function postOf(e: RuleContext['event']): Post | undefined {
  if (e.type === 'imageScanned') return { kind: 'image', text: '', urls: [], qr: e.qr, sender: e.sender, messageId: e.messageId, at: e.at };
  if (e.type === 'message' && e.chat === 'group')
    return { kind: e.kind, text: e.text, urls: e.urls ?? [], qr: e.qr, forwardedFrom: e.forwardedFrom, sender: e.sender, messageId: e.messageId, at: e.at };
  return undefined;
}

/**
 * The ad filter. `secondOpinion`: a language model is configured, so groups that chose to may ask
 * it (config secondOpinion, /adfilter second).
 */
export function adFilterRule(models = new GroupModels(), secondOpinion = false, recentBytes = RECENT_TEXTS_BYTES): Rule {
  const recent = new RecentTexts(recentBytes);
  const texts = new RecentGroupTexts();

  function examine(ctx: RuleContext, m: Post, mode: Exclude<AdFilterMode, 'off'>, before: string[] | undefined): RuleResult | Action[] | undefined {
    const s = ctx.groupSettings;
    const suspect: Suspect = {
      kind: m.kind,
      text: m.text,
      urls: m.urls,
      qr: m.qr,
      forwardedFrom: m.forwardedFrom,
      blockWords: s.get(blockWords),
      newcomer: false,
      allowDomains: [],
      sameTextElsewhere: 0,
    };
    const plain = PLAIN.test(m.text);
    const quiet = cannotBeAdByText(suspect, plain);
    const normalized = normalizeText(m.text, plain);
    const compact = compactText(normalized, plain);
    const elsewhere = compact.length >= 8 ? recent.count(ctx.group.platform, m.sender.id, compact, ctx.group.groupId, m.at.getTime(), !ctx.explaining) : 0;
    const scorer = models.scorer(ctx.group, ctx.store.of(AdFilterRepo));
    // Most messages stop here: nothing a check looks at, the model unconcerned, not posted all over.
    const p = quiet ? scorer({ text: m.text, normalized, compact, findings: [] }) : undefined;
    if (p !== undefined && p < MODEL_FLOOR && elsewhere < 2) return;
    const model = p === undefined ? scorer : () => p;
    const member = ctx.store.members.get(ctx.group, m.sender.id);
    const joinedLately = !!member?.joinedAt && m.at.getTime() - member.joinedAt < s.get(newcomerHours) * 3_600_000;
    // A newcomer: joined lately and nothing much said yet (a member who has been talking is not one).
    const newcomer = joinedLately && ctx.store.activity.memberMessages(ctx.group, m.sender.id) <= NEWCOMER_MESSAGES;
    suspect.newcomer = newcomer;
    suspect.allowDomains = s.get(allowDomains);
    suspect.sameTextElsewhere = elsewhere;
    const verdict = judge(suspect, { ...(compact ? { model } : {}), quiet, normalized, compact });
    const { remove, review } = THRESHOLDS[mode];
    const asking = before ? ctx.groupSettings.get(secondOpinionMode) : 'off';
    const catching = asking === 'catch' || asking === 'both';
    const stage: Stage = verdict.score >= remove ? 'remove' : verdict.score >= review ? 'review' : 'doubt';
    if (stage === 'doubt' && (!catching || verdict.score < DOUBT)) return;
    const reasons = describe(ctx.t.adfilter, verdict.findings);
    const told = tell(ctx.t.adfilter, verdict.findings);
    const user = { id: m.sender.id, name: m.sender.name };
    const logged = (what: string, outcome: string) => logEntry.of(ctx.group, { at: ctx.now.getTime(), what, userId: user.id, reason: reasons, outcome });
    if (mode === 'observe') return stage === 'doubt' ? undefined : [logged('adfilter (observe)', `would:${stage}:${verdict.score.toFixed(2)}`)];
    // A certain ad from a newcomer with no history: removed at once, not laddered, not asked about.
    if (stage === 'remove' && newcomer && certainAd(verdict.findings)) {
      const reason = ctx.t.adfilter.newcomerReason(told);
      return { actions: [{ type: 'delete', ...ctx.group, messageId: m.messageId, user, reason }, { type: 'kick', ...ctx.group, user, reason, share: true }], stop: true };
    }
    const shown = m.text || (m.qr !== undefined ? ctx.t.adfilter.pictureCode(m.qr) : '');
    // The language model is asked first where the group wants it: the verdict waits, stored.
    if (stage === 'remove' ? asking === 'veto' || asking === 'both' : catching) {
      const context = { before: before ?? [], rules: ctx.groupSettings.get(rulesSetting), topic: ctx.groupSettings.get(topicDescriptionSetting) };
      const questionId = ctx.store.of(AdFilterRepo).nextQuestionId();
      const held = questionHeld.of(ctx.group, { id: questionId, userId: user.id, userName: user.name, messageId: m.messageId, text: shown, stage, score: verdict.score, found: reasons, told, context, at: ctx.now.getTime() });
      const ask: Action[] = [logged('adfilter', `asked:${stage}:${verdict.score.toFixed(2)}`), held, { type: 'askSecondOpinion', ...ctx.group, questionId }];
      return stage === 'remove' ? { actions: ask, stop: true } : ask;
    }
    if (stage === 'remove') return { actions: [logged('adfilter', `removed:${verdict.score.toFixed(2)}`), ...removeAsAd(ctx, user, m.messageId, m.text, told)], stop: true };
    return askOwner(ctx, { userId: user.id, userName: user.name, messageId: m.messageId, text: shown, score: verdict.score }, reasons, told);
  }

  return {
    id: 'adfilter',
    on: ['message', 'imageScanned'],
    stage: 'guard',
    edits: true,
    prepare: () => models.prepare(),
    cacheStats: (store) => ({ 'adfilter.senders': recent.stats(), 'adfilter.groups': texts.stats(), 'adfilter.adaptations': models.cacheStats(store.of(AdFilterRepo)) }),
    decide(ctx: RuleContext) {
      const post = postOf(ctx.event);
      if (!post) return;
      const mode = ctx.groupSettings.get(adFilterMode);
      if (mode === 'off') return;
      // The texts before a message are a language model's context: remembered only where one is asked.
      const before = secondOpinion && ctx.groupSettings.get(secondOpinionMode) !== 'off' ? texts.before(groupKey(ctx.group), post.text, !ctx.explaining) : undefined;
      if (isExempt(ctx, post.sender)) return;
      const result = examine(ctx, post, mode, before);
      // A picture nobody has looked into yet: look for a QR code, off the event loop.
      if (ctx.event.type !== 'message' || post.kind !== 'image' || post.qr !== undefined) return result;
      const scan: Action = { type: 'scanImage', ...ctx.group, messageId: post.messageId, sender: { id: post.sender.id, name: post.sender.name } };
      if (!result) return [scan];
      if (Array.isArray(result)) return [...result, scan];
      return result.stop ? result : { ...result, actions: [...result.actions, scan] };
    },
  };
}

/** A language model's answer about a held verdict: the verdict is carried out, softened or dropped (see afterOpinion). */
export const secondOpinionAnswer = ruleOn('secondOpinion', {
  id: 'adfilter.second-opinion',
  stage: 'after',
  decide(ctx: RuleContext, e) {
    const q = ctx.store.of(AdFilterRepo).pendingQuestion(e.questionId);
    if (!q || q.platform !== e.platform || q.groupId !== e.groupId) return;
    const t = ctx.t.adfilter;
    const said = e.opinion.verdict === 'unknown' ? t.opinionMissing : t.opinion(e.opinion.reason);
    const outcome = afterOpinion(q.stage, e.opinion.verdict);
    const taken = [
      questionAnswered.of(ctx.group, { id: q.id }),
      logEntry.of(ctx.group, { at: ctx.now.getTime(), what: 'adfilter', userId: q.userId, reason: `${q.found} · ${said}`, outcome: `opinion:${e.opinion.verdict}:${outcome}:${q.score.toFixed(2)}` }),
    ];
    if (outcome === 'remove') return { actions: [...taken, ...removeAsAd(ctx, { id: q.userId, name: q.userName }, q.messageId, q.text, q.told)], stop: true };
    if (outcome === 'review') return [...taken, ...askOwner(ctx, q, `${q.found} · ${said}`, q.told)];
    return taken;
  },
});

const REVIEW_RE = /^ad:(spam|ham):(\d+)$/;

/** The owner's decision on a doubtful message; either way the group's examples learn from it. */
export const decideReview = ruleOn('buttonPressed', {
  id: 'adfilter.decide-review',
  stage: 'after',
  decide(ctx: RuleContext, e) {
    const m = REVIEW_RE.exec(e.data);
    if (!m) return;
    const answer = (text: string) => answerPress(ctx, e, text);
    const r = ctx.store.of(AdFilterRepo).review(Number(m[2]));
    if (!r || r.platform !== e.platform) return { actions: answer(ctx.t.adfilter.decidedAlready), stop: true };
    const g = { platform: r.platform, groupId: r.groupId };
    if (ctx.levelOf(g, e.sender) === 'member') return { actions: answer(ctx.t.appeal.notAllowed), stop: true };
    const label = m[1] as 'spam' | 'ham';
    if (r.state !== 'open') return { actions: answer(ctx.t.adfilter.decidedAlready), stop: true };
    const now = ctx.now.getTime();
    const decided = [
      reviewDecided.of(g, { id: r.id, label }),
      learnedAs(g, label, r.text, now),
      logEntry.of(g, { at: now, what: `ad review: ${label}`, userId: r.userId, reason: r.reasons, outcome: `by:${e.sender.name}` }),
    ];
    if (label === 'ham') return { actions: [...decided, ...answer(ctx.t.adfilter.decidedHam)], stop: true };
    // Act in the group as the group's own context would.
    const groupCtx = ctx.inGroup(g);
    return { actions: [...decided, ...answer(ctx.t.adfilter.decidedSpam), ...removeAsAd(groupCtx, { id: r.userId, name: r.userName }, r.messageId, r.text, r.reasons)], stop: true };
  },
});
