// One announcement to every group of a family (群发): the owner sees a preview privately and
// confirms it; then it goes out one group at a time, paced as the platform tolerates (WeChat bans
// accounts that post the same text to many rooms quickly: a minute or two between rooms, never on
// the beat, at most so many rooms a day; Telegram: a group a second), and the owner gets a report of
// what was delivered. Each group's post is a durable job, so a restart loses and repeats nothing.
import type { Action, Button } from '../../engine/actions.js';
import { type CommandContext, type GroupContext, answerPress } from '../../engine/context.js';
import { cancelJob, scheduleJob } from '../../engine/records.js';
import { type JobHandler, ruleOn } from '../../engine/registry.js';
import type { Capabilities } from '../../engine/port.js';
import { fnv1a } from '../../text/fnv.js';
import { addDays, formatLocal, localDay, zonedTime } from '../../time/calendar.js';
import { familyGroups, familyOf } from '../family/index.js';
import { type Broadcast, BroadcastsRepo } from './broadcasts.sql.js';
import { broadcastDrafted, broadcastState, broadcastTargeted } from './records.js';

export const JOB_SEND = 'broadcast.send';
export const JOB_REPORT = 'broadcast.report';
export const TEXT_MAX = 2000;
/** The report waits this long after the last post, for the platform to take it. */
const REPORT_AFTER_MS = 10 * 60_000;
/** Past the daily cap, posting goes on the next day from 09:00 local time. */
const RESUME_AT_MINUTES = 9 * 60;
/** However full the days ahead are, the schedule looks no further than this. */
const DAYS_AHEAD_MAX = 366;

/**
 * When each of `n` posts goes: from `start`, `gapMs` apart plus a jitter of up to `jitterMs` (the
 * same for the same seed, so a schedule can be checked), and no more than `perDay` on a local day
 * counting what `usedOn(day)` says is already planned that day. Undefined if the days ahead are full.
 */
export function postTimes(n: number, start: number, bulk: Capabilities['bulk'], seed: number, timeZone: string, usedOn: (day: string) => number): number[] | undefined {
  const taken = new Map<string, number>();
  const out: number[] = [];
  let t = start;
  for (let i = 0; i < n; i++) {
    if (i > 0) t += bulk.gapMs + (bulk.jitterMs ? fnv1a(`${seed}:${i}`) % (bulk.jitterMs + 1) : 0);
    for (let days = 0; bulk.perDay; days++) {
      if (days > DAYS_AHEAD_MAX) return undefined;
      const day = localDay(new Date(t), timeZone);
      const used = usedOn(day) + (taken.get(day) ?? 0);
      if (used < bulk.perDay) {
        taken.set(day, (taken.get(day) ?? 0) + 1);
        break;
      }
      t = zonedTime(addDays(day, 1), RESUME_AT_MINUTES, timeZone).getTime();
    }
    out.push(t);
  }
  return out;
}

/** `/broadcast <text>`: the preview, privately, with buttons to send or drop it. */
export function draft(ctx: CommandContext, text: string): Action[] {
  const t = ctx.t.broadcast;
  const familyId = familyOf(ctx, ctx.group);
  if (familyId === undefined) return [ctx.reply(t.noFamily)];
  if (text.length > TEXT_MAX) return [ctx.reply(t.tooLong(TEXT_MAX))];
  const id = ctx.store.of(BroadcastsRepo).nextId();
  const groups = familyGroups(ctx, familyId, ctx.group.platform);
  const bulk = ctx.capabilities(ctx.group.platform).bulk;
  const minutes = Math.ceil(((groups.length - 1) * (bulk.gapMs + bulk.jitterMs / 2)) / 60_000);
  const buttons: Button[] = [
    { label: t.goLabel, data: `broadcast:${id}:go`, keyword: `${t.goWord}${id}` },
    { label: t.dropLabel, data: `broadcast:${id}:drop`, keyword: `${t.dropWord}${id}` },
  ];
  const preview = t.preview(id, groups.map((g) => ctx.store.groups.label(g)), minutes, bulk.perDay, text);
  const me = ctx.event.sender.id;
  const drafted = broadcastDrafted.of(ctx.group, { broadcast: { id, familyId, byUser: me, text }, at: ctx.now.getTime() });
  // In a group the preview goes privately: members need not see a draft.
  if (ctx.event.chat === 'private') return [drafted, ctx.reply(preview, { buttons })];
  return [drafted, { ...ctx.dm(me, preview), buttons }, ctx.reply(t.previewSent)];
}

