import { CAPABILITIES } from '../capabilities.js';
import { FileBox } from 'file-box';
import QRCode from 'qrcode';
import { WechatyBuilder, qrcodeValueToImageUrl, types } from 'wechaty';
import type { Contact, Message, Room, Wechaty } from 'wechaty';
import type { WechatConfig } from '../../src/config/schema.js';
import type { InboundEvent } from '../../src/engine/events.js';
import type { Logger } from '../../src/log.js';
import { LruMap } from '../../src/storage/lru.js';
import type { Action, ActionResult, Adapter, Capabilities, EventSink } from '../types.js';
import { Outbox } from '../pacing.js';
import { WechatLoginError, explainLoginFailure, isConnectionDrop } from './login.js';
import { WECHAT, normalizeMessage, senderOf } from './normalize.js';
import { ConfiguredRooms } from './rooms.js';

export interface WechatAdapterOptions {
  config: WechatConfig;
  log: Logger;
  /** Builds the puppet instance (tests pass wechaty-puppet-mock); default from the config. */
  createPuppet?: () => unknown;
  /** Where the login QR code is drawn for a person to scan. */
  terminal?: NodeJS.WritableStream;
}

/** Sends wait out short outages (a reconnecting service) instead of dropping the message. */
function retryAnything(_err: unknown, attempt: number): number | undefined {
  return attempt > 6 ? undefined : Math.min(30_000, 1000 * 2 ** (attempt - 1));
}

/**
 * Steward in WeChat groups through Wechaty, normally over a puppet service (gRPC). WeChat lets a
 * bot post, @mention, write privately, and remove members of rooms it owns; it cannot delete
 * others' messages, mute, or show buttons, so the engine's fallbacks take over there.
 */
export class WechatAdapter implements Adapter {
  readonly platform = WECHAT;
  readonly capabilities: Capabilities = CAPABILITIES.wechat;

  private bot?: Wechaty;
  private sink?: EventSink;
  private stopped = false;
  private reconnecting?: Promise<void>;

