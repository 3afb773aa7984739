// The parts of Bot API updates Steward reads, as they arrive on the wire. Kept structural and
// small on purpose: normalization reads JSON, whichever library delivered it.

export interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
}

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  user?: TgUser;
}

export interface TgPhotoSize {
  file_id: string;
  width: number;
  height: number;
  file_size?: number;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  sender_chat?: TgChat;
  text?: string;
  caption?: string;
  entities?: TgEntity[];
  caption_entities?: TgEntity[];
  /** The same picture in several sizes, smallest first. */
  photo?: TgPhotoSize[];
  sticker?: unknown;
  animation?: unknown;
  contact?: { first_name: string; last_name?: string; phone_number?: string };
  document?: { file_name?: string };
  video?: unknown;
  video_note?: unknown;
  voice?: unknown;
  audio?: unknown;
  /** In a forum: the topic the message belongs to (is_topic_message says it is not the General one). */
  message_thread_id?: number;
  is_topic_message?: boolean;
  /** Set on an edited message: when it was edited. */
  edit_date?: number;
  forward_origin?: { type: string; chat?: TgChat };
  forward_from?: TgUser;
  forward_from_chat?: TgChat;
  forward_date?: number;
  reply_to_message?: TgMessage;
  new_chat_members?: TgUser[];
  left_chat_member?: TgUser;
  migrate_to_chat_id?: number;
  migrate_from_chat_id?: number;
  new_chat_title?: string;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  data?: string;
}

export interface TgChatMemberUpdated {
  chat: TgChat;
  from: TgUser;
  date: number;
  old_chat_member: { status: string; user: TgUser };
  new_chat_member: { status: string; user: TgUser };
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: TgCallbackQuery;
  chat_member?: TgChatMemberUpdated;
  my_chat_member?: TgChatMemberUpdated;
}

export interface TgChatAdministrator {
  status: 'creator' | 'administrator';
  user: TgUser;
  can_delete_messages?: boolean;
  can_restrict_members?: boolean;
}
