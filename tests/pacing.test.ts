import { describe, expect, it } from 'vitest';
import { Outbox, type Timers } from '../adapters/pacing.js';
import { retryDelay } from '../adapters/telegram/execute.js';

/** Virtual time: timers fire only when the test advances the clock. */
class FakeTimers implements Timers {
  t = 0;
  private pending: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  now() {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number) {
    const id = ++this.seq;
    this.pending.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(id: unknown) {
    this.pending = this.pending.filter((p) => p.id !== id);
  }
  /** Runs every timer due within ms, letting promise callbacks settle in between. */
  async advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      await flush();
      this.pending.sort((a, b) => a.at - b.at);
      const next = this.pending[0];
      if (!next || next.at > end) break;
      this.pending.shift();
      this.t = next.at;
      next.fn();
    }
    this.t = end;
    await flush();
  }
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function recorder(timers: FakeTimers) {
  const sent: { chat: string; text: string; at: number }[] = [];
  return { sent, job: (chat: string, text: string) => async () => void sent.push({ chat, text, at: timers.now() }) };
}

describe('the outbound queue', () => {
  it('keeps one chat to one message per interval, in order', async () => {
    const timers = new FakeTimers();
    const box = new Outbox({ perChatIntervalMs: 1000, perChatPerMinute: 100, globalPerSecond: 100 }, () => undefined, timers);
    const { sent, job } = recorder(timers);
    for (let i = 0; i < 3; i++) void box.send('a', job('a', `m${i}`));
    await timers.advance(5000);
    expect(sent).toEqual([
      { chat: 'a', text: 'm0', at: 0 },
      { chat: 'a', text: 'm1', at: 1000 },
      { chat: 'a', text: 'm2', at: 2000 },
    ]);
  });

  it('holds a chat to twenty a minute', async () => {
    const timers = new FakeTimers();
    const box = new Outbox({ perChatIntervalMs: 0, perChatPerMinute: 20, globalPerSecond: 100 }, () => undefined, timers);
    const { sent, job } = recorder(timers);
    for (let i = 0; i < 25; i++) void box.send('a', job('a', `m${i}`));
    await timers.advance(59_000);
    expect(sent).toHaveLength(20);
    await timers.advance(2000);
    expect(sent).toHaveLength(25);
    expect(sent[20]!.at).toBe(60_000);
  });

  it('shares the overall rate fairly between chats (a broadcast to 40 groups)', async () => {
    const timers = new FakeTimers();
    const box = new Outbox({ perChatIntervalMs: 1000, perChatPerMinute: 20, globalPerSecond: 25 }, () => undefined, timers);
    const { sent, job } = recorder(timers);
    for (let g = 0; g < 40; g++) void box.send(`g${g}`, job(`g${g}`, 'news'));
    await timers.advance(999);
    expect(sent).toHaveLength(25);
    await timers.advance(1000);
    expect(sent).toHaveLength(40);
    for (const s of sent) expect(sent.filter((o) => o.at >= s.at && o.at < s.at + 1000).length).toBeLessThanOrEqual(25);
  });

  it('keeps a least gap between any two sends when asked (WeChat)', async () => {
    const timers = new FakeTimers();
    const box = new Outbox({ perChatIntervalMs: 3000, perChatPerMinute: 20, globalPerSecond: 100, globalIntervalMs: 1000 }, () => undefined, timers);
    const { sent, job } = recorder(timers);
    for (const room of ['r1', 'r2', 'r3']) void box.send(room, job(room, 'hi'));
    void box.send('r1', job('r1', 'again'));
    await timers.advance(10_000);
    expect(sent.map((s) => `${s.chat}:${s.text}@${s.at}`)).toEqual(['r1:hi@0', 'r2:hi@1000', 'r3:hi@2000', 'r1:again@3000']);
  });

  it('a 429 holds the chat for retry_after and resends the same message before the next', async () => {
    const timers = new FakeTimers();
    const box = new Outbox({ perChatIntervalMs: 0, perChatPerMinute: 100, globalPerSecond: 100 }, retryDelay, timers);
    const sent: string[] = [];
    let refuse = true;
    const first = box.send('a', async () => {
      if (refuse) {
        refuse = false;
        throw { response: { error_code: 429, parameters: { retry_after: 3 } } };
      }
      sent.push(`first@${timers.now()}`);
      return 'ok';
    });
    void box.send('a', async () => void sent.push(`second@${timers.now()}`));
    await timers.advance(2999);
    expect(sent).toEqual([]);
    await timers.advance(1);
    expect(sent).toEqual(['first@3000', 'second@3000']);
    await expect(first).resolves.toBe('ok');
  });

  it('a refusal that retrying cannot fix is given up, and the chat goes on', async () => {
    const timers = new FakeTimers();
    const box = new Outbox({ perChatIntervalMs: 0, perChatPerMinute: 100, globalPerSecond: 100 }, retryDelay, timers);
    const failing = box.send('a', async () => {
      throw { response: { error_code: 403, description: 'Forbidden: bot was blocked by the user' } };
    });
    const next = box.send('a', async () => 'delivered');
    await timers.advance(10);
    await expect(failing).rejects.toMatchObject({ response: { error_code: 403 } });
    await expect(next).resolves.toBe('delivered');
    await box.drained();
  });
});

describe('a queue that has sent to many chats', () => {
  it('forgets the chats quiet for a minute, so it does not grow with every chat it ever sent to', async () => {
    const timers = new FakeTimers();
    const box = new Outbox({ perChatIntervalMs: 0, perChatPerMinute: 20, globalPerSecond: 100_000 }, () => undefined, timers);
    const { sent, job } = recorder(timers);
    for (let i = 0; i < 5000; i++) void box.send(`a${i}`, job(`a${i}`, 'hi'));
    await timers.advance(120_000);
    for (let i = 0; i < 5000; i++) void box.send(`b${i}`, job(`b${i}`, 'hi'));
    await timers.advance(1000);
    expect(sent).toHaveLength(10_000);
    expect(box.chats).toBeLessThan(6000); // the first 5,000 went quiet and were swept
  });
});

describe('retry advice', () => {
  it('429 waits retry_after; 5xx and network errors back off; 4xx gives up', () => {
    expect(retryDelay({ response: { error_code: 429, parameters: { retry_after: 7 } } }, 1)).toBe(7000);
    expect(retryDelay({ response: { error_code: 502 } }, 1)).toBe(500);
    expect(retryDelay({ response: { error_code: 502 } }, 3)).toBe(2000);
    expect(retryDelay({ code: 'ECONNRESET' }, 2)).toBe(1000);
    expect(retryDelay({ response: { error_code: 400 } }, 1)).toBeUndefined();
    expect(retryDelay({ response: { error_code: 502 } }, 9)).toBeUndefined();
  });
});
