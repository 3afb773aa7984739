import type { InboundEvent, MessageEvent, MessageKind, Sender } from '../../src/engine/events.js';
import type { TgCallbackQuery, TgEntity, TgMessage, TgUpdate, TgUser } from './wire.js';

export const TELEGRAM = 'telegram';

export function displayName(u: TgUser): string {
  return [u.first_name, u.last_name].filter(Boolean).join(' ') || u.username || String(u.id);
}

export function sender(u: TgUser): Sender {
  return { id: String(u.id), name: displayName(u), ...(u.is_bot ? { isBot: true } : {}) };
}

function kindOf(m: TgMessage): MessageKind {
  if (m.forward_origin || m.forward_from || m.forward_from_chat || m.forward_date) return 'forward';
  if (m.photo) return 'image';
  // An animation also carries a document (its file): it is a GIF first.
  if (m.animation) return 'gif';
  if (m.sticker) return 'sticker';
  if (m.contact) return 'contact';
  if (m.voice || m.video_note || m.audio) return 'voice';
  if (m.video) return 'video';
  if (m.document) return 'file';
  if (m.text !== undefined || m.caption !== undefined) return 'text';
  return 'other';
}

/** URLs a message carries: typed ones (entities of type url) and hidden ones (text_link). */
function urlsOf(text: string, entities: TgEntity[]): string[] {
  const urls: string[] = [];
  for (const e of entities) {
    if (e.type === 'url') urls.push(text.slice(e.offset, e.offset + e.length));
    else if (e.type === 'text_link' && e.url) urls.push(e.url);
  }
  return urls;
}

function mentionsBot(text: string, entities: TgEntity[], bot: { id: number; username?: string }): boolean {
  return entities.some(
    (e) =>
      (e.type === 'mention' && bot.username && text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === bot.username.toLowerCase()) ||
      (e.type === 'text_mention' && e.user?.id === bot.id),
  );
}

/**
 * When Telegram says a message was sent. A date that is not a plausible Unix time (a malformed
 * update, a broken proxy) stands as `now`: one bad field must not poison what is counted with it.
 */
export function sentAt(date: unknown, now: Date): Date {
  return typeof date === 'number' && Number.isFinite(date) && date > 0 && date < 1e11 ? new Date(date * 1000) : now;
}

function messageEvent(m: TgMessage, bot: { id: number; username?: string }, now: Date): MessageEvent | undefined {
  if (!m.from) return undefined;
  const text = m.text ?? m.caption ?? (m.contact ? [m.contact.first_name, m.contact.last_name].filter(Boolean).join(' ') : m.document?.file_name ?? '');
  const entities = m.entities ?? m.caption_entities ?? [];
  const urls = urlsOf(text, entities);
  const from = sender(m.from);
  // A message an anonymous admin sends "as the group" comes from the group itself.
  if (m.sender_chat && m.sender_chat.id === m.chat.id) from.role = 'admin';
  const reply = m.reply_to_message;
  return {
    type: 'message',
    platform: TELEGRAM,
    groupId: String(m.chat.id),
    ...(m.chat.title ? { groupTitle: m.chat.title } : {}),
    chat: m.chat.type === 'private' ? 'private' : 'group',
    eventId: `${m.chat.id}:${m.message_id}`,
    messageId: String(m.message_id),
    at: sentAt(m.date, now),
    sender: from,
    kind: kindOf(m),
    text,
    ...(m.forward_origin?.type === 'channel' || m.forward_from_chat?.type === 'channel' ? { forwardedFrom: 'channel' as const } : {}),
    ...(urls.length ? { urls } : {}),
    ...(m.is_topic_message && m.message_thread_id !== undefined ? { threadId: String(m.message_thread_id) } : {}),
    ...(reply
      ? {
          replyTo: {
            messageId: String(reply.message_id),
            ...(reply.from ? { senderId: String(reply.from.id), senderName: displayName(reply.from) } : {}),
            ...(reply.text ?? reply.caption ? { text: reply.text ?? reply.caption } : {}),
          },
        }
      : {}),
    ...(mentionsBot(text, entities, bot) ? { mentionsBot: true } : {}),
  };
}

function buttonEvent(q: TgCallbackQuery): InboundEvent | undefined {
  if (!q.message || q.data === undefined) return undefined;
  return {
    type: 'buttonPressed',
    platform: TELEGRAM,
    groupId: String(q.message.chat.id),
    chat: q.message.chat.type === 'private' ? 'private' : 'group',
    eventId: `cb:${q.id}`,
    at: new Date(0), // replaced by the caller's now: Telegram does not say when a button was pressed
    sender: sender(q.from),
    data: q.data,
    pressId: q.id,
    messageId: String(q.message.message_id),
  };
}

/**
 * One Bot API update → the engine's events (none for what Steward ignores). `at` for a button
 * press is unknown to Telegram; the message's date stands in and `now` is passed for it.
 */
export function normalizeUpdate(update: TgUpdate, bot: { id: number; username?: string }, now: Date): InboundEvent[] {
  const q = update.callback_query;
  if (q) {
    const e = buttonEvent(q);
    return e ? [{ ...e, at: now }] : [];
  }
  const edited = update.edited_message;
  if (edited) {
    if (edited.chat.type === 'channel') return [];
    const e = messageEvent(edited, bot, now);
    // Each edit is its own event: the same message edited twice is judged twice.
    return e ? [{ ...e, eventId: `${e.eventId}:edit:${edited.edit_date ?? 0}`, edited: true }] : [];
  }
  const m = update.message;
  if (!m || m.chat.type === 'channel') return [];
  const base = {
    platform: TELEGRAM,
    groupId: String(m.chat.id),
    ...(m.chat.title ? { groupTitle: m.chat.title } : {}),
    at: sentAt(m.date, now),
  };
  if (m.migrate_to_chat_id !== undefined || m.migrate_from_chat_id !== undefined) {
    // Both the old group's and the new group's service messages announce one move.
    const from = String(m.migrate_from_chat_id ?? m.chat.id);
    const to = String(m.migrate_to_chat_id ?? m.chat.id);
    return [{ ...base, type: 'groupMigrated', groupId: to, fromGroupId: from, eventId: `migrate:${from}:${to}` }];
  }
  if (m.new_chat_members) {
    const members = m.new_chat_members.filter((u) => u.id !== bot.id).map(sender);
    if (!members.length) return [];
    const inviter = m.from && !m.new_chat_members.some((u) => u.id === m.from!.id) ? sender(m.from) : undefined;
    return [{ ...base, type: 'memberJoined', eventId: `${m.chat.id}:${m.message_id}`, members, ...(inviter ? { inviter } : {}) }];
  }
  if (m.left_chat_member) {
    if (m.left_chat_member.id === bot.id) return [];
    return [{ ...base, type: 'memberLeft', eventId: `${m.chat.id}:${m.message_id}`, member: sender(m.left_chat_member) }];
  }
  if (m.new_chat_title !== undefined) return [];
  const e = messageEvent(m, bot, now);
  return e ? [e] : [];
}
