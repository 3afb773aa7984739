// Raid mode: a burst of joins (or the owner's /lockdown) turns the group's guard up until things are
// quiet again: newcomers held back until verified, the ad filter strict, welcomes batched. It is
// a temporary profile of the group's own settings, saved when the raid begins and put back when it
// ends, so every feature simply follows its settings; the owner is told at the start and the end.
import type { Action } from '../../engine/actions.js';
import type { GroupContext } from '../../engine/context.js';
import { cancelJob, logEntry, scheduleJob, settingsSaved } from '../../engine/records.js';
import { type JobHandler, type Rule, ruleOn } from '../../engine/registry.js';
import { LruMap } from '../../storage/lru.js';
import { raidEnded, raidJoined, raidStarted } from './records.js';
import { type Raid, RaidsRepo } from './raids.sql.js';
import { raidJoins, raidMode, raidQuietMinutes, raidSeconds } from './settings.js';

export const JOB_RAID_END = 'raid.end';
/** Who changed the settings, in their history: the raid itself. */
const BY = 'raid';

/**
 * What a raid turns up, by setting key: the raid's value given the group's own (undefined: leave it).
 * Keys, not definitions: a build without one of these features simply has less to turn up.
 */
const RAID_PROFILE: Record<string, (own: unknown) => unknown> = {
  'verify.mode': (v) => (v === 'off' ? 'button' : undefined),
  'adfilter.mode': (v) => (v === 'on' ? 'strict' : undefined),
  'welcome.batchSeconds': (v) => (typeof v === 'number' && v < 300 ? 300 : undefined),
};

/** Whether the group is in a raid or a lockdown now. */
export const raidActive = (ctx: GroupContext): boolean => ctx.store.of(RaidsRepo).open(ctx.group) !== undefined;

export function startRaid(ctx: GroupContext, by: Raid['by'], joins: number): Action[] {
  const g = ctx.group;
  const now = ctx.now.getTime();
  const turned: [string, unknown][] = [];
  const saved: Record<string, unknown> = {};
  for (const [key, turn] of Object.entries(RAID_PROFILE)) {
    const def = ctx.settings.definition(key);
    const own = def && ctx.groupSettings.get(def);
    const value = def && turn(own);
    if (value === undefined) continue;
    turned.push([key, value]);
    saved[key] = own;
  }
  // The rest of this very decision (the arrivals that set it off) already sees the raid's settings.
  if (turned.length) ctx.groupSettings = ctx.groupSettings.with(new Map(turned));
  const t = ctx.t.raid;
  const title = ctx.store.groups.label(g);
  const quiet = ctx.groupSettings.get(raidQuietMinutes);
  const out: Action[] = [
    raidStarted.of(g, { id: ctx.store.of(RaidsRepo).nextId(), startedAt: now, by, joins, lastJoinAt: now, saved }),
    ...(turned.length ? [settingsSaved.of(g, { values: turned, by: BY, at: now })] : []),
    logEntry.of(g, { at: now, what: 'raid', reason: by === 'joins' ? t.why(joins, ctx.groupSettings.get(raidSeconds)) : t.byOwner, outcome: 'raid:start' }),
    ctx.notifyOwner(by === 'joins' ? t.startedOwner(title, joins, ctx.groupSettings.get(raidSeconds), quiet) : t.lockdownOwner(title)),
    ctx.send(t.startedGroup),
  ];
  if (by === 'joins') out.push(scheduleJob.of(g, { kind: JOB_RAID_END, key: 'raid', dueAt: now + quiet * 60_000, at: now }));
  return out;
}

export function endRaid(ctx: GroupContext, raid: Raid): Action[] {
  const g = ctx.group;
  const now = ctx.now.getTime();
  const restore: [string, unknown][] = [];
  for (const [key, before] of Object.entries(raid.saved)) {
    const def = ctx.settings.definition(key);
    const turn = RAID_PROFILE[key];
    // Only what the raid set is put back: a change an owner made meanwhile stays.
    if (def && turn && turn(before) === ctx.groupSettings.get(def)) restore.push([key, before]);
  }
  const t = ctx.t.raid;
  const title = ctx.store.groups.label(g);
  return [
    raidEnded.of(g, { id: raid.id, at: now }),
    ...(restore.length ? [settingsSaved.of(g, { values: restore, by: BY, at: now })] : []),
    cancelJob.of(g, { kind: JOB_RAID_END, key: 'raid' }),
    logEntry.of(g, { at: now, what: 'raid', reason: t.endedReason(raid.joins), outcome: 'raid:end' }),
    ctx.notifyOwner(t.endedOwner(title, raid.joins, Math.max(1, Math.round((now - raid.startedAt) / 60_000)))),
  ];
}

/** Joins counted per group over the raid window; a raid begins at `raid.joins` of them. */
export function raidRule(): Rule {
  const recentJoins = new LruMap<string, number[]>(10_000);
  // When observe mode last wrote down a raid, per group: once per quiet period, not once per join.
  const observed = new LruMap<string, number>(10_000);
  return ruleOn('memberJoined', {
    id: 'raid.detect',
    stage: 'guard',
    decide(ctx, e) {
      const humans = e.members.filter((m) => !m.isBot).length;
      if (!humans) return;
      const at = e.at.getTime();
      const open = ctx.store.of(RaidsRepo).open(ctx.group);
      if (open) return [raidJoined.of(ctx.group, { id: open.id, n: humans, at })];
      const s = ctx.groupSettings;
      const mode = s.get(raidMode);
      if (mode === 'off') return;
      const key = `${e.platform}\u0000${e.groupId}`;
      const limit = s.get(raidJoins);
      const window = s.get(raidSeconds) * 1000;
      const times = [...(recentJoins.get(key) ?? []).filter((x) => at - x < window), ...Array<number>(Math.min(humans, limit)).fill(at)].slice(-limit);
      recentJoins.set(key, times);
      if (times.length < limit) return;
      if (mode === 'on') return startRaid(ctx, 'joins', times.length);
      const last = observed.get(key);
      if (last !== undefined && at - last < s.get(raidQuietMinutes) * 60_000) return;
      observed.set(key, at);
      return [logEntry.of(ctx.group, { at: ctx.now.getTime(), what: 'raid (observe)', reason: ctx.t.raid.why(times.length, s.get(raidSeconds)), outcome: 'would:raid' })];
    },
  });
}

/** A raid that began with joins ends once the group has been quiet for `raid.quietMinutes`. */
export const raidEndJob: JobHandler = {
  kind: JOB_RAID_END,
  run(ctx) {
    const raid = ctx.store.of(RaidsRepo).open(ctx.group);
    if (!raid || raid.by !== 'joins') return [];
    const quietUntil = raid.lastJoinAt + ctx.groupSettings.get(raidQuietMinutes) * 60_000;
    if (quietUntil > ctx.now.getTime()) return { actions: [], next: { dueAt: new Date(quietUntil) } };
    return endRaid(ctx, raid);
  },
};
