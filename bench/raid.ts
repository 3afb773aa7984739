// The raid of issue 18 on the fake Bot API, through real Telegraf and the adapter's own pacing:
// 200 newcomers join within a minute and each posts an ad, while ten regular members check in.
// The fake answers as Telegram does past its limits (429 beyond 20 messages a minute in a group).
// Prints one JSON line: ads removed, regulars answered, the bot's messages to the group (the most
// in any minute), 429s met, and how long the bot took to settle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeBotApi, OWNER, groupText } from '../tests/support/fakeBotApi.js';
import { startTelegram } from '../tests/support/telegramBot.js';

const GROUP = -100_777;
const JOINS = 200;
const REGULARS = 10;
const dir = mkdtempSync(join(tmpdir(), 'steward-raid-'));
const api = (await new FakeBotApi().start()).enforceLimits();
const run = await startTelegram({ dir, api, telegram: { pacing: { perChatPerMinute: 20, perChatIntervalMs: 1000, globalPerSecond: 25 } } });
const base = Math.floor(Date.parse('2026-11-24T10:00:00+08:00') / 1000);
const at = (second: number) => ({ date: base + second });

// The regulars were here before: each said something an hour earlier.
const regulars = Array.from({ length: REGULARS }, (_, i) => ({ id: 5_000 + i, first_name: `Regular${i}` }));
for (const r of regulars) api.push(groupText(GROUP, r, '早上好', { date: base - 3600 }));
api.push(groupText(GROUP, OWNER, '/rules', { date: base - 3500 }));

const started = performance.now();
const ads: number[] = [];
const checkins: number[] = [];
for (let i = 0; i < JOINS; i++) {
  const second = (i * 60) / JOINS;
  const spammer = { id: 10_000 + i, first_name: `Promo${i}` };
  const join = groupText(GROUP, spammer, '', { ...at(second), text: undefined, new_chat_members: [spammer] });
  api.push(join);
  ads.push(api.push(groupText(GROUP, spammer, `兼职刷单日赚${500 + i}，加微信 ab${1000 + i} 详聊`, at(second))).message!.message_id);
  if (i % (JOINS / REGULARS) === 0) checkins.push(api.push(groupText(GROUP, regulars[checkins.length]!, '打卡', at(second))).message!.message_id);
}

const answered = () => {
  const replies = new Set(api.callsOf('sendMessage').filter((c) => !c.refused).map((c) => (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id));
  return checkins.filter((id) => replies.has(id)).length;
};
const removed = () => {
  const deleted = new Set(api.callsOf('deleteMessage').map((c) => c.payload.message_id));
  return ads.filter((id) => deleted.has(id)).length;
};
await api.until(() => removed() === JOINS && answered() === REGULARS, 180_000).catch(() => undefined);
const settledMs = Math.round(performance.now() - started);

const toGroup = api.callsOf('sendMessage').filter((c) => c.payload.chat_id === String(GROUP) && !c.refused).map((c) => c.at);
const mostInAMinute = Math.max(0, ...toGroup.map((t) => toGroup.filter((u) => u >= t && u - t < 60_000).length));
console.log(
  JSON.stringify({
    bench: 'raid',
    joins: JOINS,
    adsRemoved: removed(),
    regularsAnswered: `${answered()}/${REGULARS}`,
    botMessagesToGroup: toGroup.length,
    mostInAnyMinute: mostInAMinute,
    telegramLimitPerMinute: 20,
    refused429: api.refusedForFlood,
    restrictCalls: api.callsOf('restrictChatMember').length,
    settledMs,
  }),
);
await run.stop();
await api.stop();
rmSync(dir, { recursive: true, force: true });
