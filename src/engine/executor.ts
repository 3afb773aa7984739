import type { Logger } from 'pino';
import { messages } from '../i18n/index.js';
import type { SettingsService } from '../settings/service.js';
import type { GroupRef } from '../storage/groups.js';
import type { Store } from '../storage/store.js';
import type { Clock } from '../time/clock.js';
import { formatLocal } from '../time/calendar.js';
import type { Action, ActionResult, Button, DeleteAction, DmAction, KickAction, MuteAction, SendAction } from './actions.js';
import type { Adapter } from './port.js';

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
  ) {}

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
    }
    await this.perform(action);
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
