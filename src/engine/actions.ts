import type { ChartSpec } from '../media/charts.js';

// The one outbound action type. Features return these as data; the executor
// carries them out through an adapter, or applies a fallback where it cannot.

export interface Mention {
  id: string;
  name: string;
}

export interface Button {
  label: string;
  /** Sent back in a buttonPressed event. */
  data: string;
  /** What to type instead on platforms without buttons (WeChat). */
  keyword: string;
}

interface ActionBase {
  platform: string;
  groupId: string;
  /** Why the bot does this, in the group's language: shown in logs and to the owner. */
  reason?: string;
}

export interface SendAction extends ActionBase {
  type: 'send';
  text: string;
  /** A forum topic of the group (Telegram message_thread_id); unset: the group as a whole. */
  threadId?: string;
  replyTo?: string;
  /** Members named in the text as "@name"; adapters turn them into real mentions. */
  mentions?: Mention[];
  buttons?: Button[];
  /**
   * The text holds INVITE_SLOT, where an invite link to another group goes: made when the message
   * is sent, for `memberLimit` people. Where the platform makes no links (or refuses), `fallbackText`
   * is sent instead.
   */
  invite?: { groupId: string; memberLimit: number; fallbackText: string };
}

/** Where a fresh invite link goes in a send's text. */
export const INVITE_SLOT = '{invite-link}';

export interface DmAction extends ActionBase {
  type: 'dm';
  userId: string;
  text: string;
  buttons?: Button[];
}

export interface DeleteAction extends ActionBase {
  type: 'delete';
  messageId: string;
  /** Whose message it is, for the fallback reminder when deletion is not possible. */
  user: Mention;
  /** False when the decision already asks the member to recall it (one public message, not two). */
  remindInPublic?: boolean;
}

export interface MuteAction extends ActionBase {
  type: 'mute';
  user: Mention;
  until: Date;
  /**
   * Leaves the member text and stickers (a newcomer limit) instead of silencing them. Where the
   * platform cannot restrict, nothing is done: the guard that asked deletes what is not allowed.
   */
  textOnly?: boolean;
}

export interface UnmuteAction extends ActionBase {
  type: 'unmute';
  user: Mention;
}

export interface KickAction extends ActionBase {
  type: 'kick';
  user: Mention;
  /**
   * A removal every group would make (an ad, an admin's ban): groups that share bans with this one
   * apply it too. Unset for removals that concern this group only (a missed entry check, the ladder).
   */
  share?: boolean;
}

export interface PhotoAction extends ActionBase {
  type: 'photo';
  /** A picture on disk; or, instead, */
  path?: string;
  /** a chart, drawn when the message goes out (a failed drawing sends the fallback text). */
  chart?: ChartSpec;
  /** To a member's private chat (an owner's weekly report) instead of the group. */
  toUser?: string;
  caption?: string;
  /** Shown instead where pictures cannot be sent. */
  fallbackText: string;
}

export interface AnswerButtonAction extends ActionBase {
  type: 'answerButton';
  /** The platform's id of the button press (Telegram callback query id). */
  pressId: string;
  text?: string;
}

/** Tell the group's owners privately; resolved by the executor into dms. */
export interface NotifyOwnerAction extends ActionBase {
  type: 'notifyOwner';
  text: string;
  /** A picture after the text (a weekly report's chart), with its words where it cannot go. */
  chart?: { spec: ChartSpec; fallbackText: string };
  /** One-tap decisions for the owner (typed keywords where there are no buttons). */
  buttons?: Button[];
}

export interface MenuCommand {
  command: string;
  description: string;
}

/** The platform's command menu for a group, members' and admins' (Telegram setMyCommands). */
export interface CommandMenuAction extends ActionBase {
  type: 'commandMenu';
  member: MenuCommand[];
  admin: MenuCommand[];
}

/**
 * Look for a QR code in a member's picture, away from the event loop. When one is found, an
 * imageScanned event comes back through the engine; nothing comes back otherwise.
 */
export interface ScanImageAction extends ActionBase {
  type: 'scanImage';
  messageId: string;
  sender: Mention;
}

/**
 * Ask the language model for a second opinion on a held ad verdict (stored with the decision).
 * The answer, or why there is none, comes back through the engine as a secondOpinion event.
 */
export interface AskSecondOpinionAction extends ActionBase {
  type: 'askSecondOpinion';
  questionId: number;
}

/**
 * A change to Steward's own records that a decision wants (a strike, a log line, a learned example,
 * a scheduled job), decided as data like everything it sends. The executor applies it in the
 * decision's transaction, before anything goes out: the core's kinds itself (src/engine/records.ts),
 * a feature's through the recorder that feature registers. A decision that is only explained
 * (/why) is never applied, so nothing is stored.
 */
export interface RecordAction extends ActionBase {
  type: 'record';
  /** 'log', 'job', 'job.cancel', or a feature's own ('penalties.strike', …). */
  kind: string;
  data: unknown;
}

export type Action =
  | RecordAction
  | AskSecondOpinionAction
  | CommandMenuAction
  | ScanImageAction
  | SendAction
  | DmAction
  | DeleteAction
  | MuteAction
  | UnmuteAction
  | KickAction
  | PhotoAction
  | AnswerButtonAction
  | NotifyOwnerAction;

export type ActionType = Action['type'];

/**
 * What an adapter reports after trying an action. `forbidden` and `failed` may pass (rights come
 * back, the network returns), so a message is tried again later; `rejected` is the platform
 * refusing this very message (too long, malformed), which no retry will change.
 */
export type ActionResult =
  /** `fallback`: done, but not as asked (an invite link the platform refused: the other text went), and why. */
  | { ok: true; messageId?: string; fallback?: string }
  | { ok: false; why: 'unsupported' | 'forbidden' | 'failed' | 'rejected'; detail?: string };
