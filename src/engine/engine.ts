import { messages } from '../i18n/index.js';
import { managedSetting } from '../settings/core.js';
import type { SettingDef } from '../settings/definition.js';
import type { GroupRef } from '../storage/groups.js';
import type { JobRow } from '../storage/jobs.js';
import type { Action, SendAction } from './actions.js';
import { type CommandContext, type GroupContext, type GuardDecision, type RuleContext, type Services, defined, derive, groupContext } from './context.js';
import type { InboundEvent, MessageEvent } from './events.js';
import { commandMenu } from './menu.js';
import { settingsSaved } from './records.js';
import { type ParsedCommand, parseCommand } from './parser.js';
import { type JobOutcome, type Registry, type Rule, type RuleResult, atLeast } from './registry.js';

const EVENT_TYPES: InboundEvent['type'][] = ['message', 'imageScanned', 'secondOpinion', 'memberJoined', 'memberLeft', 'buttonPressed', 'groupMigrated', 'adminsKnown', 'botRights'];

/**
 * What a message in a forum topic makes the bot say in its group (a reply, a warning, a reminder)
 * goes to that topic, unless the decision chose a place itself.
 */
function inThread(event: InboundEvent, actions: Action[]): Action[] {
  if (event.type !== 'message' || event.threadId === undefined) return actions;
  const threadId = event.threadId;
  return actions.map((a) => (a.type === 'send' && a.groupId === event.groupId && a.threadId === undefined ? { ...a, threadId } : a));
}

/** A decision that wrote to the store instead of returning records (strict mode: tests). */
export class DecidedWithWrites extends Error {
  constructor(who: string) {
    super(`${who} wrote to the store while deciding; return records instead`);
    this.name = 'DecidedWithWrites';
  }
}

/** Event ids this process handled lately (the last `max`), in front of the stored ones. */
class RecentIds {
  private readonly ids = new Set<string>();
  private readonly ring: (string | undefined)[];
  private next = 0;
  constructor(max: number) {
    this.ring = new Array<string | undefined>(max);
  }
  /** True if the id was new. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    const oldest = this.ring[this.next];
    if (oldest !== undefined) this.ids.delete(oldest);
    this.ring[this.next] = id;
    this.next = (this.next + 1) % this.ring.length;
    this.ids.add(id);
    return true;
  }
}

/**
 * The one command-and-rule engine: records what happened, runs the command or the rules, and
 * returns the actions they decided. It never performs anything itself; the executor does.
 */
export class Engine {
  /** The bot's own @username per platform ("/checkin@other_bot" is for another bot). */
  private readonly botUsernames = new Map<string, string>();
  private readonly recent = new RecentIds(10_000);
  /** Rules per event type, guards first, each stage in the registry's order, computed once. */
  private readonly rulesFor = new Map<InboundEvent['type'], Rule[]>();

  constructor(
    private readonly services: Services,
    private readonly registry: Registry,
    /**
     * `strict` (tests): every rule, command and job is held to deciding as data. One that writes
     * to the store while deciding throws, naming itself. Off in production: it costs a query per rule.
     */
    private readonly opts: { strict?: boolean } = {},
  ) {
    for (const type of EVENT_TYPES) this.rulesFor.set(type, registry.rules.filter((r) => r.on.includes(type)));
  }

  /**
   * Decides about one event, once: an event delivered again (a restart, Telegram sending the same
   * message under a new update id) is ignored. The id is stored with the decision when it decided
   * anything (to send, or to record). One that decided nothing would decide the same again, and
   * what the engine notes of every event (the member, the group) is the same written twice, so only
   * this process's recent ids remember it: storing every chat line's id would halve throughput.
   */
  async handle(event: InboundEvent): Promise<Action[]> {
    const { store, clock } = this.services;
    const key = `${event.groupId}\u0000${event.type}\u0000${event.eventId}`;
    if (!this.recent.add(`${event.platform}\u0000${key}`) || store.handledEvents.seen(event.platform, key)) return [];
    const decided = inThread(event, await this.decide(event));
    const actions = [...decided, ...this.followed({ platform: event.platform, groupId: event.groupId }, decided)];
    if (actions.length) store.handledEvents.add(event.platform, key, clock.now().getTime());
    return actions;
  }

