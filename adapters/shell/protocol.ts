// The simulator's line protocol (a public interface: scripts and tests type these lines).

export type ShellLine =
  | { op: 'group'; groupId: string }
  | { op: 'as'; userId: string; name?: string }
  | { op: 'role'; userId: string; role: 'owner' | 'admin' | 'member' }
  | { op: 'join'; userId: string; name?: string }
  | { op: 'leave'; userId: string }
  | { op: 'clock'; at: Date }
  | { op: 'advance'; ms: number }
  | { op: 'image'; qr?: string; file?: string }
  | { op: 'sticker' }
  | { op: 'media'; kind: 'gif' | 'voice' | 'video' | 'file'; name?: string }
  | { op: 'edit'; messageId: string; text: string }
  | { op: 'card'; name: string }
  | { op: 'link'; url: string; title?: string }
  | { op: 'forward'; text: string }
  | { op: 'reply'; messageId: string; text: string }
  | { op: 'click'; data: string }
  | { op: 'dm'; text: string }
  | { op: 'help' }
  | { op: 'quit' }
  | { op: 'text'; text: string }
  | { op: 'blank' }
  | { op: 'invalid'; problem: string };

export const SHELL_HELP = `Simulator lines (anything else is a message from the current member):
  :group <id>                      switch to (or create) a group
  :as <userId> [name]              speak as this member
  :role <userId> owner|admin|member
  :join <userId> [name]            a member joins; :leave <userId> leaves
  :clock <ISO time with offset>    set the clock, e.g. 2026-11-24T09:00:00+08:00
  :advance <N>s|m|h|d              move the clock, running jobs that fall due
  :image [qr:<payload> | file:<path>]    a picture (file: a real PNG/JPEG, scanned for QR codes)
  :sticker  :card <name>  :link <url> [title]  :forward <text>
  :gif  :voice  :video  :file <name>
  :reply <messageId> <text>        :click <buttonData>
  :edit <messageId> <text>         the member who wrote that message edits it (as on Telegram)
  :dm <text>                       the current member writes to the bot privately
  :help  :quit`;

const DURATION_RE = /^(\d+)(s|m|h|d)$/;
const UNIT = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseShellLine(line: string): ShellLine {
  const text = line.trim();
  if (!text) return { op: 'blank' };
  if (!text.startsWith(':')) return { op: 'text', text };
  const [head = '', ...rest] = text.slice(1).split(/\s+/);
  const arg = text.slice(1 + head.length).trim();
  const [first, ...more] = rest;
  const need = (ok: boolean, usage: string): ShellLine | undefined => (ok ? undefined : { op: 'invalid', problem: `usage: ${usage}` });
  switch (head) {
    case 'group':
      return need(!!first, ':group <id>') ?? { op: 'group', groupId: first! };
    case 'as':
      return need(!!first, ':as <userId> [name]') ?? { op: 'as', userId: first!, ...(more.length ? { name: more.join(' ') } : {}) };
    case 'role': {
      const role = more[0];
      if (!first || (role !== 'owner' && role !== 'admin' && role !== 'member')) return { op: 'invalid', problem: 'usage: :role <userId> owner|admin|member' };
      return { op: 'role', userId: first, role };
    }
    case 'join':
      return need(!!first, ':join <userId> [name]') ?? { op: 'join', userId: first!, ...(more.length ? { name: more.join(' ') } : {}) };
    case 'leave':
      return need(!!first, ':leave <userId>') ?? { op: 'leave', userId: first! };
    case 'clock': {
      const at = new Date(arg);
      if (!ISO_WITH_OFFSET.test(arg) || Number.isNaN(at.getTime())) return { op: 'invalid', problem: 'usage: :clock <ISO-8601 time with offset>, e.g. 2026-11-24T09:00:00+08:00' };
      // No platform dates a message in year 1: calendars and schedules are not made for it.
      if (at.getUTCFullYear() < 2000 || at.getUTCFullYear() > 2999) return { op: 'invalid', problem: ':clock takes a time between the years 2000 and 2999' };
      return { op: 'clock', at };
    }
    case 'advance': {
      const m = DURATION_RE.exec(arg);
      if (!m) return { op: 'invalid', problem: 'usage: :advance <N>s|m|h|d' };
      const ms = Number(m[1]) * UNIT[m[2] as keyof typeof UNIT];
      if (ms > 366 * UNIT.d) return { op: 'invalid', problem: ':advance moves at most 366 days at a time' };
      return { op: 'advance', ms };
    }
    case 'image':
      if (!arg) return { op: 'image' };
      if (arg.startsWith('qr:')) return { op: 'image', qr: arg.slice(3) };
      if (arg.startsWith('file:') && arg.length > 5) return { op: 'image', file: arg.slice(5) };
      return { op: 'invalid', problem: 'usage: :image [qr:<payload> | file:<path>]' };
    case 'sticker':
      return { op: 'sticker' };
    case 'gif':
    case 'voice':
    case 'video':
      return { op: 'media', kind: head };
    case 'file':
      return need(!!arg, ':file <name>') ?? { op: 'media', kind: 'file', name: arg };
    case 'edit': {
      const body = arg.slice((first ?? '').length).trim();
      return need(!!first && !!body, ':edit <messageId> <text>') ?? { op: 'edit', messageId: first!, text: body };
    }
    case 'card':
      return need(!!arg, ':card <name>') ?? { op: 'card', name: arg };
    case 'link':
      return need(!!first, ':link <url> [title]') ?? { op: 'link', url: first!, ...(more.length ? { title: more.join(' ') } : {}) };
    case 'forward':
      return need(!!arg, ':forward <text>') ?? { op: 'forward', text: arg };
    case 'reply': {
      const body = arg.slice((first ?? '').length).trim();
      return need(!!first && !!body, ':reply <messageId> <text>') ?? { op: 'reply', messageId: first!, text: body };
    }
    case 'click':
      return need(!!arg, ':click <buttonData>') ?? { op: 'click', data: arg };
    case 'dm':
      return need(!!arg, ':dm <text>') ?? { op: 'dm', text: arg };
    case 'help':
      return { op: 'help' };
    case 'quit':
    case 'exit':
      return { op: 'quit' };
    default:
      return { op: 'invalid', problem: `unknown simulator line ":${head}" (try :help)` };
  }
}
