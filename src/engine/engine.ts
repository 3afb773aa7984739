import { messages } from '../i18n/index.js';
import type { JobRow } from '../storage/jobs.js';
import type { Action } from './actions.js';
import { type CommandContext, type GroupContext, type RuleContext, type Services, groupContext } from './context.js';
import type { InboundEvent, MessageEvent } from './events.js';
import { type ParsedCommand, parseCommand } from './parser.js';
import { type JobOutcome, type Registry, type Rule, type RuleResult, atLeast } from './registry.js';

/** Remembers recent event ids so a message delivered twice is handled once. */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max: number) {}
  /** True if the id was new. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}

/**
 * The one command-and-rule engine: records what happened, runs the command or the rules, and
 * returns the actions they decided. It never performs anything itself; the executor does.
 */
export class Engine {
  botUsername: string | undefined;
  private readonly recent = new RecentIds(10_000);
  /** Rules per event type, in priority order, computed once. */
  private readonly rulesFor = new Map<InboundEvent['type'], Rule[]>();

  constructor(
    private readonly services: Services,
    private readonly registry: Registry,
  ) {
    for (const type of ['message', 'memberJoined', 'memberLeft', 'buttonPressed'] as const) {
      this.rulesFor.set(type, registry.rules.filter((r) => r.on.includes(type)));
    }
  }

  async handle(event: InboundEvent): Promise<Action[]> {
    if (!this.recent.add(`${event.platform}\u0000${event.groupId}\u0000${event.type}\u0000${event.eventId}`)) return [];
    const privateChat = event.type === 'message' && event.chat === 'private';
    if (!privateChat) this.record(event);

    let command: ParsedCommand | undefined;
    if (event.type === 'message' && event.kind === 'text' && !event.sender.isBot) {
      command = parseCommand(event.text, { botUsername: this.botUsername, aliases: this.registry.aliases });
      if (command && !this.registry.commands.has(command.name)) command = undefined;
    }
    let rules = privateChat ? [] : (this.rulesFor.get(event.type) ?? []);
    if (command) rules = rules.filter((r) => r.seesCommands);
    if (!command && !rules.length) return [];
    const ctx = groupContext(this.services, { platform: event.platform, groupId: event.groupId }, messages);
    const actions: Action[] = [];
    if (command) actions.push(...(await this.runCommand(ctx, event as MessageEvent, command)));
    if (rules.length) actions.push(...(await this.runRules({ ...ctx, event, command }, rules)));
    return actions;
  }

  /**
   * What every statistic needs: the group, the member, and one more message in the ledger. The
   * group and member writes are cached away once known, so a message usually costs one upsert;
   * no explicit transaction, as each write is idempotent on its own.
   */
  private record(event: InboundEvent): void {
    const { store } = this.services;
    const g = { platform: event.platform, groupId: event.groupId };
    const at = event.at.getTime();
    store.groups.ensure(g, at, event.groupTitle);
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
        store.members.left(g, event.member.id, at);
        break;
    }
  }

  private async runCommand(base: GroupContext, event: MessageEvent, command: ParsedCommand): Promise<Action[]> {
    const def = this.registry.commands.get(command.name)!;
    const t = base.t;
    const reply: CommandContext['reply'] = (text, extra = {}) => base.send(text, { replyTo: event.messageId, ...extra });
    if (event.chat === 'private' && (def.where ?? 'group') === 'group') return [reply(t.common.groupOnly(command.typed))];
    const level = this.services.levelOf(base.group, event.sender);
    if (!atLeast(level, def.level)) {
      return [reply(def.level === 'owner' ? t.common.refusedOwner(command.typed) : t.common.refusedAdmin(command.typed))];
    }
    const usageLine = (t.usage as Record<string, string | undefined>)[def.name] ?? `/${def.name}`;
    const ctx: CommandContext = { ...base, event, command, level, reply, usage: () => [reply(t.common.usage(usageLine))] };
    try {
      return await def.run(ctx);
    } catch (err) {
      this.services.log.error({ err, command: def.name, group: base.group }, 'command failed');
      return [reply(t.common.internalError)];
    }
  }

  private async runRules(ctx: RuleContext, rules: Rule[]): Promise<Action[]> {
    const actions: Action[] = [];
    for (const rule of rules) {
      let result: RuleResult | Action[] | void;
      try {
        result = await rule.decide(ctx);
      } catch (err) {
        // One broken rule must not silence the others.
        this.services.log.error({ err, rule: rule.id, group: ctx.group }, 'rule failed');
        continue;
      }
      if (!result) continue;
      if (Array.isArray(result)) actions.push(...result);
      else {
        actions.push(...result.actions);
        if (result.stop) break;
      }
    }
    return actions;
  }

  /** Runs one persisted job through its feature's handler. */
  async runJob(job: JobRow): Promise<JobOutcome> {
    const handler = this.registry.jobs.get(job.kind);
    if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
    const base = groupContext(this.services, { platform: job.platform, groupId: job.groupId }, messages);
    const out = await handler.run({ ...base, job, lateBy: Math.max(0, base.now.getTime() - job.dueAt) });
    return Array.isArray(out) ? { actions: out } : out;
  }
}
