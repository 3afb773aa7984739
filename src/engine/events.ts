// The one inbound event type. Adapters translate platform updates into these;
// nothing past this point knows which SDK produced them.

export type Role = 'owner' | 'admin' | 'member';

export interface Sender {
  id: string;
  name: string;
  isBot?: boolean;
  /** The role as the platform reports it (Telegram admins, WeChat room owner), when known. */
  role?: Role;
}

export type MessageKind =
  | 'text'
  | 'image'
  | 'sticker'
  | 'gif'
  | 'voice'
  | 'video'
  | 'contact'
  | 'link'
  | 'miniprogram'
  | 'file'
  | 'forward'
  | 'other';

interface EventBase {
  /** Where the event came from: 'telegram', 'wechat', 'shell'. Part of every storage key. */
  platform: string;
  groupId: string;
  /** The group's name, when the platform says it (kept for owner notices and the dashboard). */
  groupTitle?: string;
  /** The platform's own id for this event, used to drop repeated deliveries. */
  eventId: string;
  /** When the platform says it happened. Rules judge a message by this, not by the clock. */
  at: Date;
  /**
   * The adapter was not told to manage this group (WeChat: a room missing from `wechat.rooms`).
   * The engine then ignores the event unless an owner has enabled the group with /manage.
   */
  unmanaged?: boolean;
}

export interface MessageEvent extends EventBase {
  type: 'message';
  /** 'private' for a one-to-one chat with the bot; groupId is then the chat id. */
  chat: 'group' | 'private';
  sender: Sender;
  kind: MessageKind;
  text: string;
  messageId: string;
  replyTo?: { messageId: string; senderId?: string; senderName?: string; text?: string };
  /** URLs found in the message (entities, link cards). */
  urls?: string[];
  /** Payload decoded from an image's QR code, when the platform or simulator knows it. */
  qr?: string;
  /** For a forward, where it came from, when the platform says: a channel is how ads travel. */
  forwardedFrom?: 'channel' | 'person';
  mentionsBot?: boolean;
  /** Members @mentioned in the message, when the platform says who they are. */
  mentions?: Sender[];
  /**
   * The member edited a message they sent earlier (Telegram's edited_message): the guards that read
   * its content judge it again (a harmless message edited into an ad is a known trick); it is not
   * counted again, and no command in it runs. WeChat has no edits.
   */
  edited?: boolean;
  /** The forum topic it was posted in (Telegram message_thread_id): what answers it goes there too. */
  threadId?: string;
}

export interface MemberJoinedEvent extends EventBase {
  type: 'memberJoined';
  members: Sender[];
  inviter?: Sender;
}

export interface MemberLeftEvent extends EventBase {
  type: 'memberLeft';
  member: Sender;
}

export interface ButtonPressedEvent extends EventBase {
  type: 'buttonPressed';
  /** 'private' when pressed in the owner's private chat with the bot (groupId is that chat). */
  chat?: 'group' | 'private';
  sender: Sender;
  data: string;
  /** The platform's id of this press, to answer it (Telegram callback query id). */
  pressId?: string;
  /** The message that carried the button, when known. */
  messageId?: string;
}

/** A group got a new id (Telegram: a group upgraded to a supergroup). groupId is the new id. */
export interface GroupMigratedEvent extends EventBase {
  type: 'groupMigrated';
  fromGroupId: string;
}

/** The platform's complete, current list of the group's owner and admins. */
export interface AdminsKnownEvent extends EventBase {
  type: 'adminsKnown';
  admins: { id: string; name: string; role: 'owner' | 'admin' }[];
  /** How many members the platform counts in the group now, where it said. */
  memberCount?: number;
}

/** Telegram's one "Ban users" right covers both muting and removing: restrictMembers. */
export type BotRight = 'admin' | 'deleteMessages' | 'restrictMembers';

/** What the bot may not do in the group (empty: everything it needs). */
export interface BotRightsEvent extends EventBase {
  type: 'botRights';
  missing: BotRight[];
}

/** A QR code was found in a group member's picture (looked at after the message arrived). */
export interface ImageScannedEvent extends EventBase {
  type: 'imageScanned';
  sender: Sender;
  messageId: string;
  /** The decoded payload: usually a link or a WeChat/QQ address. */
  qr: string;
}

/** What a language model said of a message, or why it said nothing (then the local verdict stands). */
export type Opinion = { verdict: 'ad' | 'not-ad'; reason: string } | { verdict: 'unknown'; why: 'timeout' | 'failed' | 'invalid' | 'rate' | 'budget' };

/** The answer to an askSecondOpinion action. */
export interface SecondOpinionEvent extends EventBase {
  type: 'secondOpinion';
  questionId: number;
  opinion: Opinion;
}

export type InboundEvent =
  | MessageEvent
  | SecondOpinionEvent
  | ImageScannedEvent
  | MemberJoinedEvent
  | MemberLeftEvent
  | ButtonPressedEvent
  | GroupMigratedEvent
  | AdminsKnownEvent
  | BotRightsEvent;
export type EventType = InboundEvent['type'];
