import { randomUUID } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { messages } from '../i18n/index.js';
import type { SettingsService } from '../settings/service.js';
import type { GroupRef } from '../storage/groups.js';
import type { LaneRef, NewOutboxRow } from '../storage/outbox.js';
import type { Store } from '../storage/store.js';
import type { Clock } from '../time/clock.js';
import { formatLocal } from '../time/calendar.js';
import type { Charts } from '../media/charts.js';
import type { Action, ActionResult, Button, DeleteAction, DmAction, KickAction, MuteAction, PhotoAction, RecordAction, ScanImageAction, SendAction } from './actions.js';
import type { ImageScannedEvent } from './events.js';
import { BackgroundWork } from './background.js';
import type { Adapter } from './port.js';
import type { Recorder } from './records.js';
import type { Owners } from './owners.js';

/** Looks for a QR code in a picture, off the event loop (src/media/qrScanner.ts). */
export interface ImageScanner {
  scan(bytes: Uint8Array): Promise<{ found: string | null } | { skipped: string; detail?: string }>;
}

type Moderation = DeleteAction | MuteAction | KickAction;

/** How long a typed keyword keeps standing for a button. */
const KEYWORD_LIFETIME_MS = 7 * 86_400_000;
/** The longest one platform call may take, pacing included (Telegram's 429 asks for up to a minute). */
const DELIVERY_TIMEOUT_MS = 5 * 60_000;
/** Telegram refuses to answer a button press after a while; later than this it is pointless. */
const BUTTON_ANSWER_LIFETIME_MS = 10 * 60_000;
/** Where drawn charts wait for the platform to take them. */
const PICTURES = join(tmpdir(), 'steward-pictures');
/** How often the owner is told of the same kind of moderation the platform would not do. */
const OWNER_NOTE_EVERY_MS = 3_600_000;

export interface OutboxLimits {
  /** A reply to a member's message older than this is skipped: it would only confuse. */
  replyMaxAgeMs: number;
}

/** Where a batch of actions came from: the event's time (or the job's run), and the job. */
export interface Origin {
  at: number;
  jobId?: number;
}

/** What planning left to do once the transaction commits. */
export interface Planned {
  lanes: LaneRef[];
  scans: ScanImageAction[];
  /** Held ad verdicts to ask a language model about, once the decision commits. */
  questions: number[];
  /** What the bot does on the platform: the decided actions without the records. */
  acts: Action[];
}

/** Platform calls that go out paced, in order per chat, and are retried until delivered. */
export const isMessage = (a: Action): a is Extract<Action, { type: 'send' | 'dm' | 'photo' }> => a.type === 'send' || a.type === 'dm' || a.type === 'photo';
export const isModeration = (a: Action): a is Moderation => a.type === 'delete' || a.type === 'mute' || a.type === 'kick';

/**
 * Turns decided actions into durable outbox rows, inside the decision's transaction, and carries
 * one row out through its adapter when the delivery loop asks. Where the platform cannot do
 * something (WeChat cannot delete or mute; a bot without the right) it plans the fallback: a public
 * reminder with an @mention, and a private note to the owners saying what could not be done.
 */
export class Executor {
  constructor(
    private readonly adapters: ReadonlyMap<string, Adapter>,
    private readonly store: Store,
    private readonly settings: SettingsService,
    /** Whom owner notes go to. */
    private readonly owners: Owners,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly limits: OutboxLimits,
    /** Who writes each kind of record (the registry's). */
    private readonly recorders: ReadonlyMap<string, Recorder>,
    /** Where pictures are looked at, and where a found code is reported back to (the engine). */
    private readonly images?: { scanner: ImageScanner; found(event: ImageScannedEvent): Promise<unknown> },
    /** Draws the charts photo actions carry. */
    private readonly charts?: Charts,
  ) {
    this.scans = new BackgroundWork(log);
  }

  /** Pictures being looked at now. */
  private readonly scans: BackgroundWork;

