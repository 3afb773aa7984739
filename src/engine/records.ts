import type { GroupRef } from '../storage/groups.js';
import type { NewJob } from '../storage/jobs.js';
import type { Store } from '../storage/store.js';
import type { RecordAction } from './actions.js';
import type { Role } from './events.js';
import type { SettingsService } from '../settings/service.js';

/**
 * One kind of record, typed: `of` makes the record a decision returns, `applied` the recorder a
 * feature registers to write it. A decision that needs the id of a row it adds names it itself
 * (nextIdOf in src/storage/db.ts), so a record is written and nothing comes back.
 */
export interface RecordKind<D> {
  kind: string;
  of(g: GroupRef, data: D): RecordAction;
  applied(apply: (to: RecordTarget, g: GroupRef, data: D) => void): Recorder;
}

/** Where records are written: the store, and the settings (whose cache must follow). */
export interface RecordTarget {
  store: Store;
  settings: SettingsService;
}

export interface Recorder {
  kind: string;
  apply(to: RecordTarget, g: GroupRef, data: unknown): void;
}

export function recordKind<D>(kind: string): RecordKind<D> {
  return {
    kind,
    of: (g, data) => ({ type: 'record', kind, platform: g.platform, groupId: g.groupId, data }),
    applied: (apply) => ({ kind, apply: apply as Recorder['apply'] }),
  };
}

export interface LogEntry {
  at: number;
  /** What was done: 'strike', 'adfilter', 'appeal accepted', … */
  what: string;
  userId?: string | undefined;
  /** Why, in the group's language. */
  reason?: string | undefined;
  /** A code rendered for people by the penalties feature's log text: 'removed:0.91', 'by:Ann', … */
  outcome: string;
}

/** A line in the group's action log (/log, the dashboard). */
export const logEntry = recordKind<LogEntry>('log');
/** A job to run later (re-scheduling one moves it). */
export const scheduleJob = recordKind<Omit<NewJob, 'platform' | 'groupId'> & { at: number }>('job');
/** A pending job that is no longer wanted. */
export const cancelJob = recordKind<{ kind: string; key: string }>('job.cancel');

/** Something the group was told once and need not be told again (notices.at reads it back). */
export const noticeGiven = recordKind<{ key: string; at: number }>('notice');
export const noticeForgotten = recordKind<{ key: string }>('notice.forget');
/** A role the owner gave or took (null: none beyond what the platform says). */
export const roleSet = recordKind<{ userId: string; name: string; role: Role | null; at: number }>('member.role');
/** A member the automatic rules never punish, or no longer trusted. */
export const trustSet = recordKind<{ userId: string; name: string; trusted: boolean; at: number }>('member.trust');

/** Settings a command saved (by key), by whom and when. */
export const settingsSaved = recordKind<{ values: [string, unknown][]; by: string; at: number }>('settings');

/** The core's own records: the action log, jobs, notices, members and settings belong to no feature. */
export const coreRecorders: Recorder[] = [
  logEntry.applied(({ store }, g, e) => store.actionLog.add(g, e.at, e.what, e.userId, e.reason, e.outcome)),
  scheduleJob.applied(({ store }, g, { at, ...job }) => void store.jobs.schedule({ ...g, ...job }, at)),
  cancelJob.applied(({ store }, g, { kind, key }) => void store.jobs.cancel(g, kind, key)),
  noticeGiven.applied(({ store }, g, { key, at }) => void store.notices.firstTime(g, key, at)),
  noticeForgotten.applied(({ store }, g, { key }) => store.notices.forget(g, key)),
  roleSet.applied(({ store }, g, m) => {
    store.members.seen(g, m.userId, m.name, m.at);
    store.members.setRole(g, m.userId, m.role);
  }),
  trustSet.applied(({ store }, g, m) => {
    store.members.seen(g, m.userId, m.name, m.at);
    store.members.setTrusted(g, m.userId, m.trusted);
  }),
  settingsSaved.applied(({ settings }, g, { values, by, at }) => settings.setMany(g, new Map(values), by, at)),
];
