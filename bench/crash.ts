// npm run bench:crash: the durable outbox under kill -9 and SIGTERM, with the real `steward start`
// against the fake Bot API on 127.0.0.1 at Telegram's default pacing (1 message a second and 20 a
// minute per group). Prints one JSON object per scenario. Takes several minutes: the pacing is real.
//
//   kill-9       ROUNDS (10) runs, each fed check-ins at RATE (2) a second into one group and
//                killed with SIGKILL at a random moment; then one last run drains the outbox.
//                Counts saved check-ins without their ✅ reply (lost) and replies sent twice.
//   sigterm-40   40 check-ins, SIGTERM while their replies are queued, a restart: all 40 arrive?
//   topic-behind a topic due behind a backlog of 40 replies, SIGTERM, a restart: posted once?
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { FakeBotApi, OWNER, groupText } from '../tests/support/fakeBotApi.js';
import { formatLocal } from '../src/time/calendar.js';

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const RATE = Number(process.env.RATE ?? 2);
const GROUP = -100777;
const root = resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface World {
  api: FakeBotApi;
  dir: string;
  config: string;
  db: string;
}

async function world(name: string): Promise<World> {
  const api = await new FakeBotApi().start();
  const dir = mkdtempSync(join(tmpdir(), `steward-crash-${name}-`));
  const db = join(dir, 'steward.db');
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ database: db, log: { level: 'warn' }, telegram: { token: '123:CRASH', apiRoot: api.apiRoot } }));
  return { api, dir, config, db };
}

async function startBot(w: World): Promise<ChildProcess> {
  const before = w.api.callsOf('getMe').length;
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), 'start', '--config', w.config], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await w.api.until((calls) => calls.filter((c) => c.method === 'getMe').length > before, 60_000);
  return child;
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

/** Pending outbox rows, read beside the running bot (WAL lets a second reader in). */
function outboxSize(db: string): number {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return d.prepare('SELECT COUNT(*) FROM outbox').pluck().get() as number;
  } catch {
    return 0;
  } finally {
    d.close();
  }
}

async function drained(w: World, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (outboxSize(w.db) === 0) return true;
    await sleep(500);
  }
  return false;
}

let member = 10_000;
/** A member's check-in, dated now (Telegram dates messages when they are sent). */
function checkin(w: World): { userId: number; messageId: number } {
  const userId = ++member;
  const update = w.api.push(groupText(GROUP, { id: userId, first_name: `m${userId}` }, '/checkin', { date: Math.floor(Date.now() / 1000) }));
  return { userId, messageId: update.message!.message_id };
}

/** ✅ replies per member message they answer. */
function confirmations(w: World): Map<number, number> {
  const byMessage = new Map<number, number>();
  for (const c of w.api.callsOf('sendMessage')) {
    if (!String(c.payload.text).startsWith('✅')) continue;
    const to = (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id;
    if (to !== undefined) byMessage.set(to, (byMessage.get(to) ?? 0) + 1);
  }
  return byMessage;
}

function savedCheckins(w: World): Set<string> {
  const d = new Database(w.db, { readonly: true });
  const rows = d.prepare('SELECT user_id FROM checkins').pluck().all() as string[];
  d.close();
  return new Set(rows);
}

async function close(w: World): Promise<void> {
  await w.api.stop();
  rmSync(w.dir, { recursive: true, force: true });
}

async function kill9(): Promise<void> {
  const w = await world('kill9');
  const sent: { userId: number; messageId: number }[] = [];
  const started = Date.now();
  for (let round = 0; round < ROUNDS; round++) {
    const bot = await startBot(w);
    const killAt = Date.now() + 3000 + Math.random() * 5000;
    while (Date.now() < killAt) {
      sent.push(checkin(w));
      await sleep(1000 / RATE);
    }
    bot.kill('SIGKILL');
    await exited(bot);
  }
  const bot = await startBot(w);
  const ok = await drained(w, 15 * 60_000);
  bot.kill('SIGTERM');
  await exited(bot);
  const saved = savedCheckins(w);
  const replies = confirmations(w);
  const lost = sent.filter((s) => saved.has(String(s.userId)) && !replies.has(s.messageId)).length;
  const twice = [...replies.values()].filter((n) => n > 1).length;
  console.log(
    JSON.stringify({
      bench: 'crash-kill-9',
      kills: ROUNDS,
      updatesPerSecond: RATE,
      checkinsSent: sent.length,
      checkinsSaved: saved.size,
      confirmedRepliesLost: lost,
      repliesSentTwice: twice,
      drained: ok,
      seconds: Math.round((Date.now() - started) / 1000),
      target: { lost: 0, sentTwice: 'at most one per kill: the message in flight when the process died' },
    }),
  );
  await close(w);
}

async function sigterm40(): Promise<void> {
  const w = await world('sigterm');
  let bot = await startBot(w);
  const sent = Array.from({ length: 40 }, () => checkin(w));
  await w.api.until(() => confirmations(w).size >= 1, 30_000);
  bot.kill('SIGTERM');
  const code = await exited(bot);
  const beforeRestart = confirmations(w).size;
  bot = await startBot(w);
  const ok = await drained(w, 10 * 60_000);
  bot.kill('SIGTERM');
  await exited(bot);
  const replies = confirmations(w);
  console.log(
    JSON.stringify({
      bench: 'crash-sigterm-40',
      queued: sent.length,
      deliveredBeforeStop: beforeRestart,
      exitCode: code,
      deliveredInAll: sent.filter((s) => replies.has(s.messageId)).length,
      sentTwice: [...replies.values()].filter((n) => n > 1).length,
      drained: ok,
      target: { deliveredInAll: 40 },
    }),
  );
  await close(w);
}

async function topicBehindBacklog(): Promise<void> {
  const w = await world('topic');
  let bot = await startBot(w);
  // The owner schedules a topic two minutes from now (the group's zone, Asia/Shanghai), then 40
  // members check in at once: the topic falls due behind their 40 queued replies.
  const due = new Date(Date.now() + 120_000);
  const [day, time] = formatLocal(due, 'Asia/Shanghai').split(' ');
  w.api.push(groupText(GROUP, OWNER, `/topic add ${day} ${time} 架构评审`, { date: Math.floor(Date.now() / 1000) }));
  await w.api.until(() => w.api.callsOf('sendMessage').length >= 1, 30_000);
  for (let i = 0; i < 40; i++) checkin(w);
  while (Date.now() < due.getTime() + 62_000) await sleep(1000); // the job ran; its post waits in line
  bot.kill('SIGTERM');
  await exited(bot);
  bot = await startBot(w);
  const ok = await drained(w, 10 * 60_000);
  bot.kill('SIGTERM');
  await exited(bot);
  const posts = w.api.callsOf('sendMessage').filter((c) => String(c.payload.text).includes('话题时间到')).length;
  const d = new Database(w.db, { readonly: true });
  const job = d.prepare("SELECT state FROM jobs WHERE kind = 'topics.open'").pluck().get();
  d.close();
  console.log(JSON.stringify({ bench: 'crash-topic-behind-backlog', backlog: 40, topicPosted: posts, jobState: job, drained: ok, target: { topicPosted: 1 } }));
  await close(w);
}

const only = process.env.SCENARIO;
if (!only || only === 'kill-9') await kill9();
if (!only || only === 'sigterm-40') await sigterm40();
if (!only || only === 'topic-behind') await topicBehindBacklog();