  /**
   * Writes the records and the actions to the outbox, in the order decided. Call inside the
   * transaction of the decision that made them.
   */
  plan(actions: readonly Action[], origin: Origin): Planned {
    const planned: Planned = { lanes: [], scans: [], questions: [], acts: [] };
    for (const action of actions) {
      if (action.type !== 'record') planned.acts.push(action);
      this.planOne(action, origin, planned);
    }
    return planned;
  }

  private write(record: RecordAction): void {
    const recorder = this.recorders.get(record.kind);
    if (!recorder) throw new Error(`no recorder for record kind "${record.kind}"`);
    recorder.apply({ store: this.store, settings: this.settings }, { platform: record.platform, groupId: record.groupId }, record.data);
  }

  private capabilities(platform: string) {
    return this.adapter(platform).capabilities;
  }

  private adapter(platform: string): Adapter {
    const a = this.adapters.get(platform);
    if (!a) throw new Error(`no adapter for platform "${platform}"`);
    return a;
  }

  private planOne(action: Action, origin: Origin, out: Planned): void {
    const caps = this.capabilities(action.platform);
    switch (action.type) {
      case 'record':
        this.write(action);
        return;
      case 'send': {
        const linked = action.invite && !caps.inviteLinks ? this.withoutInvite(action) : action;
        this.enqueue(caps.buttons || !linked.buttons?.length ? linked : this.withoutButtons(linked, action.groupId), origin, out);
        return;
      }
      case 'notifyOwner':
        for (const dm of this.ownerNotes(action.platform, action.groupId, action.text, action.buttons)) {
          this.planOne(dm, origin, out);
          if (action.chart && caps.photo) this.planOne({ type: 'photo', platform: dm.platform, groupId: dm.groupId, toUser: dm.userId, chart: action.chart.spec, fallbackText: action.chart.fallbackText }, origin, out);
        }
        return;
      case 'photo':
        if (!caps.photo) this.enqueue({ type: 'send', platform: action.platform, groupId: action.groupId, text: action.fallbackText }, origin, out);
        else this.enqueue(action, origin, out);
        return;
      case 'dm':
        if (!caps.dm) {
          this.log.warn({ group: action.groupId }, 'cannot send private messages on this platform');
          return;
        }
        this.enqueue(caps.buttons || !action.buttons?.length ? action : this.withoutButtons(action, action.userId), origin, out);
        return;
      case 'answerButton':
        if (caps.buttons) this.enqueue(action, origin, out);
        return;
      case 'unmute':
        if (caps.mute) this.enqueue(action, origin, out); // else nothing was muted
        return;
      case 'commandMenu':
        if (caps.commandMenu) this.enqueue(action, origin, out);
        return;
      case 'delete':
      case 'mute':
      case 'kick': {
        if (action.type === 'mute' && action.textOnly && !caps.mute) return;
        const capable = { delete: 'deleteMessages', mute: 'mute', kick: 'kick' } as const;
        if (caps[capable[action.type]]) this.enqueue(action, origin, out);
        else for (const a of this.couldNot(action, { ok: false, why: 'unsupported' })) this.planOne(a, origin, out);
        return;
      }
      case 'scanImage':
        out.scans.push(action);
        return;
      case 'askSecondOpinion':
        out.questions.push(action.questionId);
        return;
    }
  }

  private enqueue(action: Action, origin: Origin, out: Planned): void {
    const chat = action.type === 'dm' ? action.userId : action.type === 'photo' && action.toUser ? action.toUser : action.groupId;
    const lane = `${isMessage(action) ? 'chat' : 'mod'}:${chat}`;
    const row: NewOutboxRow = { platform: action.platform, lane, groupId: action.groupId, action, createdAt: this.clock.now().getTime() };
    const expiresAt = this.expiry(action, origin);
    if (expiresAt !== undefined) row.expiresAt = expiresAt;
    if (origin.jobId !== undefined) row.jobId = origin.jobId;
    this.store.outbox.add(row);
    if (!out.lanes.some((l) => l.platform === action.platform && l.lane === lane)) out.lanes.push({ platform: action.platform, lane });
  }

