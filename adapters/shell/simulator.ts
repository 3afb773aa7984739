import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { MessageEvent, Sender } from '../../src/engine/events.js';
import type { Role } from '../../src/engine/events.js';
import type { SimulatedClock } from '../../src/time/clock.js';
import { formatIsoLocal } from '../../src/time/calendar.js';
import { type Action, type ActionResult, type Adapter, type Capabilities, type EventSink, INVITE_SLOT } from '../types.js';
import { SIMULATED } from './capabilities.js';
import { type ShellLine, SHELL_HELP, parseShellLine } from './protocol.js';
import { actionJson, actionText, eventText, noteText } from './render.js';

export const SHELL_PLATFORM = 'shell';
/** How many recent messages a :reply can point at. */
const RECENT = 2_000;

/** Lets `:advance` and `:clock` run the scheduler; supplied by the composition root. */
export interface TimeControl {
  advanceTo(target: Date): Promise<number>;
  tick(): Promise<number>;
}

export interface ShellOptions {
  imitate: 'telegram' | 'wechat';
  json: boolean;
  color: boolean;
  clock: SimulatedClock;
  /** Zone used to print times (mute until …). */
  timeZone: string;
  write(line: string): void;
}

interface SimMember {
  name: string;
  role: Role;
  mutedUntil?: number;
  /** Restricted to text and stickers (a newcomer limit) until then. */
  mediaMutedUntil?: number;
}

