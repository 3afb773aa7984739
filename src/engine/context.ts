import type { Logger } from 'pino';
import type { Messages } from '../i18n/index.js';
import type { SettingDef } from '../settings/definition.js';
import type { GroupSettings, SettingsService } from '../settings/service.js';
import type { GroupRef } from '../storage/groups.js';
import type { JobRow } from '../storage/jobs.js';
import type { Store } from '../storage/store.js';
import type { Clock } from '../time/clock.js';
import type { Action, Button, DmAction, Mention, NotifyOwnerAction, SendAction } from './actions.js';
import type { ButtonPressedEvent, InboundEvent, MessageEvent, Sender } from './events.js';
import type { ParsedCommand } from './parser.js';
import type { Capabilities } from './port.js';
import type { PrivateTargets } from './privateTargets.js';
import type { Level, Registry } from './registry.js';

/** What every decision may read. Side effects go out as actions, storage through the store. */
export interface Services {
  store: Store;
  settings: SettingsService;
  registry: Registry;
  clock: Clock;
  log: Logger;
  /** The effective level of a member in a group (platform role, stored role, configured owners). */
  levelOf(group: GroupRef, sender: Pick<Sender, 'id' | 'role'>): Level;
  /** The group each owner configures from a private chat. */
  privateTargets: PrivateTargets;
  /** What the platform can do, for the few decisions that depend on it (hold back by mute or by delete). */
  capabilities(platform: string): Capabilities;
  /** A link that opens a private chat with the bot carrying `start` (Telegram's t.me/<bot>?start=…), where the platform has one. */
  privateLink(platform: string, start: string): string | undefined;
  /** What each guard would decide about a message now; nothing is stored, nothing is done. */
  explain(event: MessageEvent): Promise<GuardDecision[]>;
}

export interface GroupContext extends Services {
  group: GroupRef;
  settings: SettingsService;
  groupSettings: GroupSettings;
  t: Messages;
  now: Date;
  send(text: string, extra?: { replyTo?: string; mentions?: Mention[]; buttons?: Button[]; reason?: string; threadId?: string | undefined }): SendAction;
  dm(userId: string, text: string): DmAction;
  notifyOwner(text: string, reason?: string): NotifyOwnerAction;
  /** The same services and moment, for another group (a decision taken in a private chat acts in its group). */
  inGroup(group: GroupRef): GroupContext;
}

export interface RuleContext extends GroupContext {
  event: InboundEvent;
  /** Set when the message is a command (only guards see those). */
  command?: ParsedCommand;
  /**
   * The decision is only being explained (/why): it is never carried out, so its records are never
   * written; a rule must remember nothing in memory either (no throttles, no recent texts).
   */
  explaining?: boolean;
}

/** What one guard would decide about a message, recomputed: its actions, and whether it stops what follows. */
export interface GuardDecision {
  rule: string;
  actions: Action[];
  stopped: boolean;
}

export interface CommandContext extends GroupContext {
  event: MessageEvent;
  command: ParsedCommand;
  level: Level;
  /** Answers the command in the chat it came from (the group, or the owner's private chat). */
  reply(text: string, extra?: { mentions?: Mention[]; buttons?: Button[] }): SendAction;
  /** The command's usage line, as the answer to a malformed command. */
  usage(): Action[];
  /** Stores a setting of this group, recorded as changed by the sender, now. */
  save<T>(def: SettingDef<T>, value: T): void;
}

export interface JobContext extends GroupContext {
  job: JobRow;
  /** How late the job runs, in ms (the bot was down, or the tick was slow). */
  lateBy: number;
}

// Shared by every context (built once per event on the hot path): they read the group from `this`,
// so a context copied with spread still addresses its own group.
function send(this: GroupContext, text: string, extra: Parameters<GroupContext['send']>[1] = {}): SendAction {
  return { type: 'send', platform: this.group.platform, groupId: this.group.groupId, text, ...defined(extra) };
}
function dm(this: GroupContext, userId: string, text: string): DmAction {
  return { type: 'dm', platform: this.group.platform, groupId: this.group.groupId, userId, text };
}
function notifyOwner(this: GroupContext, text: string, reason?: string): NotifyOwnerAction {
  return { type: 'notifyOwner', platform: this.group.platform, groupId: this.group.groupId, text, ...(reason === undefined ? {} : { reason }) };
}

/**
 * A context for one group and one moment. Built per event on the hot path, so it inherits the
 * services instead of copying them; extend it with `derive`, not with object spread (a spread
 * copies own properties only and would drop the inherited services).
 */
export function groupContext(services: Services, group: GroupRef, messages: (lang: GroupSettings['language']) => Messages): GroupContext {
  const groupSettings = services.settings.for(group);
  const ctx = Object.create(services) as GroupContext;
  ctx.group = group;
  ctx.groupSettings = groupSettings;
  ctx.t = messages(groupSettings.language);
  ctx.now = services.clock.now();
  ctx.send = send;
  ctx.dm = dm;
  ctx.notifyOwner = notifyOwner;
  ctx.inGroup = (other) => groupContext(services, other, messages);
  return ctx;
}

/** The same context with more (or different) fields. */
export function derive<C extends object, E extends object>(ctx: C, extra: E): Omit<C, keyof E> & E {
  return Object.assign(Object.create(ctx) as object, extra) as Omit<C, keyof E> & E;
}

/** Drops undefined fields, so actions print and compare cleanly. */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Answers a real button press with Telegram's small notice; a typed keyword gets nothing of its own
 * (the decision's own message says it, and the group stays quiet).
 */
export function answerButtonOnly(press: ButtonPressedEvent, text?: string): Action[] {
  return press.pressId ? [{ type: 'answerButton', platform: press.platform, groupId: press.groupId, pressId: press.pressId, ...(text === undefined ? {} : { text }) }] : [];
}

/**
 * Answers a button press: Telegram's small notice on the button where there was a real one,
 * else a line in the chat where the keyword was typed.
 */
export function answerPress(ctx: GroupContext, press: ButtonPressedEvent, text: string): Action[] {
  return press.pressId ? [{ type: 'answerButton', platform: press.platform, groupId: press.groupId, pressId: press.pressId, text }] : [ctx.send(text)];
}
