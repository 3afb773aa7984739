import type { Action, ActionResult } from '../types.js';
import type { Mention } from '../../src/engine/actions.js';

/**
 * Whatever Telegram refused, as the engine's ActionResult: rights problems are "forbidden"; a
 * 400 about the message itself (not the chat) is "rejected", since sending it again cannot help.
 */
export function refusal(err: unknown): ActionResult {
  const e = err as { response?: { error_code?: number; description?: string }; message?: string };
  const code = e.response?.error_code;
  const detail = e.response?.description ?? e.message ?? String(err);
  if (code === 403 || /not enough rights|rights|administrator|can't remove chat owner|CHAT_ADMIN_REQUIRED/i.test(detail)) {
    return { ok: false, why: 'forbidden', detail };
  }
  if (code === 400 && !/chat not found|upgraded to a supergroup|group chat was deactivated/i.test(detail)) return { ok: false, why: 'rejected', detail };
  return { ok: false, why: 'failed', detail };
}

/**
 * "@name" in the text becomes a text_mention entity, which works for members without a
 * username. Offsets are UTF-16 code units, as JavaScript strings count them.
 */
export function mentionEntities(text: string, mentions: Mention[] = []): Record<string, unknown>[] {
  const entities: Record<string, unknown>[] = [];
  let from = 0;
  for (const m of mentions) {
    const at = text.indexOf(`@${m.name}`, from);
    if (at < 0) continue;
    const id = Number(m.id);
    if (!Number.isSafeInteger(id)) continue;
    entities.push({ type: 'text_mention', offset: at, length: m.name.length + 1, user: { id, is_bot: false, first_name: m.name } });
    from = at + m.name.length + 1;
  }
  return entities;
}

/** A muted member may send nothing until the restriction ends. */
export const NO_PERMISSIONS = {
  can_send_messages: false,
  can_send_audios: false,
  can_send_documents: false,
  can_send_photos: false,
  can_send_videos: false,
  can_send_video_notes: false,
  can_send_voice_notes: false,
  can_send_polls: false,
  can_send_other_messages: false,
  can_add_web_page_previews: false,
};

/** A newcomer limit: text and stickers only (media, polls and link previews not). */
export const TEXT_AND_STICKERS = { ...NO_PERMISSIONS, can_send_messages: true, can_send_other_messages: true };

/** sendMessage's payload for a send action: mentions, reply, and buttons as an inline keyboard. */
export function sendPayload(action: Extract<Action, { type: 'send' }>): Record<string, unknown> {
  const entities = mentionEntities(action.text, action.mentions);
  return {
    chat_id: action.groupId,
    ...(action.threadId !== undefined ? { message_thread_id: Number(action.threadId) } : {}),
    text: action.text,
    ...(entities.length ? { entities } : {}),
    ...(action.replyTo ? { reply_parameters: { message_id: Number(action.replyTo), allow_sending_without_reply: true } } : {}),
    ...(action.buttons?.length ? { reply_markup: { inline_keyboard: action.buttons.map((b) => [{ text: b.label, callback_data: b.data }]) } } : {}),
  };
}

/** How long to wait before retrying a failed call: 429 says; 5xx and network errors back off. */
export function retryDelay(err: unknown, attempt: number): number | undefined {
  if (attempt > 8) return undefined;
  const e = err as { response?: { error_code?: number; parameters?: { retry_after?: number } }; code?: string };
  const code = e.response?.error_code;
  if (code === 429) return (e.response?.parameters?.retry_after ?? 1) * 1000;
  if ((code !== undefined && code >= 500) || (code === undefined && e.code !== undefined)) return Math.min(30_000, 500 * 2 ** (attempt - 1));
  return undefined;
}
