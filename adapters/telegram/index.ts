import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CAPABILITIES } from '../capabilities.js';
import { Telegraf } from 'telegraf';
import type { TelegramConfig } from '../../src/config/schema.js';
import type { BotRight } from '../../src/engine/events.js';
import type { Logger } from '../../src/log.js';
import type { Clock } from '../../src/time/clock.js';
import { type Action, type ActionResult, type Adapter, type AdapterState, type Capabilities, type EventSink, INVITE_SLOT } from '../types.js';
import { NO_PERMISSIONS, TEXT_AND_STICKERS, refusal, retryDelay, sendPayload } from './execute.js';
import { TELEGRAM, displayName, normalizeUpdate } from './normalize.js';
import { Outbox } from '../pacing.js';
import { LruMap } from '../../src/storage/lru.js';
import type { TgChatAdministrator, TgPhotoSize, TgUpdate } from './wire.js';

export interface TelegramAdapterOptions {
  config: TelegramConfig;
  clock: Clock;
  log: Logger;
}

const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'chat_member', 'my_chat_member'] as const;
/** A file to upload: { source: a path on disk }. */
const isUpload = (v: unknown): v is { source: string } => typeof v === 'object' && v !== null && typeof (v as { source?: unknown }).source === 'string';

/** How long a chat's admin list is trusted before it is fetched again on the next update. */
const ADMINS_TTL_MS = 10 * 60_000;
/** An invite link the bot makes lasts a week: long enough to be used, short enough not to linger. */
const INVITE_LIFETIME_S = 7 * 86_400;
const LAST_UPDATE = 'lastUpdateId';

/**
 * Steward in Telegram groups through Telegraf. It translates updates into the engine's events and
 * actions into Bot API calls, and keeps Telegram's limits; it decides nothing.
 */
export class TelegramAdapter implements Adapter {
  readonly platform = TELEGRAM;
  readonly capabilities: Capabilities = CAPABILITIES.telegram;
  botUsername: string | undefined;

  private readonly bot: Telegraf;
  private readonly outbox: Outbox;
  private sink?: EventSink;
  private state?: AdapterState;
  private chain: Promise<unknown> = Promise.resolve();
  private lastUpdate = 0;
  private running = false;
  /** Polling (or the webhook) is up: false once it stopped with an error. */
  private polling = false;

  connected(): boolean {
    return this.running && this.polling;
  }
  private eventSeq = 0;
  // The groups active lately (an evicted one is only asked again).
  private readonly adminsFetchedAt = new LruMap<string, number>(20_000);
  private readonly groupPermissions = new LruMap<string, Record<string, unknown>>(20_000);

  constructor(private readonly opts: TelegramAdapterOptions) {
    const { config, log } = opts;
    this.bot = new Telegraf(config.token, { telegram: { apiRoot: config.apiRoot }, handlerTimeout: 10 * 60_000 });
    // Without a catch, one failing update stops polling and sets exit code 1.
    this.bot.catch((err, ctx) => log.error({ err, update: ctx.update.update_id }, 'telegram update failed'));
    this.bot.use((ctx) => this.enqueue(ctx.update as unknown as TgUpdate));
    this.outbox = new Outbox(config.pacing, retryDelay);
  }

