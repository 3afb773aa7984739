import type { Action } from '../types.js';
import { formatIsoLocal } from '../../src/time/calendar.js';

/** One JSON object per bot action: the simulator's documented output. */
export function actionJson(action: Action, timeZone: string, messageId?: string): Record<string, unknown> {
  const group = action.groupId;
  switch (action.type) {
    case 'send':
      return {
        action: 'send',
        group,
        ...(messageId ? { id: messageId } : {}),
        text: action.text,
        ...(action.replyTo ? { replyTo: action.replyTo } : {}),
        ...(action.mentions?.length ? { mentions: action.mentions.map((m) => m.id) } : {}),
        ...(action.buttons?.length ? { buttons: action.buttons.map((b) => ({ label: b.label, data: b.data })) } : {}),
      };
    case 'dm':
      return {
        action: 'dm',
        user: action.userId,
        text: action.text,
        ...(action.buttons?.length ? { buttons: action.buttons.map((b) => ({ label: b.label, data: b.data })) } : {}),
      };
    case 'delete':
      return { action: 'delete', group, messageId: action.messageId, ...(action.reason ? { reason: action.reason } : {}) };
    case 'mute':
      return { action: 'mute', group, user: action.user.id, until: formatIsoLocal(action.until, timeZone), ...(action.reason ? { reason: action.reason } : {}) };
    case 'unmute':
      return { action: 'unmute', group, user: action.user.id };
    case 'kick':
      return { action: 'kick', group, user: action.user.id, ...(action.reason ? { reason: action.reason } : {}) };
    case 'photo':
      return { action: 'photo', group, ...(action.toUser ? { user: action.toUser } : {}), path: action.path, ...(action.caption ? { caption: action.caption } : {}) };
    case 'answerButton':
      return { action: 'answerButton', group, ...(action.text ? { text: action.text } : {}) };
    case 'commandMenu':
      return { action: 'commandMenu', group, member: action.member.map((c) => c.command), admin: action.admin.map((c) => c.command) };
    case 'notifyOwner':
      // The executor turns these into dms before they reach an adapter.
      return { action: 'notifyOwner', group, text: action.text };
    case 'scanImage':
      // The executor looks at the picture itself; only a found code comes back (as an event).
      return { action: 'scanImage', group, messageId: action.messageId };
    case 'askSecondOpinion':
      // The app asks the language model itself; the answer comes back as an event.
      return { action: 'askSecondOpinion', group, question: action.questionId };
    case 'record':
      // Written by the executor; never reaches an adapter.
      return { action: 'record', group, kind: action.kind };
  }
}

const paint = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;

/** The buttons under a message, each with the line that presses it. */
function buttonsLine(json: Record<string, unknown>): string {
  const buttons = (json.buttons as { label: string; data: string }[] | undefined)?.map((b) => `[${b.label}] (:click ${b.data})`);
  return buttons ? `\n   ${buttons.join('  ')}` : '';
}

/** The same, for a person at a terminal. */
export function actionText(json: Record<string, unknown>, color: boolean): string {
  const c = color ? { bot: paint(36), warn: paint(33), dim: paint(2) } : { bot: String, warn: String, dim: String };
  switch (json.action) {
    case 'send':
      return `${c.bot(`🤖 [${json.group}]`)} ${json.text}${buttonsLine(json)}`;
    case 'dm':
      return `${c.bot(`🤖 → ${json.user} (private)`)} ${json.text}${buttonsLine(json)}`;
    case 'photo':
      return `${c.bot(json.user ? `🤖 → ${json.user} (private) 🖼 ${json.path}` : `🤖 [${json.group}] 🖼 ${json.path}`)} ${json.caption ?? ''}`;
    default: {
      const { action, ...rest } = json;
      return c.warn(`⚙ ${action} ${Object.entries(rest).map(([k, v]) => `${k}=${String(v)}`).join(' ')}`);
    }
  }
}

/** Simulator events and notices, readably (JSON mode prints them as they are). */
export function eventText(json: Record<string, unknown>, color: boolean): string {
  let text: string;
  if (json.event === 'join') text = `→ ${json.name} (${json.user}) joined ${json.group}${json.inviter ? `, invited by ${json.inviter}` : ''}`;
  else if (json.event === 'leave') text = `← ${json.user} left ${json.group}`;
  else if (json.event === 'click') text = `☞ ${json.from} pressed ${json.data}`;
  else if (json.event === 'edit') text = `✎ ${json.from} edited ${json.id}`;
  else if (json.blocked) text = `⛔ ${json.user} is muted until ${json.until}: the platform did not deliver that`;
  else if (json.error) text = `⚠ ${json.error}`;
  else text = JSON.stringify(json);
  return noteText(text, color);
}

export function noteText(text: string, color: boolean): string {
  return color ? paint(2)(text) : text;
}
