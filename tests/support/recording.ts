// A platform stand-in that records what the bot did (Hubot's "dummy adapter").
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { App } from '../../src/app.js';
import { parseConfig } from '../../src/config/load.js';
import type { Action, ActionResult } from '../../src/engine/actions.js';
import type { InboundEvent, MessageEvent, Role } from '../../src/engine/events.js';
import type { Adapter, Capabilities, EventSink } from '../../src/engine/port.js';
import type { Feature } from '../../src/engine/registry.js';
import { silentLogger } from '../../src/log.js';
import { openApp } from '../../src/main.js';
import { ManualClock } from '../../src/time/clock.js';
import { SIMULATED } from '../../adapters/shell/capabilities.js';
import { urlsIn } from '../../src/features/adfilter/checks.js';

export class RecordingAdapter implements Adapter {
  readonly performed: Action[] = [];
  /** Each photo's bytes, read when it is sent (as a platform uploads it): the file may go after. */
  readonly pictures: Buffer[] = [];
  sink?: EventSink;
  constructor(
    readonly platform = 'test',
    readonly capabilities: Capabilities = SIMULATED.telegram,
  ) {}
  async start(sink: EventSink) {
    this.sink = sink;
  }
  async perform(action: Action): Promise<ActionResult> {
    this.performed.push(action);
    if (action.type === 'photo' && action.path) this.pictures.push(readFileSync(action.path));
    return { ok: true };
  }
  async stop() {}
  texts(): string[] {
    return this.performed.flatMap((a) => (a.type === 'send' || a.type === 'dm' ? [a.text] : []));
  }
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'steward-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh temporary directory for each test of the file, and the bots opened in it on a real
 * SQLite file: closed and removed after each test. Call once at the top of a test file.
 */
export function perTest(): { readonly dir: string; bot(o?: Omit<Parameters<typeof makeBot>[0], 'dbPath'> & { db?: string }): TestBot } {
  let tmp: ReturnType<typeof tempDir> | undefined;
  const bots: TestBot[] = [];
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) {
      // The checkpoint worker has its own connection: stopped first, or it may write the log's
      // files back into the folder while it is being removed (ENOTEMPTY).
      await b.app.checkpointer.stop().catch(() => undefined); // a test may have closed the database already (a simulated crash)
      try {
        b.close();
      } catch {}
    }
    tmp?.cleanup();
  });
  return {
    get dir() {
      return tmp!.dir;
    },
    bot(o = {}) {
      const { db = 'steward.db', ...rest } = o;
      const b = makeBot({ ...rest, dbPath: join(tmp!.dir, db) });
      bots.push(b);
      return b;
    },
  };
}

export interface TestBot {
  app: App;
  adapter: RecordingAdapter;
  clock: ManualClock;
  dbPath: string;
  /** A text message in group "g1" from a member; returns the actions the engine decided. */
  say(from: string, text: string, opts?: { role?: Role; group?: string; chat?: 'group' | 'private' }): Promise<Action[]>;
  dispatch(event: InboundEvent): Promise<Action[]>;
  close(): void;
}

let seq = 0;

/**
 * A text message in a group (default "g1") on the test platform, with a fresh id; its links are
 * handed over as Telegram's url entities and WeChat's link extraction would.
 */
export function textEvent(
  from: string,
  text: string,
  at: Date,
  opts: { role?: Role; group?: string; chat?: 'group' | 'private'; id?: string; extra?: Partial<MessageEvent> } = {},
): MessageEvent {
  const id = opts.id ?? `m${++seq}`;
  const urls = urlsIn(text);
  return {
    type: 'message',
    platform: 'test',
    groupId: opts.group ?? 'g1',
    chat: opts.chat ?? 'group',
    eventId: id,
    messageId: id,
    at,
    sender: { id: from, name: from, ...(opts.role ? { role: opts.role } : {}) },
    kind: 'text',
    text,
    ...(urls.length ? { urls } : {}),
    ...opts.extra,
  };
}

/** Members joining a group (default "g1"), with a fresh event id. */
export function joinEvent(members: string[], at: Date, opts: { group?: string; inviter?: string } = {}): InboundEvent {
  return {
    type: 'memberJoined',
    platform: 'test',
    groupId: opts.group ?? 'g1',
    eventId: `j${++seq}`,
    at,
    members: members.map((id) => ({ id, name: id })),
    ...(opts.inviter ? { inviter: { id: opts.inviter, name: opts.inviter } } : {}),
  };
}

export function makeBot(o: {
  dbPath: string;
  features?: Feature[];
  config?: Record<string, unknown>;
  capabilities?: Capabilities;
  clock?: ManualClock;
  start?: boolean;
}): TestBot {
  const clock = o.clock ?? new ManualClock('2026-11-24T09:00:00+08:00');
  const adapter = new RecordingAdapter('test', o.capabilities);
  const config = parseConfig(o.config ?? {}, 'test-config');
  const app = openApp({ config, configFile: 'test-config', dbPath: o.dbPath, clock, log: silentLogger, adapters: [adapter], features: o.features, strictDecisions: true });
  const bot: TestBot = {
    app,
    adapter,
    clock,
    dbPath: o.dbPath,
    dispatch: (event) => delivered(app, app.dispatch(event)),
    say: (from, text, opts = {}) => delivered(app, app.dispatch(textEvent(from, text, clock.now(), opts))),
    close: () => app.store.db.close(),
  };
  return bot;
}

/** What the engine decided, once the outbox has delivered it (the recording adapter is instant). */
async function delivered<T>(app: App, decided: Promise<T>): Promise<T> {
  const result = await decided;
  await app.settled();
  return result;
}

/** The text of every send/reply among actions, and the caption of every picture. */
export const sentTexts = (actions: Action[]) => actions.flatMap((a) => (a.type === 'send' ? [a.text] : a.type === 'photo' && a.caption ? [a.caption] : []));
