// Whom or what a command points at, and answers to what was typed: helpers every feature's commands share.
import type { SettingDef } from '../settings/definition.js';
import type { SendAction } from './actions.js';
import type { CommandContext } from './context.js';

/** The member a command points at: an @mention, the message it replies to, or a name typed. */
export function targetMember(ctx: CommandContext, typed: string): { id: string; name: string } | 'ambiguous' | undefined {
  const mentioned = ctx.event.mentions?.[0];
  if (mentioned) return { id: mentioned.id, name: mentioned.name };
  const reply = ctx.event.replyTo;
  if (reply?.senderId) return { id: reply.senderId, name: reply.senderName ?? reply.senderId };
  if (!typed) return undefined;
  const found = ctx.store.members.find(ctx.group, typed);
  if (found.length > 1) return 'ambiguous';
  return found[0] ? { id: found[0].userId, name: found[0].name } : undefined;
}

/**
 * The member a command is about (see targetMember), or the answer saying why there is none. With
 * `byId`, a platform id typed stands for a member the bot has not seen (a ban before they come).
 */
export function memberOrAnswer(ctx: CommandContext, typed: string, o: { byId?: boolean } = {}): { id: string; name: string } | SendAction[] {
  const found = targetMember(ctx, typed);
  if (found === 'ambiguous') return [ctx.reply(ctx.t.roles.ambiguous(typed))];
  if (found) return found;
  return o.byId && /^\d{3,20}$/.test(typed) ? { id: typed, name: typed } : [ctx.reply(ctx.t.penalties.noTarget)];
}

/** The message an admin's command replies to (/spam, /notspam, /offtopic, /ontopic), when the platform says whose it is. */
export function repliedTo(ctx: CommandContext): { id: string; name: string; messageId: string; text: string } | undefined {
  const r = ctx.event.replyTo;
  return r?.senderId ? { id: r.senderId, name: r.senderName ?? r.senderId, messageId: r.messageId, text: r.text ?? '' } : undefined;
}

/** The answer to a whole number typed outside a setting's bounds: the key and the bounds. */
export function outOfRange(ctx: CommandContext, def: SettingDef<number>): SendAction[] {
  return [ctx.reply(ctx.t.settings.invalidValue(def.key, ctx.t.settings.range(...def.range!)))];
}
