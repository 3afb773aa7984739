import { types } from 'wechaty';
import type { Contact, Message, Room } from 'wechaty';
import type { MessageEvent, MessageKind, Sender } from '../../src/engine/events.js';
import { fnv1a } from '../../src/text/fnv.js';

export const WECHAT = 'wechat';

const KINDS: Partial<Record<number, MessageKind>> = {
  [types.Message.Text]: 'text',
  [types.Message.Image]: 'image',
  [types.Message.Emoticon]: 'sticker',
  [types.Message.Contact]: 'contact',
  [types.Message.Url]: 'link',
  [types.Message.MiniProgram]: 'miniprogram',
  [types.Message.Attachment]: 'file',
  [types.Message.Video]: 'video',
  [types.Message.Audio]: 'voice',
  [types.Message.ChatHistory]: 'forward',
};

const URL_RE = /\bhttps?:\/\/[^\s<>"'，。）)]+|\bwww\.[^\s<>"'，。）)]+/gi;

export async function senderOf(contact: Contact, room?: Room, ownerId?: string): Promise<Sender> {
  // In a room people are known by their room alias when they set one.
  const alias = room ? await room.alias(contact).catch(() => undefined) : undefined;
  return { id: contact.id, name: alias || contact.name() || contact.id, ...(ownerId && contact.id === ownerId ? { role: 'owner' as const } : {}) };
}

/** The text a card stands for, so filters and logs have something to read. */
async function cardText(msg: Message, kind: MessageKind): Promise<{ text: string; urls?: string[] }> {
  try {
    if (kind === 'link') {
      const link = await msg.toUrlLink();
      return { text: link.title() || link.url(), urls: [link.url()] };
    }
    if (kind === 'miniprogram') return { text: (await msg.toMiniProgram()).title() ?? '' };
    if (kind === 'contact') return { text: (await msg.toContact()).name() };
  } catch {
    // Some puppets cannot open every card; the kind alone still tells the rules a lot.
  }
  return { text: msg.text() };
}

/** The line WeChat puts between a quoted message and the reply to it. */
const QUOTE_RULE = '\n- - - - - - - - - - - - - - -\n';

/**
 * A quoted reply as WeChat delivers it: 「Name：the quoted text」, the rule, then the reply. Read by
 * position, not by a pattern, so a long message costs one scan.
 */
export function quoteOf(text: string): { name: string; quoted: string; reply: string } | undefined {
  if (!text.startsWith('「')) return undefined;
  const rule = text.indexOf(QUOTE_RULE);
  if (rule < 0 || text[rule - 1] !== '」') return undefined;
  const head = text.slice(1, rule - 1);
  const colon = head.indexOf('：');
  if (colon <= 0) return undefined;
  return { name: head.slice(0, colon), quoted: head.slice(colon + 1), reply: text.slice(rule + QUOTE_RULE.length) };
}

/** A stable stand-in id for a quoted message (WeChat does not say which message it was). */
const quoteId = (name: string, quoted: string): string => `quote:${fnv1a(`${name}\u0000${quoted}`).toString(36)}`;

/** A puppet that sends no usable time gets the time it arrived: one bad field must not poison a batch. */
function validDate(d: Date): Date {
  return Number.isFinite(d.getTime()) ? d : new Date();
}

/** A Wechaty message → the engine's event, or undefined for what Steward ignores. */
export async function normalizeMessage(msg: Message, o: { botId: string; ownerId?: string; unmanaged: boolean }): Promise<MessageEvent | undefined> {
  if (msg.self() || msg.type() === types.Message.Recalled) return undefined;
  const talker = msg.talker();
  const room = msg.room();
  const kind = KINDS[msg.type()] ?? 'other';
  const card = await cardText(msg, kind);
  // A quoted reply is the reply, to the quoted message: /report, /warn and /spam read whose it was.
  const quote = kind === 'text' && room ? quoteOf(card.text) : undefined;
  const text = quote ? quote.reply : card.text;
  const quotedBy = quote ? await room!.member(quote.name).catch(() => undefined) : undefined;
  const urls = [...(card.urls ?? []), ...(kind === 'text' ? (text.match(URL_RE) ?? []) : [])];
  const mentioned = room ? await msg.mentionList().catch(() => [] as Contact[]) : [];
  const mentions = await Promise.all(mentioned.filter((c) => c.id !== o.botId).map((c) => senderOf(c, room)));
  return {
    type: 'message',
    platform: WECHAT,
    groupId: room ? room.id : talker.id,
    ...(room ? { groupTitle: await room.topic() } : {}),
    chat: room ? 'group' : 'private',
    eventId: msg.id,
    messageId: msg.id,
    at: validDate(msg.date()),
    sender: await senderOf(talker, room, o.ownerId),
    kind,
    text,
    ...(urls.length ? { urls } : {}),
    ...(quote
      ? { replyTo: { messageId: quoteId(quote.name, quote.quoted), senderName: quote.name, text: quote.quoted, ...(quotedBy ? { senderId: quotedBy.id } : {}) } }
      : {}),
    ...(mentions.length ? { mentions } : {}),
    ...(mentioned.some((c) => c.id === o.botId) ? { mentionsBot: true } : {}),
    ...(o.unmanaged ? { unmanaged: true } : {}),
  };
}
