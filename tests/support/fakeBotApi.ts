// A Telegram Bot API stand-in on 127.0.0.1 for tests: real HTTP, real Telegraf on the other side.
// It holds getUpdates open like the real server, records every call, and fails on request.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TgChatAdministrator, TgUpdate, TgUser } from '../../adapters/telegram/wire.js';

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  /** performance.now() when the request arrived. */
  at: number;
  /** Refused with 429 for going past Telegram's limits (enforceLimits). */
  refused?: boolean;
}

interface Failure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export const BOT: TgUser = { id: 999, is_bot: true, first_name: 'Steward', username: 'steward_bot' };
export const OWNER: TgUser = { id: 1, first_name: 'Olga' };

export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  /** Chat id → its administrators; unknown chats get OWNER as creator and the bot with all rights. */
  readonly admins = new Map<string, TgChatAdministrator[]>();
  private server?: Server;
  private updates: TgUpdate[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private waiting: (() => void)[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private readonly held = new Set<ServerResponse>();
  /** Chat id → how many members Telegram counts there (getChatMemberCount); unknown chats: 2. */
  readonly memberCounts = new Map<string, number>();
  private nextInvite = 1;
  /** Files the bot may download (getFile, then GET /file/bot<token>/<path>). */
  readonly files = new Map<string, Buffer>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.end(JSON.stringify({ ok: true, result: [] }));
    this.held.clear();
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  /** Queues an update for getUpdates; returns it with its update_id. */
  push(update: Omit<TgUpdate, 'update_id'>): TgUpdate {
    const full = { update_id: this.nextUpdateId++, ...update };
    this.updates.push(full);
    for (const wake of this.waiting.splice(0)) wake();
    return full;
  }

  /** Telegram's flood limits, when asked for: a message past them gets 429 and is counted here. */
  private limits?: { perChatPerMinute: number; globalPerSecond: number };
  refusedForFlood = 0;

  /** Answers like the real server past its limits: 429 with retry_after (20 messages a minute in a group, 30 a second in all). */
  enforceLimits(perChatPerMinute = 20, globalPerSecond = 30): this {
    this.limits = { perChatPerMinute, globalPerSecond };
    return this;
  }

  private overLimit(method: string, payload: Record<string, unknown>, at: number): number | undefined {
    if (!this.limits || (method !== 'sendMessage' && method !== 'sendPhoto')) return undefined;
    const sent = this.calls.filter((c) => (c.method === 'sendMessage' || c.method === 'sendPhoto') && c.at < at && !c.refused);
    const group = Number(payload.chat_id) < 0;
    const inChat = sent.filter((c) => c.payload.chat_id === payload.chat_id && at - c.at < 60_000).length;
    if (group && inChat >= this.limits.perChatPerMinute) return Math.ceil((60_000 - (at - sent.filter((c) => c.payload.chat_id === payload.chat_id).at(-this.limits.perChatPerMinute)!.at)) / 1000);
    if (sent.filter((c) => at - c.at < 1000).length >= this.limits.globalPerSecond) return 1;
    return undefined;
  }

  /** Makes the next `times` calls of a method fail with this error. */
  fail(method: string, failure: Failure, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits (bounded) until the recorded calls satisfy the condition. */
  async until(condition: (calls: ApiCall[]) => boolean, timeoutMs = 10_000): Promise<ApiCall[]> {
    const deadline = performance.now() + timeoutMs;
    while (!condition(this.calls)) {
      if (performance.now() > deadline) throw new Error(`condition not met; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.calls;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const download = /^\/file\/bot[^/]+\/files\/([\w-]+)$/.exec(req.url ?? '');
    if (download) {
      const bytes = this.files.get(download[1]!);
      this.calls.push({ method: 'download', payload: { fileId: download[1] }, at });
      if (!bytes) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
      return;
    }
    const m = /^\/bot[^/]+\/(\w+)$/.exec(req.url ?? '');
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const method = m?.[1] ?? '';
    let payload: Record<string, unknown> = {};
    const type = req.headers['content-type'] ?? '';
    if (type.includes('json') && body) payload = JSON.parse(body) as Record<string, unknown>;
    // Uploads come as multipart: record which parts arrived and how big, not the bytes.
    else if (type.includes('multipart')) payload = { multipart: true, bytes: body.length, parts: [...body.matchAll(/name="([^"]+)"/g)].map((m) => m[1]) };
    const retryAfter = this.overLimit(method, payload, at);
    if (method !== 'getUpdates') this.calls.push({ method, payload, at, ...(retryAfter !== undefined ? { refused: true } : {}) });
    if (retryAfter !== undefined) {
      this.refusedForFlood++;
      res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } }));
      return;
    }
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      res.writeHead(failure.error_code, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, ...failure }));
      return;
    }
    if (method === 'getUpdates') return this.getUpdates(payload, res);
    const result = this.answer(method, payload);
    if (result === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found: method not found' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
  }

  private getUpdates(payload: Record<string, unknown>, res: ServerResponse): void {
    const offset = Number(payload.offset ?? 0);
    // Like Telegram: an offset confirms every update before it.
    this.updates = this.updates.filter((u) => u.update_id >= offset);
    const reply = () => {
      this.held.delete(res);
      if (!res.writableEnded) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: this.updates.slice(0, 100) }));
    };
    if (this.updates.length || !Number(payload.timeout ?? 0)) return reply();
    // Hold the long poll until an update arrives or the client gives up.
    this.held.add(res);
    const wake = () => reply();
    this.waiting.push(wake);
    res.on('close', () => {
      this.held.delete(res);
      this.waiting = this.waiting.filter((w) => w !== wake);
    });
  }

  /** Hands out an update again as if it had never been confirmed (a crash before the offset moved). */
  redeliver(update: TgUpdate): void {
    this.updates.push(update);
    this.updates.sort((a, b) => a.update_id - b.update_id);
    for (const wake of this.waiting.splice(0)) wake();
  }

  private answer(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return BOT;
      case 'deleteWebhook':
      case 'setWebhook':
      case 'deleteMessage':
      case 'restrictChatMember':
      case 'banChatMember':
      case 'unbanChatMember':
      case 'answerCallbackQuery':
      case 'setMyCommands':
        return true;
      case 'sendMessage':
      case 'sendPhoto':
        return { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(p.chat_id), type: 'supergroup' }, text: p.text };
      case 'getChatAdministrators':
        return (
          this.admins.get(String(p.chat_id)) ?? [
            { status: 'creator', user: OWNER },
            { status: 'administrator', user: BOT, can_delete_messages: true, can_restrict_members: true },
          ]
        );
      case 'getChatMemberCount':
        return this.memberCounts.get(String(p.chat_id)) ?? 2;
      case 'createChatInviteLink':
        return { invite_link: `https://t.me/+fake${this.nextInvite++}`, creator: BOT, creates_join_request: false, is_primary: false, is_revoked: false, ...(p.member_limit ? { member_limit: p.member_limit } : {}) };
      case 'getFile': {
        const bytes = this.files.get(String(p.file_id));
        return bytes && { file_id: p.file_id, file_unique_id: p.file_id, file_size: bytes.length, file_path: `files/${String(p.file_id)}` };
      }
      case 'getChat':
        return { id: Number(p.chat_id), type: 'supergroup', permissions: { can_send_messages: true, can_send_photos: true, can_send_polls: false } };
      default:
        return undefined;
    }
  }
}

let messageSeq = 1;

/** A group text message as Telegram sends it; commands carry their bot_command entity. */
export function groupText(chatId: number, from: TgUser, text: string, extra: Record<string, unknown> = {}): Omit<TgUpdate, 'update_id'> {
  const command = /^\/\S+/.exec(text);
  return {
    message: {
      message_id: messageSeq++,
      date: Math.floor(Date.parse('2026-11-24T10:00:00+08:00') / 1000),
      chat: { id: chatId, type: chatId > 0 ? 'private' : 'supergroup', title: chatId > 0 ? undefined : `Group ${chatId}` },
      from,
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      ...extra,
    },
  };
}
