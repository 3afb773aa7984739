import type { Db } from './db.js';

/** Normalizes what people type so that "真人", " 真人 " and "ＯＫ"/"ok" match. */
export function keywordForm(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

/**
 * Buttons rendered as "reply with keyword X" on platforms without buttons (WeChat). Typing the
 * keyword in the same chat counts as pressing the button.
 */
export class ButtonKeywordsRepo {
  private readonly insert;
  private readonly matchStmt;
  private readonly pruneStmt;
  private readonly chatsStmt;
  /** Chats with live keywords: ordinary messages elsewhere skip the lookup. */
  private readonly chats = new Set<string>();

  constructor(db: Db) {
    this.chatsStmt = db.prepare('SELECT DISTINCT platform, chat_id AS chat FROM button_keywords');
    this.loadChats();
    this.insert = db.prepare(`INSERT INTO button_keywords (platform, chat_id, keyword, data, expires_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (platform, chat_id, keyword, data) DO UPDATE SET expires_at = excluded.expires_at`);
    this.matchStmt = db.prepare('SELECT data FROM button_keywords WHERE platform = ? AND chat_id = ? AND keyword = ? AND expires_at > ? ORDER BY data');
    this.pruneStmt = db.prepare('DELETE FROM button_keywords WHERE expires_at <= ?');
  }

  add(platform: string, chatId: string, keyword: string, data: string, expiresAt: number): void {
    this.insert.run(platform, chatId, keywordForm(keyword), data, expiresAt);
    this.chats.add(`${platform}\u0000${chatId}`);
  }

  /** The button data a typed text presses, if it is a live keyword in that chat. */
  match(platform: string, chatId: string, text: string, now: number): string[] {
    if (text.length > 40 || !this.chats.has(`${platform}\u0000${chatId}`)) return [];
    return this.matchStmt.pluck().all(platform, chatId, keywordForm(text), now) as string[];
  }

  /** Drops expired keywords, and forgets the chats left without any (the set shrinks as the table does). */
  prune(now: number): void {
    if (this.pruneStmt.run(now).changes) this.loadChats();
  }

  /** How many chats have live keywords (for tests and the soak benchmark). */
  get liveChats(): number {
    return this.chats.size;
  }

  private loadChats(): void {
    this.chats.clear();
    for (const r of this.chatsStmt.all() as { platform: string; chat: string }[]) this.chats.add(`${r.platform}\u0000${r.chat}`);
  }
}