/** Confirmed: each group of the family gets its post at its time, and the report follows the last. */
function start(ctx: GroupContext, b: Broadcast): { actions: Action[]; last: number; groups: number } | undefined {
  const repo = ctx.store.of(BroadcastsRepo);
  const platform = b.platform;
  const groups = familyGroups(ctx, b.familyId, platform);
  const bulk = ctx.capabilities(platform).bulk;
  const now = ctx.now.getTime();
  const queued = repo.lastDue(platform);
  const first = queued !== undefined && queued + bulk.gapMs > now ? queued + bulk.gapMs : now;
  const tz = ctx.groupSettings.timezone;
  const usedOn = (day: string) => repo.countDue(platform, zonedTime(day, 0, tz).getTime(), zonedTime(addDays(day, 1), 0, tz).getTime());
  const times = postTimes(groups.length, first, bulk, b.id, tz, usedOn);
  if (!times) return undefined;
  const actions: Action[] = [broadcastState.of(ctx.group, { id: b.id, state: 'sending' })];
  groups.forEach((g, i) => {
    actions.push(
      broadcastTargeted.of(ctx.group, { id: b.id, target: { groupId: g.groupId, dueAt: times[i]! } }),
      scheduleJob.of(g, { kind: JOB_SEND, key: String(b.id), dueAt: times[i]!, at: now }),
    );
  });
  const last = times.at(-1) ?? now;
  actions.push(scheduleJob.of(ctx.group, { kind: JOB_REPORT, key: String(b.id), dueAt: last + REPORT_AFTER_MS, at: now }));
  return { actions, last, groups: groups.length };
}

/** Stops what has not gone out yet; what went out stays (a message cannot be taken back everywhere). */
export function cancel(ctx: GroupContext, b: Broadcast): Action[] {
  const targets = ctx.store.of(BroadcastsRepo).targets(b.id);
  const now = ctx.now.getTime();
  const pending = targets.filter((x) => x.dueAt > now);
  return [
    broadcastState.of(ctx.group, { id: b.id, state: 'cancelled' }),
    ...pending.map((x) => cancelJob.of({ platform: b.platform, groupId: x.groupId }, { kind: JOB_SEND, key: String(b.id) })),
    cancelJob.of(ctx.group, { kind: JOB_REPORT, key: String(b.id) }),
  ];
}

const PRESS_RE = /^broadcast:(\d+):(go|drop)$/;

/** The owner's answer to the preview (a button, or the typed keyword on WeChat). */
export const confirmRule = ruleOn('buttonPressed', {
  id: 'broadcast.confirm',
  stage: 'after',
  decide(ctx, e) {
    const m = PRESS_RE.exec(e.data);
    if (!m) return;
    const b = ctx.store.of(BroadcastsRepo).get(Number(m[1]));
    const t = ctx.t.broadcast;
    if (!b || b.platform !== e.platform || b.byUser !== e.sender.id || b.state !== 'draft') return { actions: answerPress(ctx, e, t.gone), stop: true };
    const home = ctx.inGroup({ platform: b.platform, groupId: b.groupId });
    if (m[2] === 'drop') return { actions: [broadcastState.of(home.group, { id: b.id, state: 'cancelled' }), ...answerPress(ctx, e, t.dropped(b.id))], stop: true };
    const started = start(home, b);
    if (!started) return { actions: answerPress(ctx, e, t.daysFull), stop: true };
    const end = formatLocal(new Date(started.last), home.groupSettings.timezone);
    return { actions: [...started.actions, ...answerPress(ctx, e, t.started(b.id, started.groups, end))], stop: true };
  },
});

/** One group's post. A cancelled broadcast posts nothing. */
export const sendJob: JobHandler = {
  kind: JOB_SEND,
  run(ctx) {
    const b = ctx.store.of(BroadcastsRepo).get(Number(ctx.job.key));
    return b && b.state === 'sending' ? [ctx.send(b.text, { reason: 'broadcast' })] : [];
  },
};

/** What each group got, for the owner who sent it; it waits for posts still queued (a daily cap). */
export const reportJob: JobHandler = {
  kind: JOB_REPORT,
  run(ctx) {
    const repo = ctx.store.of(BroadcastsRepo);
    const b = repo.get(Number(ctx.job.key));
    if (!b || b.state !== 'sending') return [];
    const t = ctx.t.broadcast;
    const targets = repo.targets(b.id).map((x) => {
      const g = { platform: b.platform, groupId: x.groupId };
      return { ...x, title: ctx.store.groups.label(g), job: ctx.store.jobs.stateOf(g, JOB_SEND, String(b.id)) };
    });
    const waiting = targets.filter((x) => x.job && ['pending', 'running', 'sending'].includes(x.job.state));
    if (waiting.length) {
      const latest = Math.max(...waiting.map((x) => x.dueAt));
      return { actions: [], next: { dueAt: new Date(Math.max(latest, ctx.now.getTime()) + REPORT_AFTER_MS) } };
    }
    const delivered = targets.filter((x) => x.job?.state === 'done').length;
    const failed = targets.filter((x) => x.job?.state !== 'done').map((x) => t.failedLine(x.title, x.job?.error ?? x.job?.state ?? '?'));
    return [broadcastState.of(ctx.group, { id: b.id, state: 'done' }), ctx.dm(b.byUser, t.report(b.id, delivered, failed))];
  },
};