  /** Replies to members go stale; scheduled posts, notices to owners and moderation do not. */
  private expiry(action: Action, origin: Origin): number | undefined {
    if (action.type === 'send' && action.replyTo && origin.jobId === undefined) return origin.at + this.limits.replyMaxAgeMs;
    if (action.type === 'answerButton') return origin.at + BUTTON_ANSWER_LIFETIME_MS;
    if (action.type === 'mute') return action.until.getTime();
    return undefined;
  }

  /**
   * Makes one platform call for a row the delivery loop took from the outbox. A call that does not
   * come back in time counts as failed (and is tried again later), so a hung connection never
   * holds a chat's lane for good.
   */
  async deliver(action: Action): Promise<ActionResult> {
    let result: ActionResult;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ActionResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, why: 'failed', detail: `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` }), DELIVERY_TIMEOUT_MS);
      timer.unref();
    });
    try {
      const ready = action.type === 'photo' && action.chart ? await this.drawn(action) : action;
      result = await Promise.race([this.adapter(action.platform).perform(ready), timeout]);
      if (ready !== action && ready.type === 'photo') await unlink(ready.path!).catch(() => undefined);
    } catch (err) {
      result = { ok: false, why: 'failed', detail: err instanceof Error ? err.message : String(err) };
    }
    clearTimeout(timer);
    if (!result.ok) this.log.warn({ action: action.type, group: action.groupId, why: result.why, detail: result.detail }, 'action not done');
    return result;
  }

  /** A chart drawn to a picture file for the adapter to upload; if it cannot be drawn, its text instead. */
  private async drawn(action: PhotoAction): Promise<Action> {
    try {
      if (!this.charts) throw new Error('no chart renderer');
      const png = await this.charts.png(action.chart!);
      await mkdir(PICTURES, { recursive: true });
      const path = join(PICTURES, `chart-${randomUUID()}.png`);
      await writeFile(path, png);
      return { ...action, path };
    } catch (err) {
      this.log.warn({ err, group: action.groupId }, 'chart not drawn; its text goes instead');
      if (action.toUser) return { type: 'dm', platform: action.platform, groupId: action.groupId, userId: action.toUser, text: action.fallbackText };
      return { type: 'send', platform: action.platform, groupId: action.groupId, text: action.fallbackText };
    }
  }

  /**
   * A moderation call's outcome, in the log; where it failed, what to do instead (the fallback
   * reminder and owner note). Call inside a transaction, then plan what it returns.
   */
  moderated(action: Moderation, result: ActionResult): Action[] {
    const g = { platform: action.platform, groupId: action.groupId };
    const at = this.clock.now().getTime();
    if (result.ok) {
      this.store.actionLog.add(g, at, action.type, action.user.id, action.reason, 'done');
      // Removed is gone, for every statistic, whether or not the platform reports the leave too.
      if (action.type === 'kick') this.store.members.left(g, action.user.id, action.user.name, at);
      return [];
    }
    return this.couldNot(action, result);
  }

  /**
   * A message went, but not as decided: an invite link the platform would not make, so the other
   * text went instead. The owner is told once an hour; call inside a transaction, then plan it.
   */
  sentOtherwise(action: Action, why: string): Action[] {
    if (action.type !== 'send' || !action.invite) return [];
    const g = { platform: action.platform, groupId: action.groupId };
    if (!this.store.notices.due(g, 'invite-link', this.clock.now().getTime(), OWNER_NOTE_EVERY_MS)) return [];
    const t = messages(this.settings.for(g).language);
    const target = this.store.groups.label({ platform: action.platform, groupId: action.invite.groupId });
    return [{ type: 'notifyOwner', ...g, text: t.fallback.ownerInviteLink(target, why) }];
  }

  private couldNot(action: Moderation, result: Extract<ActionResult, { ok: false }>): Action[] {
    const g = { platform: action.platform, groupId: action.groupId };
    const at = this.clock.now().getTime();
    this.store.actionLog.add(g, at, action.type, action.user.id, action.reason, `fallback:${result.why}${result.detail ? `:${result.detail}` : ''}`);
    return this.fallback(g, action, result);
  }

  private fallback(g: GroupRef, action: Moderation, result: Extract<ActionResult, { ok: false }>): Action[] {
    const s = this.settings.for(g);
    const t = messages(s.language);
    const reason = action.reason ?? result.detail ?? result.why;
    const base = { type: 'send' as const, platform: g.platform, groupId: g.groupId, mentions: [action.user] };
    const out: Action[] = [];
    if (action.type === 'delete' && action.remindInPublic !== false) out.push({ ...base, text: t.fallback.deleteReminder(action.user.name, reason), replyTo: action.messageId });
    else if (action.type === 'mute') out.push({ ...base, text: t.fallback.muteReminder(action.user.name, formatLocal(action.until, s.timezone), reason) });
    // One note an hour for each kind of failure: a flood or a raid on a platform that cannot delete
    // must not become a flood of notes to the owner. Every case is in /log.
    if (!this.store.notices.due(g, `couldNot:${action.type}:${result.why}`, this.clock.now().getTime(), OWNER_NOTE_EVERY_MS)) return out;
    const title = this.store.groups.label(g);
    out.push({ type: 'notifyOwner', ...g, text: t.fallback.ownerCouldNot(t.fallback.what[action.type](action.user.name), title, reason) });
    return out;
  }

  /** Looks at pictures without waiting: the event that carried one, and the events after it, go on. */
  startScans(scans: readonly ScanImageAction[]): void {
    for (const a of scans) this.scanInBackground(a);
  }

  private scanInBackground(a: ScanImageAction): void {
    const adapter = this.adapters.get(a.platform);
    const images = this.images;
    if (!adapter?.fetchImage || !images) return;
    this.scans.start(async () => {
      const bytes = await adapter.fetchImage!(a.groupId, a.messageId);
      if (!bytes) return;
      const r = await images.scanner.scan(bytes);
      if ('skipped' in r) {
        this.log.warn({ group: a.groupId, why: r.skipped, detail: r.detail }, 'picture not looked at');
        return;
      }
      if (r.found === null) return;
      await images.found({
        type: 'imageScanned',
        platform: a.platform,
        groupId: a.groupId,
        eventId: `qr:${a.messageId}`,
        at: this.clock.now(),
        sender: { id: a.sender.id, name: a.sender.name },
        messageId: a.messageId,
        qr: r.found,
      });
    }, 'picture scan failed', { group: a.groupId });
  }

  get scanning(): boolean {
    return this.scans.busy;
  }

  /** Resolves once every picture being looked at is done (a clean stop; tests). */
  async scansSettled(): Promise<void> {
    await this.scans.settled();
  }

  /**
   * Buttons become "reply with keyword X" lines; typing the keyword in that chat then counts as
   * the press (the engine turns it into a buttonPressed event).
   */
  private withoutButtons<A extends SendAction | DmAction>(action: A, chatId: string): A {
    const t = messages(this.settings.for(action).language);
    const expires = this.clock.now().getTime() + KEYWORD_LIFETIME_MS;
    for (const b of action.buttons!) this.store.buttonKeywords.add(action.platform, chatId, b.keyword, b.data, expires);
    const lines = action.buttons!.map((b) => t.fallback.buttonLine(b.keyword, b.label));
    const { buttons: _dropped, ...rest } = action;
    return { ...rest, text: `${action.text}\n${lines.join('\n')}` } as A;
  }

  /** The text the decision gave for platforms that make no invite links. */
  private withoutInvite(action: SendAction): SendAction {
    const { invite, ...rest } = action;
    return { ...rest, text: invite!.fallbackText };
  }

  /** The configured superusers and everyone with the owner role in the group, as private messages. */
  ownerNotes(platform: string, groupId: string, text: string, buttons?: Button[]): DmAction[] {
    const owners = this.owners.of({ platform, groupId });
    if (!owners.length || !this.capabilities(platform).dm) {
      this.log.warn({ group: groupId }, 'no owner could be told; owner notice dropped');
      return [];
    }
    return owners.map((userId) => ({ type: 'dm', platform, groupId, userId, text, ...(buttons?.length ? { buttons } : {}) }));
  }
}
