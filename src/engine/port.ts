// The contract between the engine and a platform adapter (a "port"). It lives in the
// engine so the engine depends on nothing outside itself; adapters implement it.
import type { Action, ActionResult } from './actions.js';
import type { InboundEvent } from './events.js';

export interface Capabilities {
  /** Delete other members' messages. */
  deleteMessages: boolean;
  mute: boolean;
  kick: boolean;
  /** Inline buttons; without them a button becomes "type this keyword". */
  buttons: boolean;
  dm: boolean;
  photo: boolean;
  /** A per-group command menu (Telegram's "/" menu). */
  commandMenu: boolean;
  /** Invite links the bot makes, each for a number of people (Telegram createChatInviteLink). */
  inviteLinks: boolean;
  /**
   * How one announcement goes out to many groups (群发) without the account being taken for a
   * spammer: at least `gapMs` between groups, plus up to `jitterMs` more, and at most `perDay` groups a
   * day on the account (0: no daily cap).
   */
  bulk: { gapMs: number; jitterMs: number; perDay: number };
}

export type EventSink = (event: InboundEvent) => Promise<unknown>;

/** What an adapter may remember across restarts (a cursor, an offset), kept by the engine's store. */
export interface AdapterState {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export interface Adapter {
  readonly platform: string;
  readonly capabilities: Capabilities;
  /** The bot's own username, when the platform has one (for /cmd@botname). */
  readonly botUsername?: string;
  start(sink: EventSink, state: AdapterState): Promise<void>;
  perform(action: Action): Promise<ActionResult>;
  /**
   * Asks the platform who administers the group, unless it was asked within `maxAgeMs`; the answer
   * comes back as an adminsKnown event. Called before an admin command is decided.
   */
  refreshAdmins?(groupId: string, maxAgeMs: number): Promise<void>;
  /** A link that opens a private chat with the bot, carrying `start`, where the platform has one. */
  privateLink?(start: string): string | undefined;
  /** Whether it is connected to its platform now (the health check); absent: whenever started. */
  connected?(): boolean;
  /** The bytes of a picture in a recent message, where the platform lets the bot fetch them. */
  fetchImage?(groupId: string, messageId: string): Promise<Uint8Array | undefined>;
  stop(): Promise<void>;
}
