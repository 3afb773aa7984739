import type { Action } from '../../engine/actions.js';
import type { RuleContext } from '../../engine/context.js';
import type { Rule } from '../../engine/registry.js';
import { formatTimeOfDay, isWithinSchedule, localParts } from '../../time/calendar.js';
import { isExempt, punish } from '../penalties/index.js';
import { judgeTopic } from './offTopic.js';
import { focusSetting, freeTopicsSetting, holidaysSetting, topicDescriptionSetting, topicWordsSetting, worktimeSetting } from './settings.js';
import { LruMap } from '../../storage/lru.js';
import type { GroupTopicModels } from './topicModel.js';
import { TopicExamplesRepo } from './topicExamples.sql.js';
import { logEntry } from '../../engine/records.js';
import { topicLearned } from './records.js';

/** In remind mode a member is reminded at most this often. */
const REMIND_EVERY_MS = 10 * 60_000;

export function workHoursRule(topicModels: GroupTopicModels): Rule {
  // Recent messages' verdicts, so a reply in an on-topic thread stays on topic.
  const verdicts = new LruMap<string, boolean>(20_000);
  // Whom was reminded when: only the last ten minutes matter, so the least recent go first.
  const lastReminded = new LruMap<string, number>(50_000);
  return {
    id: 'workhours.focus',
    on: ['message'],
    stage: 'guard',
    cacheStats: (store) => ({ 'workhours.topicModels': topicModels.cacheStats(store.of(TopicExamplesRepo)) }),
    decide(ctx: RuleContext) {
      const e = ctx.event;
      if (e.type !== 'message' || e.chat !== 'group') return;
      // A command is judged by the member's own words after it ("打卡 哈哈哈哈"); a bare one is on topic.
      const text = ctx.command ? ctx.command.args : e.text;
      if (ctx.command && !text) return;
      const s = ctx.groupSettings;
      const mode = s.get(focusSetting);
      const schedule = s.get(worktimeSetting);
      if (mode === 'off' || !schedule) return;
      if (e.threadId !== undefined && s.get(freeTopicsSetting).includes(e.threadId)) return;
      const tz = s.timezone;
      // Judged by when the message was sent, in the group's own time zone.
      if (!isWithinSchedule(e.at, { ...schedule, holidays: s.get(holidaysSetting) }, tz)) return;
      const key = (id: string) => `${e.platform}\u0000${e.groupId}\u0000${id}`;
      const thread = e.replyTo ? verdicts.get(key(e.replyTo.messageId)) : undefined;
      const model = topicModels.model(ctx.group, ctx.store.of(TopicExamplesRepo));
      const verdict = judgeTopic(
        { kind: e.kind, text, ...(thread ? { repliesToOnTopic: true } : {}) },
        { words: s.get(topicWordsSetting), description: s.get(topicDescriptionSetting) },
        model.ready ? model : undefined,
      );
      // Explaining (/why) remembers nothing in memory either: no thread verdict, no reminder throttle.
      if (!ctx.explaining) verdicts.set(key(e.messageId), !verdict.offTopic);
      // The group's own history teaches its model: what the topic words vouch for, and plain chatter.
      // Its own guesses never do (a model taught by itself only grows surer of its mistakes).
      const learned = verdict.why === 'topic-word' ? 'on' : verdict.why === 'chatter' ? 'off' : undefined;
      const learning = learned && e.kind === 'text' ? [topicLearned.of(ctx.group, { label: learned, source: 'history', text, at: e.at.getTime() })] : [];
      if (!verdict.offTopic || isExempt(ctx, e.sender)) return learning;
      const p = localParts(e.at, tz);
      const minute = p.hour * 60 + p.minute;
      const range = schedule.ranges.find((r) => minute >= r.start && minute < r.end);
      const freeAt = formatTimeOfDay(range?.end ?? minute);
      const t = ctx.t.workhours;
      const user = { id: e.sender.id, name: e.sender.name };
      const why = t.why[verdict.why] ?? verdict.why;
      if (mode === 'observe') return [...learning, logEntry.of(ctx.group, { at: ctx.now.getTime(), what: 'workhours (observe)', userId: user.id, reason: why, outcome: 'would:remind' })];
      if (mode === 'strict') return [...learning, ...punish(ctx, { user, rule: 'workhours', reason: t.reason(why, freeAt), messageId: e.messageId })];
      const last = lastReminded.get(key(e.sender.id));
      if (!ctx.explaining) {
        if (last !== undefined && e.at.getTime() - last < REMIND_EVERY_MS) return learning;
        lastReminded.set(key(e.sender.id), e.at.getTime());
      }
      const reminder: Action = ctx.send(t.reminder(user.name, freeAt), { replyTo: e.messageId, mentions: [user], reason: why });
      return [...learning, reminder];
    },
  };
}