  /** Logged in through a live service (not between a drop and the reconnection). */
  connected(): boolean {
    return this.bot !== undefined && this.reconnecting === undefined;
  }
  private readonly outbox: Outbox;
  private readonly rooms: ConfiguredRooms;
  /** Rooms whose owner was reported lately (an evicted one is reported again: harmless). */
  private readonly ownerKnown = new LruMap<string, true>(20_000);
  private eventSeq = 0;
  /** Inbound events are handled one at a time, in the order WeChat delivered them. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: WechatAdapterOptions) {
    const p = opts.config.pacing;
    this.outbox = new Outbox({ perChatIntervalMs: p.perRoomIntervalMs, perChatPerMinute: 20, globalPerSecond: 10, globalIntervalMs: p.globalIntervalMs }, retryAnything);
    this.rooms = new ConfiguredRooms(opts.config.rooms);
  }

  async start(sink: EventSink): Promise<void> {
    this.sink = sink;
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.race([this.outbox.drained(), new Promise((r) => setTimeout(r, 10_000).unref())]);
    await this.reconnecting?.catch(() => undefined);
    await this.chain;
    await this.bot?.stop().catch((err: unknown) => this.opts.log.warn({ err }, 'wechat stop'));
    this.bot = undefined;
  }

  private createPuppet(): unknown {
    const c = this.opts.config;
    if (this.opts.createPuppet) return this.opts.createPuppet();
    if (c.puppet === 'wechaty-puppet-service') return undefined; // built below, with an explicit endpoint
    return c.puppet;
  }

  private async build(): Promise<Wechaty> {
    const c = this.opts.config;
    let puppet = this.createPuppet();
    if (puppet === undefined) {
      // Always an explicit endpoint: without one the client asks a discovery service on the internet.
      const { PuppetService } = await import('wechaty-puppet-service');
      puppet = new PuppetService({ token: c.token, endpoint: c.endpoint, tls: { disable: !c.tls } } as never);
    }
    const bot = typeof puppet === 'string'
      ? WechatyBuilder.build({ puppet: puppet as never, puppetOptions: { token: c.token, endpoint: c.endpoint } as never })
      : WechatyBuilder.build({ puppet: puppet as never });
    bot.on('message', (msg: Message) => this.inOrder(() => this.onMessage(bot, msg)));
    bot.on('room-join', (room, invitees, inviter, date) => this.inOrder(() => this.onJoin(bot, room, invitees, inviter, date)));
    bot.on('room-leave', (room, leavers, _remover, date) => this.inOrder(() => this.onLeave(bot, room, leavers, date)));
    bot.on('room-topic', (room, newTopic) => this.inOrder(() => this.announceOwner(bot, room, newTopic)));
    bot.on('scan', (qrcode, status) => void this.onScan(qrcode, status));
    return bot;
  }

  /** Starts Wechaty and waits for the login, or fails within the timeout saying why. */
  private async connect(): Promise<void> {
    const { config, log } = this.opts;
    const bot = await this.build();
    const errors: string[] = [];
    let loggedIn = false;
    const login = new Promise<void>((resolve) => bot.once('login', () => resolve()));
    // Always listen: an unhandled 'error' event kills the process (a join may emit a harmless one).
    bot.on('error', (err) => {
      const text = String(err);
      errors.push(text);
      if (loggedIn && !this.stopped && isConnectionDrop(text)) void this.reconnect(bot);
      else log.debug({ err: text.slice(0, 300) }, 'wechat error');
    });
    bot.on('logout', () => {
      if (loggedIn && !this.stopped && this.bot === bot) log.warn('wechat logged out');
    });
    await bot.start();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      login.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), config.loginTimeoutSeconds * 1000))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      await bot.stop().catch(() => undefined);
      throw new WechatLoginError(explainLoginFailure(config.endpoint, errors, config.loginTimeoutSeconds));
    }
    loggedIn = true;
    this.bot = bot;
    log.info({ user: bot.currentUser.id }, 'wechat logged in');
  }

  /** The service went away: drop the dead client and log in again, backing off, until it works. */
  private reconnect(dead: Wechaty): Promise<void> {
    if (this.reconnecting || this.bot !== dead) return this.reconnecting ?? Promise.resolve();
    const { log } = this.opts;
    this.reconnecting = (async () => {
      log.warn('lost the puppet service; reconnecting');
      this.bot = undefined;
      await Promise.race([dead.stop().catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
      for (let attempt = 1; !this.stopped; attempt++) {
        try {
          await this.connect();
          log.info({ attempt }, 'reconnected to the puppet service');
          return;
        } catch (err) {
          log.warn({ err: String(err), attempt }, 'reconnect failed');
          await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** (attempt - 1))));
        }
      }
    })().finally(() => {
      this.reconnecting = undefined;
    });
    return this.reconnecting;
  }

  private inOrder(work: () => Promise<void>): void {
    this.chain = this.chain.then(work).catch((err: unknown) => this.opts.log.error({ err }, 'wechat event failed'));
  }

  private async onScan(qrcode: string, status: types.ScanStatus): Promise<void> {
    if (status !== types.ScanStatus.Waiting && status !== types.ScanStatus.Timeout) return;
    const url = qrcodeValueToImageUrl(qrcode);
    this.opts.log.info({ url }, 'scan this QR code with WeChat to log in');
    const terminal = this.opts.terminal ?? process.stderr;
    terminal.write(`Scan with WeChat to log in (or open ${url}):\n${await QRCode.toString(qrcode, { type: 'terminal', small: true })}\n`);
  }

  private managed(room: Room, topic: string | undefined): boolean {
    return this.rooms.includes(room.id, topic);
  }

  /** The room owner is WeChat's only notion of an admin; the engine stores it. */
  private async announceOwner(bot: Wechaty, room: Room, newTopic?: string): Promise<void> {
    if (newTopic === undefined && this.ownerKnown.has(room.id)) return;
    this.ownerKnown.set(room.id, true);
    // On a topic change the event's new topic is fresher than the room's cached payload.
    const topic = newTopic ?? (await room.topic());
    if (!this.managed(room, topic)) return;
    const owner = room.owner();
    // The room's size as WeChat lists it (the bot included), for groups that overflow into the next.
    const memberCount = await room.memberAll().then((all) => all.length, () => undefined);
    await this.emit({
      type: 'adminsKnown',
      platform: WECHAT,
      groupId: room.id,
      groupTitle: topic,
      eventId: `owner:${room.id}:${++this.eventSeq}`,
      at: new Date(),
      admins: owner && owner.id !== bot.currentUser.id ? [{ id: owner.id, name: owner.name() || owner.id, role: 'owner' }] : [],
      ...(memberCount !== undefined ? { memberCount } : {}),
    });
  }

  private async emit(event: InboundEvent): Promise<void> {
    try {
      await this.sink?.(event);
    } catch (err) {
      this.opts.log.error({ err, event: event.type }, 'event handling failed');
    }
  }

  private async onMessage(bot: Wechaty, message: Message): Promise<void> {
    try {
      const room = message.room();
      if (room) await this.announceOwner(bot, room);
      const topic = room ? await room.topic() : undefined;
      const event = await normalizeMessage(message, {
        botId: bot.currentUser.id,
        ownerId: room?.owner()?.id,
        unmanaged: room ? !this.managed(room, topic) : false,
      });
      if (event?.type === 'message' && event.kind === 'image') this.remember(event.groupId, event.messageId, message);
      if (event) await this.emit(event);
    } catch (err) {
      this.opts.log.error({ err }, 'could not read a wechat message');
    }
  }

  /** Recent pictures, so the bot can fetch one the engine asks to look at. */
  private readonly pictures = new Map<string, Message>();

  private remember(roomId: string, messageId: string, message: Message): void {
    this.pictures.set(`${roomId}\u0000${messageId}`, message);
    if (this.pictures.size > 500) this.pictures.delete(this.pictures.keys().next().value as string);
  }

  async fetchImage(groupId: string, messageId: string): Promise<Uint8Array | undefined> {
    const message = this.pictures.get(`${groupId}\u0000${messageId}`);
    if (!message) return undefined;
    const image = message.toImage();
    // Not every puppet serves the full-size picture; the preview still shows a large QR code.
    const box = await image.hd().catch(() => image.artwork());
    return box.toBuffer();
  }

  private async onJoin(bot: Wechaty, room: Room, invitees: Contact[], inviter: Contact, date?: Date): Promise<void> {
    const others = invitees.filter((c) => c.id !== bot.currentUser.id);
    if (!others.length) return;
    const topic = await room.topic();
    await this.emit({
      type: 'memberJoined',
      platform: WECHAT,
      groupId: room.id,
      groupTitle: topic,
      eventId: `join:${room.id}:${others.map((c) => c.id).join(',')}:${(date ?? new Date()).getTime()}`,
      at: date ?? new Date(),
      members: await Promise.all(others.map((c) => senderOf(c))),
      ...(inviter && inviter.id !== bot.currentUser.id ? { inviter: await senderOf(inviter, room) } : {}),
      ...(this.managed(room, topic) ? {} : { unmanaged: true }),
    });
  }

  private async onLeave(_bot: Wechaty, room: Room, leavers: Contact[], date?: Date): Promise<void> {
    const topic = await room.topic();
    for (const c of leavers) {
      await this.emit({
        type: 'memberLeft',
        platform: WECHAT,
        groupId: room.id,
        groupTitle: topic,
        eventId: `leave:${room.id}:${c.id}:${(date ?? new Date()).getTime()}`,
        at: date ?? new Date(),
        member: await senderOf(c),
        ...(this.managed(room, topic) ? {} : { unmanaged: true }),
      });
    }
  }

  /** Paced; resolves when WeChat took the message, so the engine's durable outbox can let it go. */
  private async queue(conversationId: string, send: (bot: Wechaty) => Promise<unknown>): Promise<ActionResult> {
    try {
      await this.outbox.send(conversationId, async () => {
        if (!this.bot) throw new Error('not connected to WeChat');
        return send(this.bot);
      });
      return { ok: true };
    } catch (err) {
      return { ok: false, why: 'failed', detail: String(err) };
    }
  }

  async perform(action: Action): Promise<ActionResult> {
    switch (action.type) {
      case 'send':
        // The text already says "@name"; the id list makes WeChat notify them.
        return this.queue(action.groupId, (bot) => bot.puppet.messageSendText(action.groupId, action.text, (action.mentions ?? []).map((m) => m.id)));
      case 'dm':
        return this.queue(action.userId, (bot) => bot.puppet.messageSendText(action.userId, action.text));
      case 'photo': {
        const path = action.path;
        if (!path) return { ok: false, why: 'rejected', detail: 'no picture file' };
        const to = action.toUser ?? action.groupId;
        return this.queue(to, (bot) => bot.puppet.messageSendFile(to, FileBox.fromFile(path)));
      }
      case 'kick':
        return this.remove(action.groupId, action.user.id);
      default:
        return { ok: false, why: 'unsupported' };
    }
  }

  /** WeChat lets only a room's owner remove members. */
  private async remove(roomId: string, userId: string): Promise<ActionResult> {
    const bot = this.bot;
    if (!bot) return { ok: false, why: 'failed', detail: 'not connected to WeChat' };
    try {
      const room = await bot.Room.find({ id: roomId });
      if (!room) return { ok: false, why: 'failed', detail: 'room not found' };
      if (room.owner()?.id !== bot.currentUser.id) return { ok: false, why: 'forbidden', detail: 'the bot does not own this room' };
      const contact = await bot.Contact.find({ id: userId });
      if (!contact) return { ok: false, why: 'failed', detail: 'member not found' };
      await room.remove(contact);
      return { ok: true };
    } catch (err) {
      return { ok: false, why: 'failed', detail: String(err) };
    }
  }
}
