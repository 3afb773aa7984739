// Events and sign-ups (线下活动, 接龙): an admin posts an event; members join by button, /join, 接龙
// or +1, as people do; past the capacity they wait and move up when someone leaves; an hour before,
// the list is reminded; at the event an admin gets a code to say aloud, and those who came and type
// it are marked present and earn points.
import type { Action } from '../../engine/actions.js';
import { type CommandContext, type GroupContext, answerButtonOnly } from '../../engine/context.js';
import { scheduleJob } from '../../engine/records.js';
import { type JobHandler, type Rule, ruleOn } from '../../engine/registry.js';
import { intSetting } from '../../settings/definition.js';
import { fnv1a } from '../../text/fnv.js';
import { formatLocal, parseDay, parseTimeOfDay, zonedTime } from '../../time/calendar.js';
import { awardPoints } from '../checkin/index.js';
import { type GroupEvent, EventsRepo } from './events.sql.js';
import { eventAdded, eventAttended, eventCodeSet, eventSigned } from './records.js';

export const JOB_REMIND = 'events.remind';
export const attendPoints = intSetting('events.points', 0, 1000, 10);
const HOUR = 3_600_000;
/** The code works from two hours before the start until twelve after. */
const ATTEND_FROM_MS = 2 * HOUR;
const ATTEND_UNTIL_MS = 12 * HOUR;
/** At most this many names in a posted list (接龙 lists get long). */
const LIST_MAX = 50;

export interface NewEvent {
  title: string;
  place: string;
  startsAt: number;
  capacity: number | null;
}

/** "2026-12-05 14:00 读书会 | 星巴克 | 20" → the event, or undefined. */
export function parseEvent(argv: readonly string[], timeZone: string): NewEvent | undefined {
  const [day, time, ...rest] = argv;
  const minutes = time === undefined ? undefined : parseTimeOfDay(time);
  if (!day || !parseDay(day) || minutes === undefined || minutes >= 1440) return undefined;
  const [title = '', place = '', capacityText = ''] = rest.join(' ').split(/[|｜]/).map((p) => p.trim());
  if (!title || title.length > 100 || place.length > 200) return undefined;
  const capacity = capacityText === '' ? null : /^\d{1,5}$/.test(capacityText) && Number(capacityText) > 0 ? Number(capacityText) : undefined;
  if (capacity === undefined) return undefined;
  return { title, place, startsAt: zonedTime(day, minutes, timeZone).getTime(), capacity };
}

const when = (ctx: GroupContext, ev: Pick<GroupEvent, 'startsAt'>) => formatLocal(new Date(ev.startsAt), ctx.groupSettings.timezone);

/** An event's row and its reminder an hour before (if that is still ahead). */
export function eventRecords(ctx: GroupContext, id: number, e: NewEvent): Action[] {
  const now = ctx.now.getTime();
  const out: Action[] = [eventAdded.of(ctx.group, { event: { id, ...e }, at: now })];
  if (e.startsAt - HOUR > now) out.push(scheduleJob.of(ctx.group, { kind: JOB_REMIND, key: String(id), dueAt: e.startsAt - HOUR, at: now }));
  return out;
}

export function addEvent(ctx: CommandContext, e: NewEvent): Action[] {
  const t = ctx.t.events;
  const id = ctx.store.of(EventsRepo).nextId();
  const now = ctx.now.getTime();
  if (e.startsAt <= now) return [ctx.reply(t.past)];
  const out = eventRecords(ctx, id, e);
  const join = { label: t.joinLabel, data: `event:${id}:join`, keyword: `${t.joinWord}${id}` };
  return [...out, ctx.send(t.posted(id, e.title, formatLocal(new Date(e.startsAt), ctx.groupSettings.timezone), e.place, e.capacity), { buttons: [join] })];
}

/** The numbered list as people write a 接龙: those in, then who waits. */
function listed(ctx: GroupContext, ev: GroupEvent): string {
  const all = ctx.store.of(EventsRepo).signups(ev.id);
  const inside = all.filter((s) => s.state === 'in').slice(0, LIST_MAX).map((s, i) => `${i + 1}. ${s.userName}`);
  const waiting = all.filter((s) => s.state === 'waiting').map((s) => s.userName);
  return ctx.t.events.list(inside, waiting);
}

export function joinEvent(ctx: GroupContext, ev: GroupEvent, user: { id: string; name: string }): Action[] {
  const t = ctx.t.events;
  if (ev.startsAt <= ctx.now.getTime()) return [ctx.send(t.over)];
  const signups = ctx.store.of(EventsRepo).signups(ev.id);
  const mine = signups.find((s) => s.userId === user.id);
  if (mine) return [ctx.send(mine.state === 'in' ? t.alreadyIn(user.name, ev.title) : t.alreadyWaiting(user.name, ev.title))];
  const taken = signups.filter((s) => s.state === 'in').length;
  const state = ev.capacity === null || taken < ev.capacity ? 'in' : 'waiting';
  const signed = eventSigned.of(ctx.group, { id: ev.id, userId: user.id, userName: user.name, at: ctx.now.getTime(), state });
  if (state === 'waiting') return [signed, ctx.send(t.waitlisted(user.name, ev.title, signups.filter((s) => s.state === 'waiting').length + 1))];
  const list = listed(ctx, ev);
  return [signed, ctx.send(t.joined(ev.id, ev.title, `${list}${list ? '\n' : ''}${taken + 1}. ${user.name}`, taken + 1, ev.capacity))];
}

