// Polls (投票, 参与感): a question and its choices as buttons (typed choices on WeChat), anonymous or
// named, one vote a member that they may change, closed at its time with the result posted.
import type { Action } from '../../engine/actions.js';
import { type CommandContext, type GroupContext, answerButtonOnly } from '../../engine/context.js';
import { cancelJob, scheduleJob } from '../../engine/records.js';
import { type JobHandler, atLeast, ruleOn } from '../../engine/registry.js';
import type { Messages } from '../../i18n/index.js';
import { formatLocal, parseDuration } from '../../time/calendar.js';
import { type Poll, PollsRepo, type Vote } from './polls.sql.js';
import { pollClosed, pollOpened, pollVoted } from './records.js';

export const JOB_CLOSE = 'polls.close';
const DAY = 86_400_000;
const LIMITS = { choices: 10, choice: 100, question: 200, days: 30 };

export interface PollRequest {
  question: string;
  choices: string[];
  anonymous: boolean;
  durationMs: number;
}

/** "[anonymous] [2h] question | A | B | C" → a poll to open, or undefined if it is not one. */
export function parsePoll(args: string): PollRequest | undefined {
  const words = args.trim().split(/\s+/);
  let anonymous = false;
  let durationMs = DAY;
  while (words.length) {
    const w = words[0]!.toLowerCase();
    const ms = parseDuration(w);
    if (w === 'anonymous' || w === 'anon' || w === '匿名') anonymous = true;
    else if (ms !== undefined && ms <= LIMITS.days * DAY) durationMs = ms;
    else break;
    words.shift();
  }
  const [question = '', ...choices] = words.join(' ').split(/[|｜]/).map((p) => p.trim());
  if (!question || question.length > LIMITS.question || choices.length < 2 || choices.length > LIMITS.choices) return undefined;
  if (choices.some((c) => !c || c.length > LIMITS.choice)) return undefined;
  return { question, choices, anonymous, durationMs };
}

/** The poll as posted: its choices as buttons, typed as 投<poll>-<choice> where there are none. */
export function openPoll(ctx: CommandContext, req: PollRequest): Action[] {
  const t = ctx.t.polls;
  const id = ctx.store.of(PollsRepo).nextId();
  const now = ctx.now.getTime();
  const closesAt = now + req.durationMs;
  const poll = { id, question: req.question, choices: req.choices, anonymous: req.anonymous, closesAt, createdBy: ctx.event.sender.id };
  const text = t.posted(id, req.question, req.choices.map((c, i) => `${i + 1}. ${c}`), req.anonymous, formatLocal(new Date(closesAt), ctx.groupSettings.timezone));
  return [
    pollOpened.of(ctx.group, { poll, at: now }),
    scheduleJob.of(ctx.group, { kind: JOB_CLOSE, key: String(id), dueAt: closesAt, at: now }),
    ctx.send(text, { buttons: req.choices.map((c, i) => ({ label: c, data: `poll:${id}:${i}`, keyword: `${t.voteWord}${id}-${i + 1}` })) }),
  ];
}

/** Each choice's votes, in order. */
export function tally(poll: Pick<Poll, 'choices'>, votes: readonly Vote[]): number[] {
  const counts = poll.choices.map(() => 0);
  for (const v of votes) if (v.choice >= 0 && v.choice < counts.length) counts[v.choice]!++;
  return counts;
}

export function resultText(t: Messages['polls'], poll: Poll, votes: readonly Vote[]): string {
  const counts = tally(poll, votes);
  const total = votes.length;
  const lines = poll.choices.map((c, i) => {
    const n = counts[i]!;
    const share = total ? Math.round((100 * n) / total) : 0;
    const who = poll.anonymous ? [] : votes.filter((v) => v.choice === i).map((v) => v.userName);
    return t.resultLine(c, '█'.repeat(Math.round(share / 10)) || '·', n, share, who);
  });
  return t.result(poll.question, lines, total);
}

/** Closes a poll now: the result is posted, once. */
export function closePoll(ctx: GroupContext, poll: Poll): Action[] {
  return [pollClosed.of(ctx.group, { id: poll.id }), cancelJob.of(ctx.group, { kind: JOB_CLOSE, key: String(poll.id) }), ctx.send(resultText(ctx.t.polls, poll, ctx.store.of(PollsRepo).votes(poll.id)))];
}

/** Whether the member may close it early: its author, or an admin. */
export const mayClose = (ctx: CommandContext, poll: Poll) => poll.createdBy === ctx.event.sender.id || atLeast(ctx.level, 'admin');

const VOTE_RE = /^poll:(\d+):(\d+)$/;

/** A vote: one a member, changed by voting again, until the poll closes. */
export const voteRule = ruleOn('buttonPressed', {
  id: 'polls.vote',
  stage: 'after',
  decide(ctx, e) {
    const m = VOTE_RE.exec(e.data);
    if (!m) return;
    const t = ctx.t.polls;
    // Typed votes on WeChat get no answer each: the result says it all, and the group stays quiet.
    const answer = (text: string) => answerButtonOnly(e, text);
    const poll = ctx.store.of(PollsRepo).get(Number(m[1]));
    const choice = Number(m[2]);
    if (!poll || poll.platform !== e.platform || poll.groupId !== e.groupId) return { actions: answer(t.closed), stop: true };
    if (poll.closed || poll.closesAt <= ctx.now.getTime()) return { actions: answer(t.closed), stop: true };
    if (choice >= poll.choices.length) return { stop: true, actions: [] };
    const vote = { userId: e.sender.id, userName: e.sender.name, choice };
    return { actions: [pollVoted.of(ctx.group, { id: poll.id, vote, at: ctx.now.getTime() }), ...answer(t.voted(poll.choices[choice]!))], stop: true };
  },
});

export const closeJob: JobHandler = {
  kind: JOB_CLOSE,
  run(ctx) {
    const poll = ctx.store.of(PollsRepo).get(Number(ctx.job.key));
    return poll && !poll.closed ? closePoll(ctx, poll) : [];
  },
};