  private async decide(event: InboundEvent): Promise<Action[]> {
    if (event.unmanaged && !this.managed(event)) return this.enableOnly(event);
    if (event.type === 'message' && event.edited) return this.judgeEdit(event);
    const privateChat = (event.type === 'message' || event.type === 'buttonPressed') && event.chat === 'private';
    const actions = privateChat ? [] : this.record(event);
    if (event.type === 'message' && event.kind === 'text') {
      // A keyword standing for a button (platforms without buttons) is a press of that button.
      const pressed = this.services.store.buttonKeywords.match(event.platform, event.groupId, event.text, event.at.getTime());
      for (const [i, data] of pressed.entries()) {
        const press = { type: 'buttonPressed' as const, platform: event.platform, groupId: event.groupId, chat: event.chat, eventId: `${event.eventId}#${i}`, at: event.at, sender: event.sender, data, messageId: event.messageId };
        actions.push(...(await this.decide(press)));
      }
      if (pressed.length) return actions;
    }

    let command: ParsedCommand | undefined;
    if (event.type === 'message' && event.kind === 'text' && !event.sender.isBot) {
      command = this.commandIn(event);
      if (command && !this.registry.commands.has(command.name)) command = undefined;
    }
    // In private chats only commands run, and button presses (an owner's one-tap decisions).
    const rules = privateChat && event.type === 'message' ? [] : (this.rulesFor.get(event.type) ?? []);
    if (!command && !rules.length) return actions;
    const ctx = groupContext(this.services, { platform: event.platform, groupId: event.groupId }, messages);
    const ruleCtx: RuleContext = Object.assign(ctx, { event, command });
    if (!command) {
      actions.push(...(await this.runRules(ruleCtx, rules)).actions);
      return actions;
    }
    // Guards see the command first: an unverified newcomer's "/me 加我微信…" is held back, and
    // "打卡 <an ad>" is an ad, not a check-in.
    const guarded = await this.runRules(ruleCtx, rules.filter((r) => r.stage === 'guard'));
    actions.push(...guarded.actions);
    if (!guarded.stopped) actions.push(...(await this.runCommand(ctx, event as MessageEvent, command)));
    return actions;
  }

  /**
   * An edited message is judged again by the guards that read content, and only by them: it was
   * counted when it was sent, and what it now says is no command (a check-in edited twice is one).
   */
  private async judgeEdit(event: MessageEvent): Promise<Action[]> {
    if (event.chat !== 'group' || !this.services.store.groups.exists(event)) return [];
    const rules = (this.rulesFor.get('message') ?? []).filter((r) => r.stage === 'guard' && r.edits);
    const ctx: RuleContext = Object.assign(groupContext(this.services, { platform: event.platform, groupId: event.groupId }, messages), { event });
    return (await this.runRules(ctx, rules)).actions;
  }

  /** Told by each adapter once it knows its own name. */
  setBotUsername(platform: string, username: string): void {
    this.botUsernames.set(platform, username);
  }

  /** Parsed once per message: the rights check before the decision and the decision share it. */
  private readonly parsed = new WeakMap<MessageEvent, ParsedCommand | null>();

  private commandIn(event: MessageEvent): ParsedCommand | undefined {
    let command = this.parsed.get(event);
    if (command === undefined) {
      command = parseCommand(event.text, { botUsername: this.botUsernames.get(event.platform), aliases: this.registry.aliases, keywords: this.registry.keywords }) ?? null;
      this.parsed.set(event, command);
    }
    return command ?? undefined;
  }

  /**
   * The group whose admin list must be fresh before this message is decided: the group (or, in a
   * private chat, the group the command works on) of a command that needs rights, or of any command
   * from someone the bot now counts as an admin (a demotion it missed would keep their rights).
   */
  rightsToRefresh(event: InboundEvent): GroupRef | undefined {
    if (event.type !== 'message' || event.kind !== 'text' || event.sender.isBot) return undefined;
    const command = this.commandIn(event);
    const def = command && this.registry.commands.get(command.name);
    if (!def) return undefined;
    const group = event.chat === 'private' ? this.privateTarget(event).target : { platform: event.platform, groupId: event.groupId };
    if (!group) return undefined;
    return def.level !== 'member' || this.services.levelOf(group, event.sender) !== 'member' ? group : undefined;
  }

  /**
   * The group a command in a private chat works on: the one chosen with /use, or the sender's only
   * group; otherwise the groups to choose from.
   */
  private privateTarget(event: MessageEvent): { target?: GroupRef; choices: { groupId: string; title: string | null }[] } {
    const chosen = this.services.privateTargets.get(event.platform, event.sender.id);
    if (chosen) return { target: chosen, choices: [] };
    const groups = this.services.store.members.groupsOf(event.platform, event.sender.id);
    return groups.length === 1 ? { target: { platform: event.platform, groupId: groups[0]!.groupId }, choices: [] } : { choices: groups };
  }

