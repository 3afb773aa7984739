// A WeChat world for tests: wechaty-puppet-mock, optionally served over gRPC by PuppetServer.
import { join } from 'node:path';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import * as PUPPET from 'wechaty-puppet';
import { WechatAdapter } from '../../adapters/wechat/index.js';
import type { App } from '../../src/app.js';
import { parseConfig } from '../../src/config/load.js';
import type { Feature } from '../../src/engine/registry.js';
import { silentLogger } from '../../src/log.js';
import { openApp } from '../../src/main.js';
import { buildFeatures } from '../../commands/index.js';
import { systemClock } from '../../src/time/clock.js';

export interface Said {
  to: string;
  text: string;
  mentions: string[];
}

/** Contacts and rooms of a mock WeChat account; `said` collects what the bot posted. */
export class WechatWorld {
  readonly mocker = new mock.Mocker();
  readonly puppet: PuppetMock;
  readonly me;
  readonly alice;
  readonly bob;
  readonly owner;
  readonly said: Said[] = [];
  readonly removed: { roomId: string; contactId: string }[] = [];

  constructor(autoLogin = true) {
    this.puppet = new PuppetMock({ mocker: this.mocker });
    this.me = this.mocker.createContact({ name: 'Steward' });
    this.alice = this.mocker.createContact({ name: 'Alice' });
    this.bob = this.mocker.createContact({ name: 'Bob' });
    this.owner = this.mocker.createContact({ name: 'Olga' });
    // The account logs in as soon as the puppet starts, like a service with a saved session.
    if (autoLogin) {
      this.mocker.use((m) => {
        m.login(this.me);
        return () => undefined;
      });
    }
    // What the bot sends, with the @mention ids the mock itself would drop.
    const sendText = this.puppet.messageSendText.bind(this.puppet);
    this.puppet.messageSendText = async (to: string, text: string, mentionIdList?: string[]) => {
      this.said.push({ to, text, mentions: mentionIdList ?? [] });
      return sendText(to, text);
    };
    const roomDel = this.puppet.roomDel.bind(this.puppet);
    this.puppet.roomDel = async (roomId: string, contactId: string) => {
      this.removed.push({ roomId, contactId });
      return roomDel(roomId, contactId);
    };
  }

  room(topic: string, ownerId?: string) {
    return this.mocker.createRoom({ topic, memberIdList: [this.me.id, this.alice.id, this.bob.id, this.owner.id], ownerId: ownerId ?? this.owner.id } as never);
  }

  /** A message of any kind from a member into a room. */
  emit(from: { id: string }, roomId: string, type: PUPPET.types.Message, text = '') {
    const msg = this.mocker.MessageMock.create({ id: `k${Math.random().toString(36).slice(2)}`, talkerId: from.id, roomId, timestamp: Date.now(), type, text } as never);
    this.puppet.emit('message', { messageId: msg.id });
  }
}

export { freePort } from './cli.js';

export async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface WechatRun {
  app: App;
  adapter: WechatAdapter;
  stop(): Promise<void>;
}

/** Steward with a WeChat adapter: in process over the mock, or over gRPC when `wechat` names an endpoint. */
export async function startWechat(o: {
  dir: string;
  world?: WechatWorld;
  wechat?: Record<string, unknown>;
  features?: Feature[];
  config?: Record<string, unknown>;
  terminal?: NodeJS.WritableStream;
}): Promise<WechatRun> {
  const config = parseConfig(
    {
      ...o.config,
      wechat: { puppet: o.world ? 'mock' : 'wechaty-puppet-service', rooms: ['产品群'], loginTimeoutSeconds: 10, pacing: { perRoomIntervalMs: 0, globalIntervalMs: 0 }, ...o.wechat },
    },
    'test',
  );
  const adapter = new WechatAdapter({
    config: config.wechat!,
    log: silentLogger,
    ...(o.world ? { createPuppet: () => o.world!.puppet } : {}),
    ...(o.terminal ? { terminal: o.terminal } : {}),
  });
  const app = openApp({ config, configFile: 'test', dbPath: join(o.dir, 'wx.db'), clock: systemClock, log: silentLogger, adapters: [adapter], features: [...buildFeatures(), ...(o.features ?? [])] });
  try {
    await app.start();
  } catch (err) {
    app.store.db.close();
    throw err;
  }
  return {
    app,
    adapter,
    async stop() {
      await app.stop();
      app.store.db.close();
    },
  };
}
