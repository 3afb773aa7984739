import type { CommandContext } from '../src/engine/context.js';

/** The message an admin's command replies to (/spam, /notspam, /offtopic, /ontopic), when the platform says whose it is. */
export function repliedTo(ctx: CommandContext): { id: string; name: string; messageId: string; text: string } | undefined {
  const r = ctx.event.replyTo;
  return r?.senderId ? { id: r.senderId, name: r.senderName ?? r.senderId, messageId: r.messageId, text: r.text ?? '' } : undefined;
}