export function leaveEvent(ctx: GroupContext, ev: GroupEvent, user: { id: string; name: string }): Action[] {
  const t = ctx.t.events;
  const signups = ctx.store.of(EventsRepo).signups(ev.id);
  const mine = signups.find((s) => s.userId === user.id);
  if (!mine) return [ctx.send(t.notSigned(user.name, ev.title))];
  const now = ctx.now.getTime();
  const out: Action[] = [eventSigned.of(ctx.group, { id: ev.id, userId: user.id, userName: user.name, at: now, state: 'left' }), ctx.send(t.left(user.name, ev.title))];
  const next = mine.state === 'in' ? signups.find((s) => s.state === 'waiting') : undefined;
  if (next) {
    // The first who waited moves up, keeping their place in line.
    out.push(eventSigned.of(ctx.group, { id: ev.id, userId: next.userId, userName: next.userName, at: next.at, state: 'in' }));
    out.push(ctx.send(t.promoted(next.userName, ev.title, when(ctx, ev)), { mentions: [{ id: next.userId, name: next.userName }] }));
  }
  return out;
}

/** The event a bare /join, 接龙 or +1 means: the soonest coming one. */
export const soonest = (ctx: GroupContext): GroupEvent | undefined => ctx.store.of(EventsRepo).upcoming(ctx.group, ctx.now.getTime())[0];

/** The event a bare /event code means: the one under way (started within twelve hours), or the next. */
export const atHand = (ctx: GroupContext): GroupEvent | undefined => ctx.store.of(EventsRepo).upcoming(ctx.group, ctx.now.getTime() - ATTEND_UNTIL_MS)[0];

/** The code said at the event: the admin gets it privately; whoever came types it. */
export function attendanceCode(ctx: CommandContext, ev: GroupEvent): Action[] {
  // Four digits from the event and the moment asked: a new code each time, nothing random to inject.
  const code = String(1000 + (fnv1a(`${ev.id}:${ctx.now.getTime()}`) % 9000));
  return [eventCodeSet.of(ctx.group, { id: ev.id, code }), ctx.dm(ctx.event.sender.id, ctx.t.events.code(ev.title, code)), ctx.reply(ctx.t.events.codeSent)];
}

export function attend(ctx: CommandContext, code: string): Action[] {
  const t = ctx.t.events;
  const now = ctx.now.getTime();
  const me = ctx.event.sender;
  const ev = ctx.store
    .of(EventsRepo)
    .upcoming(ctx.group, now - ATTEND_UNTIL_MS)
    .find((e) => e.code === code && now >= e.startsAt - ATTEND_FROM_MS);
  if (!ev) return [ctx.reply(t.wrongCode)];
  const mine = ctx.store.of(EventsRepo).signups(ev.id).find((s) => s.userId === me.id);
  if (!mine || mine.state !== 'in') return [ctx.reply(t.notSigned(me.name, ev.title))];
  if (mine.attended) return [ctx.reply(t.attendedAlready)];
  const points = ctx.groupSettings.get(attendPoints);
  return [
    eventAttended.of(ctx.group, { id: ev.id, userId: me.id }),
    ...(points ? [awardPoints(ctx.group, { id: me.id, name: me.name }, points, t.pointsReason(ev.title), now)] : []),
    ctx.reply(t.attended(me.name, ev.title, points)),
  ];
}

/** "+1" in a group with an event coming is a sign-up, as people do in a 接龙. */
export const plusOne: Rule = ruleOn('message', {
  id: 'events.plus-one',
  stage: 'after',
  decide(ctx, e) {
    // Every message passes here: only a short one is looked at closer.
    if (e.chat !== 'group' || e.kind !== 'text' || e.text.length > 8) return;
    if (e.text.trim().normalize('NFKC') !== '+1') return;
    const ev = soonest(ctx);
    return ev ? joinEvent(ctx, ev, { id: e.sender.id, name: e.sender.name }) : undefined;
  },
});

/** The join button (typed 接龙<id> where there are no buttons). */
export const joinButton: Rule = ruleOn('buttonPressed', {
  id: 'events.join-button',
  stage: 'after',
  decide(ctx, e) {
    const m = /^event:(\d+):join$/.exec(e.data);
    if (!m) return;
    const ev = ctx.store.of(EventsRepo).get(Number(m[1]));
    const answer = answerButtonOnly(e);
    if (!ev || ev.groupId !== e.groupId || ev.platform !== e.platform) return { actions: [...answer, ctx.send(ctx.t.events.over)], stop: true };
    return { actions: [...answer, ...joinEvent(ctx, ev, { id: e.sender.id, name: e.sender.name })], stop: true };
  },
});

/** An hour before: the list, mentioned. */
export const remindJob: JobHandler = {
  kind: JOB_REMIND,
  run(ctx) {
    const ev = ctx.store.of(EventsRepo).get(Number(ctx.job.key));
    if (!ev) return [];
    const people = ctx.store.of(EventsRepo).signups(ev.id).filter((s) => s.state === 'in').slice(0, LIST_MAX);
    if (!people.length) return [];
    const mentions = people.map((p) => ({ id: p.userId, name: p.userName }));
    return [ctx.send(ctx.t.events.reminder(ev.title, when(ctx, ev), ev.place, mentions.map((m) => `@${m.name}`).join(' ')), { mentions })];
  },
};
