// Recurring topics and announcements travel with /settings export: a second group gets the same
// rhythm (each starting at its next occurrence in that group's time zone). One-off dates stay with
// the group they were planned for.
import { z } from 'zod';
import type { GroupContext } from '../../engine/context.js';
import { itemProblems } from '../../engine/copies.js';
import type { GroupCopy } from '../../engine/registry.js';
import { nextOccurrence, parseRecurrence } from '../../time/calendar.js';
import { JOB_ANNOUNCE, scheduleTopic } from './schedule.js';
import { TopicsRepo } from './topics.sql.js';
import type { Action } from '../../engine/actions.js';
import { scheduleJob } from '../../engine/records.js';
import { announcementAdded, topicAdded } from './records.js';

const every = z.string().refine((r) => parseRecurrence(r) !== undefined, 'is not a recurrence such as "tue,thu 20:00"');
const topic = z.object({ title: z.string().min(1).max(100), description: z.string().max(1000), host: z.string().max(50), every }).strict();
const announcement = z.object({ text: z.string().min(1).max(2000), every }).strict();

const first = (ctx: GroupContext, recurrence: string) => nextOccurrence(recurrence, ctx.now, ctx.groupSettings.timezone)!.getTime();

export const topicsCopy: GroupCopy = {
  key: 'topics',
  export: (ctx) =>
    ctx.store.of(TopicsRepo)
      .upcoming(ctx.group, ctx.now.getTime(), 100)
      .filter((t) => t.recurrence)
      .map((t) => ({ title: t.title, description: t.description, host: t.host, every: t.recurrence })),
  check: itemProblems('topics', topic),
  add(ctx, items) {
    // A topic the group already has (same title and rhythm) is not added twice.
    const repo = ctx.store.of(TopicsRepo);
    const have = new Set(repo.upcoming(ctx.group, ctx.now.getTime(), 100).map((t) => `${t.title}\u0000${t.recurrence}`));
    const firstId = repo.nextTopicId();
    const records: Action[] = [];
    let added = 0;
    for (const t of items.map((item) => topic.parse(item))) {
      if (have.has(`${t.title}\u0000${t.every}`)) continue;
      const row = { id: firstId + added++, ...ctx.group, title: t.title, description: t.description, host: t.host, startsAt: first(ctx, t.every), recurrence: t.every };
      records.push(topicAdded.of(ctx.group, { topic: row, at: ctx.now.getTime() }), ...scheduleTopic(ctx, row));
    }
    return { added, records };
  },
};

export const announcementsCopy: GroupCopy = {
  key: 'announcements',
  export: (ctx) => ctx.store.of(TopicsRepo).announcements(ctx.group, 100).filter((a) => a.recurrence).map((a) => ({ text: a.text, every: a.recurrence })),
  check: itemProblems('announcements', announcement),
  add(ctx, items) {
    const repo = ctx.store.of(TopicsRepo);
    const have = new Set(repo.announcements(ctx.group, 100).map((a) => `${a.text}\u0000${a.recurrence}`));
    const firstId = repo.nextAnnouncementId();
    const now = ctx.now.getTime();
    const records: Action[] = [];
    let added = 0;
    for (const a of items.map((item) => announcement.parse(item))) {
      if (have.has(`${a.text}\u0000${a.every}`)) continue;
      const at = first(ctx, a.every);
      const id = firstId + added++;
      records.push(announcementAdded.of(ctx.group, { announcement: { id, ...ctx.group, text: a.text, at, recurrence: a.every }, at: now }), scheduleJob.of(ctx.group, { kind: JOB_ANNOUNCE, key: String(id), dueAt: at, at: now }));
    }
    return { added, records };
  },
};
