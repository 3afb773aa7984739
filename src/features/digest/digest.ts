// The digest (精华): admins mark valuable messages; the member is mentioned and earns points
// (荣誉感), and every Sunday evening the week's marked messages are posted together.
import type { Action } from '../../engine/actions.js';
import type { CommandContext } from '../../engine/context.js';
import { scheduleJob } from '../../engine/records.js';
import type { JobHandler } from '../../engine/registry.js';
import { intSetting } from '../../settings/definition.js';
import { formatLocal, nextOccurrence } from '../../time/calendar.js';
import { awardPoints } from '../checkin/index.js';
import { DigestsRepo } from './digests.sql.js';
import { digestMarked } from './records.js';

export const digestPoints = intSetting('digest.points', 0, 1000, 10);
export const JOB_WEEKLY = 'digest.weekly';
const WEEKLY_AT = 'sun 20:00';
const WEEK = 7 * 86_400_000;

const short = (text: string, n: number) => (text.length > n ? `${text.slice(0, n)}…` : text);

/** `/digest` as a reply: the message is kept, its author mentioned and rewarded. */
export function markDigest(ctx: CommandContext): Action[] {
  const t = ctx.t.digest;
  const r = ctx.event.replyTo;
  if (!r?.senderId) return ctx.usage();
  const repo = ctx.store.of(DigestsRepo);
  if (repo.marked(ctx.group, r.messageId)) return [ctx.reply(t.already)];
  const user = { id: r.senderId, name: r.senderName ?? r.senderId };
  const now = ctx.now.getTime();
  const points = ctx.groupSettings.get(digestPoints);
  const out: Action[] = [digestMarked.of(ctx.group, { messageId: r.messageId, userId: user.id, userName: user.name, text: (r.text ?? '').slice(0, 1000), by: ctx.event.sender.id, at: now })];
  if (points > 0) out.push(awardPoints(ctx.group, user, points, t.pointsReason, now));
  if (!ctx.store.jobs.hasPending(ctx.group, JOB_WEEKLY)) {
    out.push(scheduleJob.of(ctx.group, { kind: JOB_WEEKLY, key: 'week', dueAt: nextOccurrence(WEEKLY_AT, ctx.now, ctx.groupSettings.timezone)!.getTime(), at: now }));
  }
  out.push(ctx.send(t.marked(user.name, short(r.text ?? '', 60), points), { mentions: [user] }));
  return out;
}

/** `/digests`: the last ten marked. */
export function listDigests(ctx: CommandContext): Action[] {
  const t = ctx.t.digest;
  const last = ctx.store.of(DigestsRepo).last(ctx.group, 10);
  if (!last.length) return [ctx.reply(t.none)];
  const tz = ctx.groupSettings.timezone;
  return [ctx.reply(t.list(last.map((d) => t.line(formatLocal(new Date(d.at), tz).slice(0, 10), d.userName, short(d.text, 60)))))];
}

/** Sunday evening: the week's marked messages, together; the next mark schedules the next one. */
export const weeklyDigest: JobHandler = {
  kind: JOB_WEEKLY,
  run(ctx) {
    const week = ctx.store.of(DigestsRepo).since(ctx.group, ctx.now.getTime() - WEEK);
    if (!week.length) return [];
    const t = ctx.t.digest;
    return [ctx.send(t.weekly(week.length, week.map((d) => t.weeklyLine(d.userName, short(d.text, 80)))))];
  },
};
