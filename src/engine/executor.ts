import type { Logger } from 'pino';
import { messages } from '../i18n/index.js';
import type { SettingsService } from '../settings/service.js';
import type { GroupRef } from '../storage/groups.js';
import type { Store } from '../storage/store.js';
import type { Clock } from '../time/clock.js';
import { formatLocal } from '../time/calendar.js';
import type { Action, ActionResult, Button, DeleteAction, DmAction, KickAction, MuteAction, ScanImageAction, SendAction } from './actions.js';
import type { ImageScannedEvent } from './events.js';
import type { Adapter } from './port.js';

/** Looks for a QR code in a picture, off the event loop (src/media/qrScanner.ts). */
export interface ImageScanner {
  scan(bytes: Uint8Array): Promise<{ found: string | null } | { skipped: string; detail?: string }>;
}

type Moderation = DeleteAction | MuteAction | KickAction;

/** How long a typed keyword keeps standing for a button. */
const KEYWORD_LIFETIME_MS = 7 * 86_400_000;

/**
 * Carries actions out through the adapter, in order. Where the platform cannot do something
 * (WeChat cannot delete or mute; a bot without the right) it applies the fallback: a public
 * reminder with an @mention, and a private note to the owners saying what could not be done.
 */
export class Executor {
  constructor(
    private readonly adapters: ReadonlyMap<string, Adapter>,
    private readonly store: Store,
    private readonly settings: SettingsService,
    /** Configured superusers per platform: always told. */
    private readonly superusers: Readonly<Record<string, readonly string[]>>,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** Where pictures are looked at, and where a found code is reported back to (the engine). */
    private readonly images?: { scanner: ImageScanner; found(event: ImageScannedEvent): Promise<unknown> },
  ) {}

  /** Pictures being looked at now. */
  private readonly scans = new Set<Promise<void>>();

  async execute(actions: Action[]): Promise<void> {
    for (const action of actions) {
      try {
        await this.one(action);
      } catch (err) {
        // One failed action (network, a deleted chat) must not drop the ones after it.
        this.log.error({ err, action: action.type, group: action.groupId }, 'action failed');
      }
    }
  }

  private adapter(platform: string): Adapter {
    const a = this.adapters.get(platform);
    if (!a) throw new Error(`no adapter for platform "${platform}"`);
    return a;
  }

  private async one(action: Action): Promise<void> {
    const caps = this.adapter(action.platform).capabilities;
    switch (action.type) {
      case 'send':
        await this.perform(caps.buttons || !action.buttons?.length ? action : this.withoutButtons(action, action.groupId));
        return;
      case 'notifyOwner':
        await this.notifyOwners(action.platform, action.groupId, action.text, action.buttons);
        return;
      case 'photo':
        if (!caps.photo) {
          await this.perform({ type: 'send', platform: action.platform, groupId: action.groupId, text: action.fallbackText });
          return;
        }
        break;
      case 'answerButton':
        if (!caps.buttons) return;
        break;
      case 'dm':
        if (!caps.dm) {
          this.log.warn({ group: action.groupId }, 'cannot send private messages on this platform');
          return;
        }
        if (!caps.buttons && action.buttons?.length) {
          await this.perform(this.withoutButtons(action, action.userId));
          return;
        }
        break;
      case 'unmute':
        if (!caps.mute) return; // nothing was muted
        break;
      case 'commandMenu':
        if (!caps.commandMenu) return;
        break;
      case 'delete':
      case 'mute':
      case 'kick':
        await this.moderate(action);
        return;
      case 'scanImage':
        this.scanInBackground(action);
        return;
    }
    await this.perform(action);
  }

  /**
   * Fetches the picture and has it looked at without waiting: the event that carried it, and the
   * events after it, go on. A found code comes back as an imageScanned event.
   */
  private scanInBackground(a: ScanImageAction): void {
    const adapter = this.adapter(a.platform);
    const images = this.images;
    if (!adapter.fetchImage || !images) return;
    const scan = (async () => {
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
    })()
      .catch((err: unknown) => this.log.error({ err, group: a.groupId }, 'picture scan failed'))
      .finally(() => this.scans.delete(scan));
    this.scans.add(scan);
  }

  /** Resolves once every picture being looked at is done (a clean stop; tests). */
  async settled(): Promise<void> {
    while (this.scans.size) await Promise.all([...this.scans]);
  }

  private async perform(action: Action): Promise<ActionResult> {
    const result = await this.adapter(action.platform).perform(action);
    if (!result.ok) this.log.warn({ action: action.type, group: action.groupId, why: result.why, detail: result.detail }, 'action not done');
    return result;
  }

  private async moderate(action: Moderation): Promise<void> {
    const g = { platform: action.platform, groupId: action.groupId };
    const capable = { delete: 'deleteMessages', mute: 'mute', kick: 'kick' } as const;
    const result: ActionResult = this.adapter(action.platform).capabilities[capable[action.type]]
      ? await this.perform(action)
      : { ok: false, why: 'unsupported' };
    const at = this.clock.now().getTime();
    if (result.ok) {
      this.store.actionLog.add(g, at, action.type, action.user.id, action.reason, 'done');
      return;
    }
    this.store.actionLog.add(g, at, action.type, action.user.id, action.reason, `fallback: ${result.why}${result.detail ? ` (${result.detail})` : ''}`);
    await this.fallback(g, action, result.detail ?? result.why);
  }

  private async fallback(g: GroupRef, action: Moderation, why: string): Promise<void> {
    const s = this.settings.for(g);
    const t = messages(s.language);
    const reason = action.reason ?? why;
    const mention = [action.user];
    const base = { type: 'send' as const, platform: g.platform, groupId: g.groupId, mentions: mention };
    if (action.type === 'delete') {
      await this.perform({ ...base, text: t.fallback.deleteReminder(action.user.name, reason), replyTo: action.messageId });
    } else if (action.type === 'mute') {
      await this.perform({ ...base, text: t.fallback.muteReminder(action.user.name, formatLocal(action.until, s.timezone), reason) });
    }
    const title = this.store.groups.title(g) ?? g.groupId;
    await this.notifyOwners(g.platform, g.groupId, t.fallback.ownerCouldNot(t.fallback.what[action.type](action.user.name), title, reason));
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

  /** The configured superusers and everyone with the owner role in the group. */
  private async notifyOwners(platform: string, groupId: string, text: string, buttons?: Button[]): Promise<void> {
    const owners = new Set(this.superusers[platform] ?? []);
    for (const m of this.store.members.withRole({ platform, groupId }, 'owner')) owners.add(m.userId);
    if (!owners.size || !this.adapter(platform).capabilities.dm) {
      this.log.warn({ group: groupId }, 'no owner could be told; owner notice dropped');
      return;
    }
    for (const userId of owners) await this.one({ type: 'dm', platform, groupId, userId, text, ...(buttons?.length ? { buttons } : {}) });
  }
}