const URL_RE = /\bhttps?:\/\/[^\s<>"'，。）)]+|\bwww\.[^\s<>"'，。）)]+/gi;

/**
 * A local, scriptable stand-in for a chat platform (Hubot's shell adapter, grown up): it turns
 * typed lines into events, and prints every action the bot takes, as JSON or readably.
 */
export class ShellSimulator implements Adapter {
  readonly platform = SHELL_PLATFORM;
  readonly capabilities: Capabilities;
  readonly botUsername = 'steward_bot';
  time?: TimeControl;

  private sink?: EventSink;
  private groupId = 'demo';
  private speaker = 'owner';
  /** Message ids (m1, m2, …) are counted apart from other events, so scripts can predict them. */
  private seq = 0;
  private otherSeq = 0;
  private botSeq = 0;
  /** Event ids are unique per run: the engine remembers handled ids across restarts (same --db). */
  private readonly run = randomUUID().slice(0, 8);
  private readonly groups = new Map<string, Map<string, SimMember>>();
  /** Members the bot removed: like a platform, the group refuses their messages until they join again. */
  private readonly removed = new Set<string>();
  /** Members who wrote to the bot privately: a reply to their chat is a private message. */
  private readonly privateChats = new Set<string>();
  /** Pictures sent with :image file:<path>, by group and message id. */
  private readonly pictures = new Map<string, string>();

  constructor(private readonly opts: ShellOptions) {
    this.capabilities = SIMULATED[opts.imitate];
    this.members('demo').set('owner', { name: '群主', role: 'owner' });
  }

  async start(sink: EventSink): Promise<void> {
    this.sink = sink;
    await this.announceAdmins('demo');
  }

  /** Like a platform's admin list: the engine learns who owns and administers the group. */
  private async announceAdmins(groupId: string): Promise<void> {
    const admins = [...this.members(groupId)]
      .filter(([, m]) => m.role !== 'member')
      .map(([id, m]) => ({ id, name: m.name, role: m.role as 'owner' | 'admin' }));
    // No member count: a simulated member may speak without having joined, so the engine's own
    // count of those it saw is the simulated group's size.
    await this.sink?.({ type: 'adminsKnown', platform: SHELL_PLATFORM, groupId, eventId: `${this.run}:a${++this.otherSeq}`, at: this.opts.clock.now(), admins });
  }

  async stop(): Promise<void> {
    this.sink = undefined;
  }

  get prompt(): string {
    return `${this.speaker}@${this.groupId}> `;
  }

  async fetchImage(groupId: string, messageId: string): Promise<Uint8Array | undefined> {
    const file = this.pictures.get(`${groupId}\u0000${messageId}`);
    if (!file) return undefined;
    try {
      return await readFile(file);
    } catch (err) {
      this.note(`cannot read ${file}: ${(err as Error).message}`);
      return undefined;
    }
  }

  async perform(action: Action): Promise<ActionResult> {
    const isPrivate = this.privateChats.has(action.groupId) && !this.groups.has(action.groupId);
    const members = isPrivate ? new Map<string, SimMember>() : this.members(action.groupId);
    let messageId: string | undefined;
    switch (action.type) {
      case 'send':
        messageId = `b${++this.botSeq}`;
        break;
      case 'mute':
        if (!this.capabilities.mute) return { ok: false, why: 'unsupported' };
        if (action.textOnly) this.member(action.groupId, action.user.id, action.user.name).mediaMutedUntil = action.until.getTime();
        else this.member(action.groupId, action.user.id, action.user.name).mutedUntil = action.until.getTime();
        break;
      case 'unmute': {
        const m = members.get(action.user.id);
        if (m) delete m.mutedUntil;
        break;
      }
      case 'kick':
        if (!this.capabilities.kick) return { ok: false, why: 'unsupported' };
        members.delete(action.user.id);
        this.removed.add(`${action.groupId}\u0000${action.user.id}`);
        break;
      case 'delete':
        if (!this.capabilities.deleteMessages) return { ok: false, why: 'unsupported' };
        break;
      default:
        break;
    }
    // A drawn chart's file goes once sent: the simulator keeps a copy to look at.
    if (action.type === 'photo' && action.path) {
      const kept = join(tmpdir(), 'steward-shell-pictures', basename(action.path));
      await mkdir(dirname(kept), { recursive: true });
      await copyFile(action.path, kept);
      action = { ...action, path: kept };
    }
    // An invite link is made up here, as Telegram would make one.
    const linked: Action = action.type === 'send' && action.invite ? { ...action, text: action.text.replace(INVITE_SLOT, `https://t.me/+sim-${action.invite.groupId}`) } : action;
    // A reply in a member's private chat prints as what it is on the platform: a private message.
    const shown: Action =
      linked.type === 'send' && isPrivate
        ? { type: 'dm', platform: linked.platform, groupId: linked.groupId, userId: linked.groupId, text: linked.text, ...(linked.buttons ? { buttons: linked.buttons } : {}) }
        : linked;
    this.emit(actionJson(shown, this.opts.timeZone, messageId), 'action');
    return { ok: true, ...(messageId ? { messageId } : {}) };
  }

  /** Handles one typed line; false when the line asked to quit. */
  async feed(raw: string): Promise<boolean> {
    const line = parseShellLine(raw);
    const keepGoing = await this.handle(line);
    // Jobs that are due right now (a deadline of "now", a restart backlog) run before the next line.
    if (this.time && line.op !== 'blank') await this.time.tick();
    return keepGoing;
  }

  private async handle(line: ShellLine): Promise<boolean> {
    const now = this.opts.clock.now();
    switch (line.op) {
      case 'blank':
        return true;
      case 'quit':
        return false;
      case 'help':
        this.note(SHELL_HELP);
        return true;
      case 'invalid':
        this.emit({ error: line.problem }, 'note');
        return true;
      case 'group':
        this.groupId = line.groupId;
        this.member(line.groupId, this.speaker, this.speakerName());
        this.note(`now in group ${line.groupId}`);
        return true;
      case 'as':
        this.speaker = line.userId;
        this.member(this.groupId, line.userId, line.name ?? line.userId, line.name);
        this.note(`speaking as ${line.userId}`);
        return true;
      case 'role':
        this.member(this.groupId, line.userId, line.userId).role = line.role;
        this.note(`${line.userId} is ${line.role} of ${this.groupId}`);
        await this.announceAdmins(this.groupId);
        return true;
      case 'clock':
        this.opts.clock.set(line.at);
        await this.time?.tick();
        this.note(`clock ${formatIsoLocal(line.at, this.opts.timeZone)}`);
        return true;
      case 'advance': {
        const target = new Date(now.getTime() + line.ms);
        if (this.time) await this.time.advanceTo(target);
        else this.opts.clock.set(target);
        this.note(`clock ${formatIsoLocal(target, this.opts.timeZone)}`);
        return true;
      }
      case 'join': {
        const name = line.name ?? line.userId;
        this.removed.delete(`${this.groupId}\u0000${line.userId}`);
        this.member(this.groupId, line.userId, name, name).role = 'member';
        const inviter = this.sender(this.speaker);
        this.emit({ event: 'join', group: this.groupId, user: line.userId, name, inviter: inviter.id }, 'event');
        await this.sink?.({
          type: 'memberJoined',
          platform: SHELL_PLATFORM,
          groupId: this.groupId,
          eventId: `${this.run}:j${++this.otherSeq}`,
          at: now,
          members: [{ id: line.userId, name }],
          inviter,
        });
        return true;
      }
      case 'leave': {
        const member = this.sender(line.userId);
        this.members(this.groupId).delete(line.userId);
        this.emit({ event: 'leave', group: this.groupId, user: line.userId }, 'event');
        await this.sink?.({ type: 'memberLeft', platform: SHELL_PLATFORM, groupId: this.groupId, eventId: `${this.run}:l${++this.otherSeq}`, at: now, member });
        return true;
      }
      case 'click': {
        this.emit({ event: 'click', group: this.groupId, from: this.speaker, data: line.data }, 'event');
        await this.sink?.({
          type: 'buttonPressed',
          platform: SHELL_PLATFORM,
          groupId: this.groupId,
          eventId: `${this.run}:c${++this.otherSeq}`,
          at: now,
          sender: this.sender(this.speaker),
          data: line.data,
          pressId: `c${this.otherSeq}`,
        });
        return true;
      }
      case 'dm': {
        // A private chat with the bot: its id is the member's id, as on Telegram and WeChat.
        const id = `m${++this.seq}`;
        const sender = this.sender(this.speaker);
        this.privateChats.add(sender.id);
        this.emit({ event: 'message', id, chat: 'private', from: sender.id, kind: 'text', text: line.text }, 'event');
        await this.sink?.({
          type: 'message', platform: SHELL_PLATFORM, groupId: sender.id, chat: 'private', eventId: `${this.run}:${id}`, messageId: id, at: now,
          sender: { id: sender.id, name: sender.name }, kind: 'text', text: line.text,
        });
        return true;
      }
      case 'edit':
        await this.edit(line.messageId, line.text, now);
        return true;
      default:
        await this.message(line, now);
        return true;
    }
  }

  private async message(line: Extract<ShellLine, { op: 'text' | 'image' | 'sticker' | 'media' | 'card' | 'link' | 'forward' | 'reply' }>, at: Date): Promise<void> {
    const sender = this.sender(this.speaker);
    if (this.removed.has(`${this.groupId}\u0000${this.speaker}`)) {
      this.emit({ blocked: 'removed', group: this.groupId, user: this.speaker }, 'note');
      return;
    }
    const self = this.members(this.groupId).get(this.speaker);
    // Restricted to text and stickers: pictures, files, voice and video do not go through.
    const media = line.op === 'image' || (line.op === 'media' && line.kind !== 'gif');
    const muted = self?.mutedUntil ?? (media ? self?.mediaMutedUntil : undefined);
    if (muted && muted > at.getTime()) {
      // The platform itself refuses a muted member's message; the bot never sees it.
      this.emit({ blocked: 'muted', group: this.groupId, user: this.speaker, until: formatIsoLocal(new Date(muted), this.opts.timeZone) }, 'note');
      return;
    }
    const id = `m${++this.seq}`;
    const base = { type: 'message' as const, platform: SHELL_PLATFORM, groupId: this.groupId, chat: 'group' as const, eventId: `${this.run}:${id}`, messageId: id, at, sender };
    let event: MessageEvent;
    switch (line.op) {
      case 'text': {
        // Spelled out (no spreads): the common line, on the benchmark's hot path.
        const found = line.text.match(URL_RE);
        event = {
          type: 'message',
          platform: SHELL_PLATFORM,
          groupId: this.groupId,
          chat: 'group',
          eventId: `${this.run}:${id}`,
          messageId: id,
          at,
          sender,
          kind: 'text',
          text: line.text,
          mentionsBot: line.text.includes(`@${this.botUsername}`),
        };
        if (found) event.urls = found;
        break;
      }
      case 'reply': {
        // As a platform does, the reply carries who wrote the original and what it said (/spam, /warn, /offtopic read it).
        const original = this.original(line.messageId);
        event = { ...base, kind: 'text', text: line.text, ...urls(line.text), replyTo: { messageId: line.messageId, ...original } };
        break;
      }
      case 'image':
        event = { ...base, kind: 'image', text: '', ...(line.qr ? { qr: line.qr } : {}) };
        if (line.file) this.pictures.set(`${this.groupId}\u0000${id}`, line.file);
        break;
      case 'sticker':
        event = { ...base, kind: 'sticker', text: '' };
        break;
      case 'media':
        event = { ...base, kind: line.kind, text: line.name ?? '' };
        break;
      case 'card':
        event = { ...base, kind: 'contact', text: line.name };
        break;
      case 'link':
        event = { ...base, kind: 'link', text: line.title ?? line.url, urls: [line.url] };
        break;
      case 'forward':
        event = { ...base, kind: 'forward', text: line.text, ...urls(line.text) };
        break;
    }
    // Readable output does not echo members' messages: build the JSON only when it is printed.
    if (this.opts.json) {
      this.emit(
        {
          event: 'message',
          id,
          group: this.groupId,
          from: sender.id,
          kind: event.kind,
          ...(event.text ? { text: event.text } : {}),
          ...(event.urls ? { urls: event.urls } : {}),
          ...(event.replyTo ? { replyTo: event.replyTo.messageId } : {}),
          ...(event.qr ? { qr: event.qr } : {}),
        },
        'event',
      );
    }
    this.remember(this.seq, event);
    await this.sink?.(event);
  }

  /** The last RECENT messages, by number (m<n>): a ring, since this runs on every line. */
  private readonly said: (MessageEvent | undefined)[] = new Array<MessageEvent | undefined>(RECENT);

  private remember(n: number, e: MessageEvent): void {
    this.said[n % RECENT] = e;
  }

  /** Its writer edits a recent message of this group: the bot sees the message again, edited. */
  private async edit(id: string, text: string, at: Date): Promise<void> {
    const n = /^m(\d+)$/.exec(id)?.[1];
    const e = n === undefined ? undefined : this.said[Number(n) % RECENT];
    if (!e || e.messageId !== id || e.groupId !== this.groupId) {
      this.emit({ error: `no recent message ${id} in this group to edit` }, 'note');
      return;
    }
    const { urls: _old, ...rest } = e;
    const edited: MessageEvent = { ...rest, text, ...urls(text), at, eventId: `${e.eventId}:edit:${++this.otherSeq}`, edited: true };
    this.emit({ event: 'edit', id, group: this.groupId, from: e.sender.id, text }, 'event');
    this.remember(Number(n), edited);
    await this.sink?.(edited);
  }

  /** Who wrote message `id` in this group and what it said, while it is recent. */
  private original(id: string): { senderId: string; senderName: string; text: string } | undefined {
    const n = /^m(\d+)$/.exec(id)?.[1];
    const e = n === undefined ? undefined : this.said[Number(n) % RECENT];
    return e && e.messageId === id && e.groupId === this.groupId ? { senderId: e.sender.id, senderName: e.sender.name, text: e.text } : undefined;
  }

  private members(groupId: string): Map<string, SimMember> {
    let g = this.groups.get(groupId);
    if (!g) this.groups.set(groupId, (g = new Map()));
    return g;
  }

  private member(groupId: string, userId: string, name: string, rename?: string): SimMember {
    const members = this.members(groupId);
    let m = members.get(userId);
    if (!m) members.set(userId, (m = { name, role: 'member' }));
    if (rename) m.name = rename;
    return m;
  }

  private speakerName(): string {
    for (const g of this.groups.values()) {
      const m = g.get(this.speaker);
      if (m) return m.name;
    }
    return this.speaker;
  }

  private sender(userId: string): Sender {
    const m = this.member(this.groupId, userId, userId === this.speaker ? this.speakerName() : userId);
    return { id: userId, name: m.name, role: m.role };
  }

  private note(text: string): void {
    if (!this.opts.json) this.opts.write(noteText(text, this.opts.color));
  }

  /** Says that something the bot scheduled waits for simulated time to reach it (the clock stands still once set). */
  waiting(kind: string, dueAt: Date): void {
    const inSeconds = Math.max(1, Math.ceil((dueAt.getTime() - this.opts.clock.now().getTime()) / 1000));
    this.note(`⏳ ${kind} is due in ${inSeconds}s of simulated time; the clock stands still until :advance ${inSeconds}s`);
  }

  private emit(json: Record<string, unknown>, what: 'event' | 'action' | 'note'): void {
    if (this.opts.json) this.opts.write(JSON.stringify(json));
    else if (what === 'action') this.opts.write(actionText(json, this.opts.color));
    else if (what === 'note' || json.event !== 'message') this.opts.write(eventText(json, this.opts.color));
  }
}

function urls(text: string): { urls?: string[] } {
  const found = text.match(URL_RE);
  return found ? { urls: found } : {};
}