  private managed(event: InboundEvent): boolean {
    const g = { platform: event.platform, groupId: event.groupId };
    return this.services.store.groups.exists(g) && this.services.settings.for(g).get(managedSetting);
  }

  /** In a group nobody enabled, the bot records nothing and answers only the owner's /manage. */
  private async enableOnly(event: InboundEvent): Promise<Action[]> {
    if (event.type !== 'message' || event.chat !== 'group' || event.kind !== 'text') return [];
    const command = this.commandIn(event);
    if (!command || !this.registry.commands.get(command.name)?.inUnmanaged) return [];
    const g = { platform: event.platform, groupId: event.groupId };
    if (!atLeast(this.services.levelOf(g, event.sender), 'owner')) return [];
    this.services.store.groups.ensure(g, event.at.getTime(), event.groupTitle);
    return this.runCommand(groupContext(this.services, g, messages), event, command);
  }

  /**
   * What every statistic needs: the group, the member, and one more message in the ledger; and
   * what the platform tells about the group (new id, admins, the bot's rights). The group and
   * member writes are cached away once known, so a message usually costs one ledger increment.
   */
  private record(event: InboundEvent): Action[] {
    const { store, settings } = this.services;
    const g = { platform: event.platform, groupId: event.groupId };
    const at = event.at.getTime();
    if (event.type === 'groupMigrated') {
      store.moveGroup(event.platform, event.fromGroupId, event.groupId);
      settings.forget(g);
      settings.forget({ platform: event.platform, groupId: event.fromGroupId });
    }
    const actions: Action[] = [];
    if (store.groups.ensure(g, at, event.groupTitle)) {
      actions.push(commandMenu(this.registry, messages(settings.for(g).language), g));
    }
    switch (event.type) {
      case 'message':
        store.members.seen(g, event.sender.id, event.sender.name, at);
        store.activity.record(g, event.sender.id, event.at, event.kind);
        break;
      case 'buttonPressed':
        store.members.seen(g, event.sender.id, event.sender.name, at);
        break;
      case 'memberJoined':
        store.transaction(() => {
          for (const m of event.members) store.members.joined(g, m.id, m.name, at, event.inviter?.id);
        });
        break;
      case 'memberLeft':
        store.members.left(g, event.member.id, event.member.name, at);
        break;
      case 'adminsKnown':
        store.members.setPlatformAdmins(g, event.admins, at);
        if (event.memberCount !== undefined) store.groups.setMemberCount(g, event.memberCount, at);
        break;
      case 'botRights': {
        if (!event.missing.length) {
          store.notices.clear(g, 'rights:');
          break;
        }
        const missing = [...event.missing].sort();
        if (store.notices.firstTime(g, `rights:${missing.join(',')}`, at)) {
          const t = messages(settings.for(g).language);
          const title = store.groups.label(g);
          actions.push({ type: 'notifyOwner', ...g, text: t.rights.missing(title, missing.map((r) => t.rights.names[r])) });
        }
        break;
      }
      case 'groupMigrated':
        break;
    }
    return actions;
  }

  private async runCommand(chat: GroupContext, event: MessageEvent, command: ParsedCommand): Promise<Action[]> {
    const def = this.registry.commands.get(command.name)!;
    const reply = (text: string, extra: Pick<SendAction, 'mentions' | 'buttons'> = {}): SendAction => ({
      type: 'send',
      platform: event.platform,
      groupId: event.groupId,
      text,
      ...defined({ replyTo: event.chat === 'group' ? event.messageId : undefined, ...extra }),
    });
    // In a private chat, a group command works on the sender's group (see privateTarget).
    let base = chat;
    if (event.chat === 'private' && (def.where ?? 'group') === 'group') {
      const { target, choices } = this.privateTarget(event);
      if (!target) {
        if (def.level !== 'member') return [reply(chat.t.private.noTarget(command.typed))];
        if (!choices.length) return [reply(chat.t.private.noGroup)];
        return [reply(chat.t.private.chooseFirst(command.typed, choices.map((g, i) => `${i + 1}. ${g.title ?? g.groupId}`)))];
      }
      base = groupContext(this.services, target, messages);
    }
    const t = base.t;
    const level = this.services.levelOf(base.group, event.sender);
    if (!atLeast(level, def.level)) {
      return [reply(def.level === 'owner' ? t.common.refusedOwner(command.typed) : t.common.refusedAdmin(command.typed))];
    }
    const usageLine = (t.usage as Record<string, string | undefined>)[def.name] ?? `/${def.name}`;
    // Saved settings are records like any other; the command reads what it saved from then on.
    const saved = new Map<string, unknown>();
    const ctx: CommandContext = derive(base, {
      event,
      command,
      level,
      reply,
      usage: () => [reply(t.common.usage(usageLine))],
      save: <T>(def: SettingDef<T>, value: T) => {
        saved.set(def.key, value);
        ctx.groupSettings = base.groupSettings.with(saved);
      },
    });
    try {
      const actions = await this.deciding(() => `command /${def.name}`, () => def.run(ctx));
      if (!saved.size) return actions;
      // First, so that what follows is planned with the group's new settings (its language).
      return [settingsSaved.of(base.group, { values: [...saved], by: event.sender.id, at: base.now.getTime() }), ...actions];
    } catch (err) {
      if (err instanceof DecidedWithWrites) throw err;
      this.services.log.error({ err, command: def.name, group: base.group }, 'command failed');
      return [reply(t.common.internalError)];
    }
  }