  async start(sink: EventSink, state: AdapterState): Promise<void> {
    this.sink = sink;
    this.state = state;
    this.lastUpdate = Number(state.get(LAST_UPDATE) ?? 0);
    const { config, log } = this.opts;
    if (config.mode === 'webhook' && config.webhook) {
      const url = new URL(config.webhook.url);
      await this.bot.launch({
        allowedUpdates: [...ALLOWED_UPDATES],
        webhook: { domain: url.host, path: url.pathname, port: config.webhook.port, host: config.webhook.host, secretToken: config.webhook.secretToken },
      });
    } else {
      // launch() resolves only when polling stops; onLaunch tells us it is connected.
      await new Promise<void>((resolve, reject) => {
        this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES], dropPendingUpdates: false }, resolve).catch((err: unknown) => {
          this.polling = false;
          if (this.running) log.error({ err }, 'telegram polling stopped');
          reject(err);
        });
      });
    }
    this.running = true;
    this.polling = true;
    this.botUsername = this.bot.botInfo?.username;
    log.info({ bot: this.botUsername, mode: config.mode }, 'telegram connected');
  }

  async stop(): Promise<void> {
    await Promise.race([this.outbox.drained(), new Promise((r) => setTimeout(r, 10_000).unref())]);
    if (this.running) {
      this.running = false;
      this.bot.stop('steward stopping');
    }
    await this.chain;
  }

  /** Updates are handled one after another, so "handled up to id N" is a true statement. */
  private enqueue(update: TgUpdate): Promise<unknown> {
    const run = this.chain.then(() => this.process(update));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async process(update: TgUpdate): Promise<void> {
    if (update.update_id <= this.lastUpdate) return; // handled before a restart
    try {
      const me = this.bot.botInfo!;
      const membership = update.chat_member ?? update.my_chat_member;
      const chat = update.message?.chat ?? update.edited_message?.chat ?? update.callback_query?.message?.chat ?? membership?.chat;
      if (chat && chat.type !== 'private' && chat.type !== 'channel') {
        const adminChange = !!membership && [membership.old_chat_member.status, membership.new_chat_member.status].some((s) => s === 'administrator' || s === 'creator');
        await this.learnAdmins(String(chat.id), chat.title, adminChange || update.my_chat_member !== undefined);
      }
      const photo = update.message?.photo && pictureToScan(update.message.photo);
      if (photo) this.remember(`${update.message!.chat.id}:${update.message!.message_id}`, photo);
      for (const event of normalizeUpdate(update, me, this.opts.clock.now())) await this.sink?.(event);
    } finally {
      // A failing update is logged (bot.catch) and not retried forever.
      this.lastUpdate = update.update_id;
      this.state?.set(LAST_UPDATE, String(update.update_id));
    }
  }

  /** Recent pictures' file ids, so the bot can fetch one the engine asks to look at. */
  private readonly pictures = new Map<string, string>();

  private remember(key: string, fileId: string): void {
    this.pictures.set(key, fileId);
    if (this.pictures.size > 2_000) this.pictures.delete(this.pictures.keys().next().value as string);
  }

  async fetchImage(groupId: string, messageId: string): Promise<Uint8Array | undefined> {
    const fileId = this.pictures.get(`${groupId}:${messageId}`);
    if (!fileId) return undefined;
    const link = await this.bot.telegram.getFileLink(fileId);
    const res = await fetch(link, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`picture download failed: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  /** Telegram's deep link: opens the private chat with the bot, which receives "/start <start>". */
  privateLink(start: string): string | undefined {
    return this.botUsername ? `https://t.me/${this.botUsername}?start=${encodeURIComponent(start)}` : undefined;
  }

  async refreshAdmins(groupId: string, maxAgeMs: number): Promise<void> {
    await this.learnAdmins(groupId, undefined, false, maxAgeMs);
  }

  /** Telegram is the authority on who administers a group and what the bot may do there. */
  private async learnAdmins(chatId: string, title: string | undefined, force: boolean, maxAgeMs = ADMINS_TTL_MS): Promise<void> {
    const now = this.opts.clock.now().getTime();
    const last = this.adminsFetchedAt.get(chatId);
    if (!force && last !== undefined && now - last < maxAgeMs) return;
    this.adminsFetchedAt.set(chatId, now);
    let admins: TgChatAdministrator[];
    try {
      admins = (await this.call('getChatAdministrators', { chat_id: chatId })) as TgChatAdministrator[];
    } catch (err) {
      this.opts.log.warn({ err, chat: chatId }, 'could not read the admin list');
      return;
    }
    const me = this.bot.botInfo!;
    const memberCount = await this.memberCount(chatId);
    const at = this.opts.clock.now();
    const base = { platform: TELEGRAM, groupId: chatId, ...(title ? { groupTitle: title } : {}), at };
    await this.sink?.({
      ...base,
      type: 'adminsKnown',
      eventId: `admins:${chatId}:${++this.eventSeq}`,
      ...(memberCount !== undefined ? { memberCount } : {}),
      admins: admins.filter((a) => !a.user.is_bot).map((a) => ({ id: String(a.user.id), name: displayName(a.user), role: a.status === 'creator' ? 'owner' : 'admin' })),
    });
    const mine = admins.find((a) => a.user.id === me.id);
    const missing: BotRight[] = !mine ? ['admin'] : [];
    if (mine && mine.status === 'administrator') {
      if (!mine.can_delete_messages) missing.push('deleteMessages');
      if (!mine.can_restrict_members) missing.push('restrictMembers');
    }
    await this.sink?.({ ...base, type: 'botRights', eventId: `rights:${chatId}:${++this.eventSeq}`, missing });
  }

  /** The group's size as Telegram counts it (bots included); undefined when it would not say. */
  private async memberCount(chatId: string): Promise<number | undefined> {
    try {
      return (await this.call('getChatMemberCount', { chat_id: chatId })) as number;
    } catch (err) {
      this.opts.log.warn({ err, chat: chatId }, 'could not read the member count');
      return undefined;
    }
  }

  /**
   * A message carrying an invite link to another group gets a fresh one, for as many people as
   * the decision said. Where the bot may not make links there, the decision's other text goes.
   */
  private async withInvite(action: Extract<Action, { type: 'send' }>): Promise<{ send: Extract<Action, { type: 'send' }>; fallback?: string }> {
    const { invite, ...rest } = action;
    if (!invite) return { send: action };
    try {
      const link = (await this.callWithRetry('createChatInviteLink', {
        chat_id: invite.groupId,
        member_limit: Math.min(99_999, Math.max(1, invite.memberLimit)),
        expire_date: Math.floor(this.opts.clock.now().getTime() / 1000) + INVITE_LIFETIME_S,
      })) as { invite_link: string };
      return { send: { ...rest, text: rest.text.replace(INVITE_SLOT, link.invite_link) } };
    } catch (err) {
      this.opts.log.warn({ err, chat: invite.groupId }, 'could not make an invite link');
      return { send: { ...rest, text: invite.fallbackText }, fallback: err instanceof Error ? err.message : String(err) };
    }
  }

  private call(method: string, payload: Record<string, unknown>): Promise<unknown> {
    if (Object.values(payload).some(isUpload)) return this.upload(method, payload);
    return this.bot.telegram.callApi(method as never, payload as never);
  }

  /**
   * A file upload as multipart/form-data through Node's own fetch and FormData: Telegraf's
   * multipart stream never finishes on Node 26, so the /heatmap picture would hang there. Errors
   * take Telegraf's shape, so refusals and retries read them alike.
   */
  private async upload(method: string, payload: Record<string, unknown>): Promise<unknown> {
    const form = new FormData();
    for (const [key, value] of Object.entries(payload)) {
      if (isUpload(value)) form.append(key, new Blob([await readFile(value.source)]), basename(value.source));
      else form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    const { apiRoot, token } = this.opts.config;
    let res: Response;
    try {
      res = await fetch(`${apiRoot}/bot${token}/${method}`, { method: 'POST', body: form });
    } catch (err) {
      // A network failure, coded as Telegraf's are (retryDelay backs off on a code).
      const cause = (err as { cause?: { code?: string } }).cause;
      throw Object.assign(new Error(`${method} failed: ${cause?.code ?? 'network error'}`), { code: cause?.code ?? 'EFETCH' });
    }
    const body = (await res.json().catch(() => ({ ok: false, error_code: res.status, description: res.statusText }))) as {
      ok: boolean;
      result?: unknown;
      error_code?: number;
      description?: string;
    };
    if (body.ok) return body.result;
    throw Object.assign(new Error(`${body.error_code}: ${body.description}`), { response: body });
  }

  /** Calls that are not chat messages skip the pacing queue but still wait out 429s and 5xx. */
  private async callWithRetry(method: string, payload: Record<string, unknown>): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.call(method, payload);
      } catch (err) {
        const wait = retryDelay(err, attempt);
        if (wait === undefined) throw err;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /**
   * Messages go through the paced queue; the result comes when Telegram took the message. The
   * engine's durable outbox waits for it (never the inbound updates), and tries again later if
   * it failed.
   */
  private async queue(chatId: string, method: string, payload: Record<string, unknown>): Promise<ActionResult> {
    const sent = (await this.outbox.send(chatId, () => this.call(method, payload))) as { message_id?: number } | undefined;
    return { ok: true, ...(sent?.message_id !== undefined ? { messageId: String(sent.message_id) } : {}) };
  }

  private async permissionsOf(chatId: string): Promise<Record<string, unknown>> {
    let p = this.groupPermissions.get(chatId);
    if (!p) {
      const chat = (await this.callWithRetry('getChat', { chat_id: chatId })) as { permissions?: Record<string, unknown> };
      p = chat.permissions ?? Object.fromEntries(Object.keys(NO_PERMISSIONS).map((k) => [k, true]));
      this.groupPermissions.set(chatId, p);
    }
    return p;
  }

  async perform(action: Action): Promise<ActionResult> {
    const chat_id = action.groupId;
    try {
      switch (action.type) {
        case 'send': {
          const { send, fallback } = await this.withInvite(action);
          const sent = await this.queue(chat_id, 'sendMessage', sendPayload(send));
          return sent.ok && fallback ? { ...sent, fallback } : sent;
        }
        case 'dm':
          return await this.queue(action.userId, 'sendMessage', sendPayload({ ...action, type: 'send', groupId: action.userId }));
        case 'photo':
          if (!action.path) return { ok: false, why: 'rejected', detail: 'no picture file' };
          return await this.queue(action.toUser ?? chat_id, 'sendPhoto', { chat_id: action.toUser ?? chat_id, photo: { source: action.path }, ...(action.caption ? { caption: action.caption } : {}) });
        case 'delete':
          await this.callWithRetry('deleteMessage', { chat_id, message_id: Number(action.messageId) });
          return { ok: true };
        case 'mute':
          await this.callWithRetry('restrictChatMember', {
            chat_id,
            user_id: Number(action.user.id),
            permissions: action.textOnly ? TEXT_AND_STICKERS : NO_PERMISSIONS,
            use_independent_chat_permissions: true,
            until_date: Math.ceil(action.until.getTime() / 1000),
          });
          return { ok: true };
        case 'unmute':
          // Give back what the group allows everyone, not more.
          await this.callWithRetry('restrictChatMember', {
            chat_id,
            user_id: Number(action.user.id),
            permissions: await this.permissionsOf(chat_id),
            use_independent_chat_permissions: true,
          });
          return { ok: true };
        case 'kick':
          // Telegram has no "remove": ban, then unban so the member may come back by invitation.
          await this.callWithRetry('banChatMember', { chat_id, user_id: Number(action.user.id) });
          await this.callWithRetry('unbanChatMember', { chat_id, user_id: Number(action.user.id), only_if_banned: true });
          return { ok: true };
        case 'answerButton':
          await this.callWithRetry('answerCallbackQuery', { callback_query_id: action.pressId, ...(action.text ? { text: action.text } : {}) });
          return { ok: true };
        case 'commandMenu':
          await this.callWithRetry('setMyCommands', { commands: action.member, scope: { type: 'chat', chat_id } });
          await this.callWithRetry('setMyCommands', { commands: action.admin, scope: { type: 'chat_administrators', chat_id } });
          return { ok: true };
        case 'notifyOwner':
        case 'scanImage':
        case 'askSecondOpinion':
        case 'record':
          return { ok: false, why: 'unsupported', detail: 'the executor carries these out' };
      }
    } catch (err) {
      return refusal(err);
    }
  }
}

/** The size worth scanning: the largest one up to about 1280 px and 5 MB (Telegram's usual biggest). */
function pictureToScan(sizes: readonly TgPhotoSize[]): string | undefined {
  const fitting = sizes.filter((p) => Math.max(p.width, p.height) <= 1600 && (p.file_size ?? 0) <= 5 * 1024 * 1024);
  return (fitting.at(-1) ?? sizes[0])?.file_id;
}
