// Locks by content type (/lock images links …) and newcomer limits (for a while after joining, text
// only): a message carrying what the group does not allow is deleted, and its sender told why, at
// most once in ten minutes. No strike: a lock is a house rule, not an offence.
import type { Action } from '../../engine/actions.js';
import type { MessageEvent, MessageKind } from '../../engine/events.js';
import { logEntry } from '../../engine/records.js';
import type { GroupContext } from '../../engine/context.js';
import { type Follower, type Rule, atLeast, ruleOn } from '../../engine/registry.js';
import { LruMap } from '../../storage/lru.js';
import { formatLocal, parseDuration } from '../../time/calendar.js';
import { isExempt } from '../penalties/index.js';
import { type LockType, NEWCOMER_LIMITED, locksMode, locksSetting, newcomerLimitSetting } from './settings.js';

const BY_KIND: Partial<Record<MessageKind, LockType>> = {
  link: 'links', forward: 'forwards', sticker: 'stickers', gif: 'gifs', image: 'images', voice: 'voice', video: 'video', file: 'files', contact: 'contacts', miniprogram: 'miniprograms',
};

/** What a message carries, as lock types: its kind, and links wherever it has any (a caption, a forward). */
export function contentTypes(m: Pick<MessageEvent, 'kind' | 'urls'>): LockType[] {
  const kind = BY_KIND[m.kind];
  const types: LockType[] = kind ? [kind] : [];
  if (m.urls?.length && kind !== 'links') types.push('links');
  return types;
}

/** A member is told about a lock at most this often; what they post meanwhile is only deleted. */
const TELL_EVERY_MS = 10 * 60_000;

export function locksRule(): Rule {
  // Whom was told when: only the last ten minutes matter, so the least recent go first.
  const told = new LruMap<string, number>(20_000);
  return ruleOn('message', {
    id: 'locks',
    stage: 'guard',
    edits: true,
    decide(ctx, e) {
      if (e.chat !== 'group') return;
      const s = ctx.groupSettings;
      const locked = s.get(locksSetting);
      const limit = s.get(newcomerLimitSetting);
      if (!locked.length && limit === 'off') return;
      const types = contentTypes(e);
      if (!types.length) return;
      const at = e.at.getTime();
      let type = types.find((x) => locked.includes(x));
      let until: number | undefined;
      if (!type && limit !== 'off') {
        const joinedAt = ctx.store.members.get(ctx.group, e.sender.id)?.joinedAt;
        const ends = joinedAt != null ? joinedAt + parseDuration(limit)! : 0;
        if (ends > at) {
          type = types.find((x) => NEWCOMER_LIMITED.includes(x));
          until = ends;
        }
      }
      if (!type || isExempt(ctx, e.sender)) return;
      const t = ctx.t.locks;
      const what = t.names[type] ?? type;
      const reason = until === undefined ? t.locked(what) : t.newcomer(ctx.t.penalties.duration(limit), what, formatLocal(new Date(until), s.timezone));
      const user = { id: e.sender.id, name: e.sender.name };
      if (s.get(locksMode) === 'observe') return [logEntry.of(ctx.group, { at: ctx.now.getTime(), what: 'locks (observe)', userId: user.id, reason, outcome: 'would:delete' })];
      const key = `${e.platform}\u0000${e.groupId}\u0000${e.sender.id}`;
      const last = told.get(key);
      const tell = last === undefined || at - last >= TELL_EVERY_MS;
      if (tell && !ctx.explaining) told.set(key, at);
      // Where the bot cannot delete (WeChat), the executor's fallback asks the member to recall it instead.
      const canDelete = ctx.capabilities(e.platform).deleteMessages;
      const actions: Action[] = [{ type: 'delete', ...ctx.group, messageId: e.messageId, user, reason, remindInPublic: tell && !canDelete }];
      if (tell && canDelete) actions.push(ctx.send(t.told(user.name, reason), { mentions: [user], reason }));
      return { actions, stop: true };
    },
  });
}

/** A newcomer's limit: until when, or undefined when there is none or it has passed. */
function limitEnds(ctx: GroupContext, joinedAt: number | null | undefined): number | undefined {
  const limit = ctx.groupSettings.get(newcomerLimitSetting);
  if (limit === 'off' || joinedAt == null) return undefined;
  const ends = joinedAt + parseDuration(limit)!;
  return ends > ctx.now.getTime() ? ends : undefined;
}

/**
 * Where the platform can, a newcomer is restricted to text and stickers until their limit ends (the
 * guard above still deletes links, which no permission can stop). It runs before the arrival rules:
 * an entry check's full mute, decided after it, comes after it and wins until verification.
 */
export const newcomerRestriction: Rule = ruleOn('memberJoined', {
  id: 'locks.newcomers',
  stage: 'guard',
  decide(ctx, e) {
    const ends = limitEnds(ctx, e.at.getTime());
    if (ends === undefined || !ctx.capabilities(e.platform).mute || ctx.groupSettings.get(locksMode) === 'observe') return;
    const reason = ctx.t.locks.restricted(ctx.t.penalties.duration(ctx.groupSettings.get(newcomerLimitSetting)));
    return e.members
      .filter((m) => !m.isBot && !isExempt(ctx, m))
      .map((m): Action => ({ type: 'mute', ...ctx.group, user: { id: m.id, name: m.name }, until: new Date(ends), textOnly: true, reason }));
  },
});

/** Verification lifts the entry check's mute, and with it every restriction: the newcomer limit is put back. */
export const limitAfterUnmute: Follower = {
  on: ['unmute'],
  follow(ctx, decided) {
    if (!ctx.capabilities(ctx.group.platform).mute || ctx.groupSettings.get(locksMode) === 'observe') return [];
    const reason = ctx.t.locks.restricted(ctx.t.penalties.duration(ctx.groupSettings.get(newcomerLimitSetting)));
    return decided.flatMap((a): Action[] => {
      if (a.type !== 'unmute' || a.groupId !== ctx.group.groupId) return [];
      const ends = limitEnds(ctx, ctx.store.members.get(ctx.group, a.user.id)?.joinedAt);
      return ends === undefined ? [] : [{ type: 'mute', ...ctx.group, user: a.user, until: new Date(ends), textOnly: true, reason }];
    });
  },
};

/** With bots locked, a bot added by anyone but an admin is removed at once. */
export const botsLockRule: Rule = ruleOn('memberJoined', {
  id: 'locks.bots',
  stage: 'guard',
  decide(ctx, e) {
    const s = ctx.groupSettings;
    if (!s.get(locksSetting).includes('bots')) return;
    const bots = e.members.filter((m) => m.isBot);
    if (!bots.length || (e.inviter && atLeast(ctx.levelOf(ctx.group, e.inviter), 'admin'))) return;
    const t = ctx.t.locks;
    const reason = t.botsLocked;
    const at = ctx.now.getTime();
    const actions: Action[] =
      s.get(locksMode) === 'observe'
        ? bots.map((b) => logEntry.of(ctx.group, { at, what: 'locks (observe)', userId: b.id, reason, outcome: 'would:kick' }))
        : [...bots.map((b): Action => ({ type: 'kick', ...ctx.group, user: { id: b.id, name: b.name }, reason })), ctx.send(t.botRemoved(bots.map((b) => b.name).join('、')))];
    // Nobody left to welcome: the arrival rules need not run.
    return { actions, stop: s.get(locksMode) === 'on' && bots.length === e.members.length };
  },
});
