// Answers (答疑): the owners teach questions in several phrasings with one answer, and members who
// ask get it at once, never twice within five minutes in a group. #name recalls a saved note.
// Questions nothing answered, asked in work hours, go to the owner once a week (问题清单) unless
// someone replied to them meanwhile.
import type { Action } from '../../engine/actions.js';
import type { GroupContext } from '../../engine/context.js';
import { scheduleJob } from '../../engine/records.js';
import { type JobHandler, type Rule, ruleOn } from '../../engine/registry.js';
import { LruMap } from '../../storage/lru.js';
import { type WeeklySchedule, formatLocal, isWithinSchedule, nextOccurrence } from '../../time/calendar.js';
import { FaqRepo } from './faq.sql.js';
import { looksLikeQuestion, loose, matchFaq } from './match.js';
import { questionAsked, questionReplied, questionsPruned } from './records.js';

export const JOB_UNANSWERED = 'faq.unanswered';
/** A taught answer is not given again in the same group within this long (it is still on screen). */
export const ANSWER_EVERY_MS = 5 * 60_000;
const WEEK = 7 * 86_400_000;
/** When the owner gets the week's unanswered questions, in the group's time zone. */
const LIST_AT = 'mon 09:00';

/** A note's name: letters, digits, _ and -, as typed after # (lower case). */
/** At most this many taught answers a group, phrasings an answer, characters a phrasing and an answer (or a note). */
export const FAQ_LIMITS = { faqs: 200, phrasings: 10, phrasing: 50, answer: 2000 };
export const NOTE_NAME = /^[\p{L}\p{N}_-]{1,30}$/u;

/**
 * Within the group's work hours, when it has them (read by key from work-hours focus: a build
 * without it lists questions at every hour).
 */
function inWorkHours(ctx: GroupContext, at: Date): boolean {
  const def = ctx.settings.definition('worktime.schedule');
  const schedule = def && (ctx.groupSettings.get(def) as WeeklySchedule | null);
  if (!schedule) return true;
  const holidaysDef = ctx.settings.definition('worktime.holidays');
  const holidays = holidaysDef ? (ctx.groupSettings.get(holidaysDef) as string[]) : [];
  return isWithinSchedule(at, { ...schedule, holidays }, ctx.groupSettings.timezone);
}

export function faqRule(): Rule {
  // When each taught answer was last given, per group.
  const given = new LruMap<string, number>(20_000);
  return ruleOn('message', {
    id: 'faq.answer',
    stage: 'after',
    cacheStats: (store) => ({ 'faq.answers': store.of(FaqRepo).cacheStats() }),
    decide(ctx, e) {
      if (e.chat !== 'group' || e.sender.isBot || e.kind !== 'text') return;
      const g = ctx.group;
      const repo = ctx.store.of(FaqRepo);
      const out: Action[] = [];
      // Someone replied to a question on the list: it is answered. (Only then is anything written:
      // a reply to anything else is no decision, and costs no write.)
      if (e.replyTo && e.replyTo.senderId !== e.sender.id && repo.waiting(g, e.replyTo.messageId)) out.push(questionReplied.of(g, { messageId: e.replyTo.messageId }));
      const text = e.text.trim();
      if (text.startsWith('#')) {
        const name = text.slice(1).split(/\s/, 1)[0]!.toLowerCase();
        const note = NOTE_NAME.test(name) ? repo.note(g, name) : undefined;
        if (note !== undefined) return [...out, ctx.send(note, { replyTo: e.messageId })];
      }
      // Most groups teach nothing: their messages are not read for it.
      const taught = repo.matchable(g);
      const hit = taught.length ? matchFaq(loose(text), taught) : undefined;
      const at = e.at.getTime();
      if (hit) {
        const key = `${g.platform}\u0000${g.groupId}\u0000${hit.id}`;
        const last = given.get(key);
        if (last !== undefined && at - last < ANSWER_EVERY_MS) return out;
        given.set(key, at);
        const answer = repo.list(g).find((f) => f.id === hit.id)?.answer;
        return answer ? [...out, ctx.send(answer, { replyTo: e.messageId })] : out;
      }
      if (!looksLikeQuestion(text) || !inWorkHours(ctx, e.at)) return out;
      out.push(questionAsked.of(g, { messageId: e.messageId, userName: e.sender.name, text: text.slice(0, 300), at }));
      if (!ctx.store.jobs.hasPending(g, JOB_UNANSWERED)) {
        const due = nextOccurrence(LIST_AT, ctx.now, ctx.groupSettings.timezone)!;
        out.push(scheduleJob.of(g, { kind: JOB_UNANSWERED, key: 'week', dueAt: due.getTime(), at: ctx.now.getTime() }));
      }
      return out;
    },
  });
}

/** The week's questions nobody answered, to the owner; the next question schedules the next list. */
export const unansweredJob: JobHandler = {
  kind: JOB_UNANSWERED,
  run(ctx) {
    const now = ctx.now.getTime();
    const list = ctx.store.of(FaqRepo).unanswered(ctx.group, now - WEEK);
    const t = ctx.t.faq;
    const out: Action[] = [questionsPruned.of(ctx.group, { before: now - 2 * WEEK })];
    if (!list.length) return out;
    const tz = ctx.groupSettings.timezone;
    const title = ctx.store.groups.label(ctx.group);
    const lines = list.map((q) => t.unansweredLine(formatLocal(new Date(q.at), tz), q.userName, q.text.length > 80 ? `${q.text.slice(0, 80)}…` : q.text));
    return [...out, ctx.notifyOwner(t.unanswered(title, lines))];
  },
};
