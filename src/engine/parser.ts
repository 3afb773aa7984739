// Turns message text into a command invocation, or undefined when it is ordinary talk.

export interface ParsedCommand {
  /** Canonical command name, lower case, without the slash. */
  name: string;
  /** What followed the command, trimmed, line breaks kept (for /setrules and the like). */
  args: string;
  argv: string[];
  /** The word the member typed: '/checkin', '打卡'. */
  typed: string;
}

export interface ParseOptions {
  /** The bot's username: `/cmd@otherbot` is left for the other bot. */
  botUsername?: string;
  /** Every name and alias usable after a slash → command name. */
  aliases: ReadonlyMap<string, string>;
  /**
   * Words that work without a slash (e.g. '打卡') → command name. Only these: an English command
   * name typed bare ("me too", "spam filter") is ordinary talk.
   */
  keywords: ReadonlyMap<string, string>;
}

// Hyphens are allowed so that /topic-words reads naturally; Telegram's own menu uses /topicwords.
const SLASH_RE = /^\/([A-Za-z][A-Za-z0-9_-]*)(?:@([A-Za-z0-9_]+))?(?=\s|$)([\s\S]*)$/;

export function splitArgs(args: string): string[] {
  return args.split(/\s+/).filter(Boolean);
}

export function parseCommand(raw: string, opts: ParseOptions): ParsedCommand | undefined {
  // Phones with Chinese keyboards type a full-width slash and full-width spaces.
  const text = raw.replace(/\u3000/g, ' ').trim().replace(/^／/, '/');
  if (!text) return undefined;
  if (text.startsWith('/')) {
    const m = SLASH_RE.exec(text);
    if (!m) return undefined;
    const [, name, target, rest] = m;
    if (target && opts.botUsername && target.toLowerCase() !== opts.botUsername.toLowerCase()) return undefined;
    const args = (rest ?? '').trim();
    const lower = name!.toLowerCase();
    // A deep link (t.me/<bot>?start=entry-3) arrives as "/start entry-3": it runs /entry 3.
    const deep = lower === 'start' ? /^([a-z]+)-([A-Za-z0-9_]{0,60})$/.exec(args) : null;
    if (deep && deep[1] !== 'start' && opts.aliases.has(deep[1]!)) return { name: opts.aliases.get(deep[1]!)!, args: deep[2]!, argv: splitArgs(deep[2]!), typed: `/${deep[1]}` };
    return { name: opts.aliases.get(lower) ?? lower, args, argv: splitArgs(args), typed: `/${lower}` };
  }
  // A keyword counts only as the whole first word: "打卡" and "打卡 读完第3章", never "打卡了吗".
  const m = /^#?(\S+)(?:\s+([\s\S]*))?$/.exec(text);
  if (!m) return undefined;
  const word = m[1]!;
  const name = opts.keywords.get(word) ?? opts.keywords.get(word.toLowerCase());
  if (!name) return undefined;
  const args = (m[2] ?? '').trim();
  return { name, args, argv: splitArgs(args), typed: word };
}
