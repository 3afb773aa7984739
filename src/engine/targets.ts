// Whom or what a command points at: helpers every feature's commands share.
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

/** The message an admin's command replies to (/spam, /notspam, /offtopic, /ontopic), when the platform says whose it is. */
export function repliedTo(ctx: CommandContext): { id: string; name: string; messageId: string; text: string } | undefined {
  const r = ctx.event.replyTo;
  return r?.senderId ? { id: r.senderId, name: r.senderName ?? r.senderId, messageId: r.messageId, text: r.text ?? '' } : undefined;
}