  /**
   * Each guard's decision about a message, recomputed for /why. A decision is data (what it would
   * send, and the records it would write), and nothing here carries it out: nothing is stored.
   * `explaining` tells the guards to remember nothing in memory either.
   */
  async explain(event: MessageEvent): Promise<GuardDecision[]> {
    const ctx: RuleContext = Object.assign(groupContext(this.services, { platform: event.platform, groupId: event.groupId }, messages), { event, explaining: true });
    const out: GuardDecision[] = [];
    for (const rule of (this.rulesFor.get('message') ?? []).filter((r) => r.stage === 'guard')) {
      try {
        const result = await rule.decide(ctx);
        const actions = !result ? [] : Array.isArray(result) ? result : result.actions;
        out.push({ rule: rule.id, actions, stopped: !!result && !Array.isArray(result) && !!result.stop });
      } catch (err) {
        this.services.log.error({ err, rule: rule.id, group: ctx.group }, 'rule failed while explaining');
      }
      if (out.at(-1)?.stopped) break;
    }
    return out;
  }

  /**
   * Runs one decision; in strict mode, checks that it wrote nothing (what it wants written comes
   * back as records). A rule that reads the activity ledger writes out its buffered counts: that
   * is the ledger's bookkeeping, not the decision's write, so it is not counted.
   */
  private deciding<T>(who: () => string, decision: () => T | Promise<T>): T | Promise<T> {
    // Off (production): the decision itself, with nothing around it: this is the hot path.
    if (!this.opts.strict) return decision();
    return this.strictly(who, decision);
  }

  private async strictly<T>(who: () => string, decision: () => T | Promise<T>): Promise<T> {
    const { store } = this.services;
    const written = () => store.changes() - store.activity.written;
    const before = written();
    const result = await decision();
    if (written() !== before) throw new DecidedWithWrites(who());
    return result;
  }

  private async runRules(ctx: RuleContext, rules: Rule[]): Promise<{ actions: Action[]; stopped: boolean }> {
    const actions: Action[] = [];
    for (const rule of rules) {
      let result: RuleResult | Action[] | void;
      try {
        result = await this.deciding(() => `rule ${rule.id}`, () => rule.decide(ctx));
      } catch (err) {
        if (err instanceof DecidedWithWrites) throw err;
        // One broken rule must not silence the others.
        this.services.log.error({ err, rule: rule.id, group: ctx.group }, 'rule failed');
        continue;
      }
      if (!result) continue;
      if (Array.isArray(result)) actions.push(...result);
      else {
        actions.push(...result.actions);
        if (result.stop) return { actions, stopped: true };
      }
    }
    return { actions, stopped: false };
  }

  /** Runs one persisted job through its feature's handler. */
  async runJob(job: JobRow): Promise<JobOutcome> {
    const handler = this.registry.jobs.get(job.kind);
    if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
    const g = { platform: job.platform, groupId: job.groupId };
    const base = groupContext(this.services, g, messages);
    const out = await this.deciding(() => `job ${job.kind}`, () => handler.run(derive(base, { job, lateBy: Math.max(0, base.now.getTime() - job.dueAt) })));
    const outcome = Array.isArray(out) ? { actions: out } : out;
    return { ...outcome, actions: [...outcome.actions, ...this.followed(g, outcome.actions)] };
  }

  /** What the features that follow decisions add to these (the decision's own group as context). */
  private followed(g: GroupRef, decided: readonly Action[]): Action[] {
    const due = this.registry.followers.filter((f) => decided.some((a) => f.on.includes(a.type)));
    if (!due.length) return [];
    const ctx = groupContext(this.services, g, messages);
    return due.flatMap((f) => f.follow(ctx, decided));
  }
}
