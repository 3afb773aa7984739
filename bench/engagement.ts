// Check-ins at scale: 100,000 check-ins across 1,000 groups through the whole engine, and the
// latency of /rank and /me on a group of 5,000 members with a year of history. One JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config/load.js';
import type { MessageEvent } from '../src/engine/events.js';
import { silentLogger } from '../src/log.js';
import { openApp } from '../src/main.js';
import { addDays } from '../src/time/calendar.js';
import { ManualClock } from '../src/time/clock.js';
import type { Action, ActionResult } from '../src/engine/actions.js';
import type { Adapter, Capabilities } from '../src/engine/port.js';
import { median, ms, rawInsertsPerSec } from './support.js';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 1000);
const PER_GROUP = Number(process.env.BENCH_PER_GROUP ?? 100);
const BIG = Number(process.env.BENCH_MEMBERS ?? 5000);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);

/** Counts what the bot would send; the platform is not what is measured here. */
class NullAdapter implements Adapter {
  readonly platform = 'bench';
  readonly capabilities: Capabilities = { deleteMessages: true, mute: true, kick: true, buttons: true, dm: true, photo: true, commandMenu: false, inviteLinks: false, bulk: { gapMs: 0, jitterMs: 0, perDay: 0 } };
  sent = 0;
  async start() {}
  async stop() {}
  async perform(_a: Action): Promise<ActionResult> {
    this.sent++;
    return { ok: true };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'steward-bench-engagement-'));
try {
  const clock = new ManualClock('2026-11-24T09:00:00+08:00');
  const adapter = new NullAdapter();
  const app = openApp({ config: parseConfig({}, 'bench'), configFile: 'bench', dbPath: join(dir, 'e.db'), clock, log: silentLogger, adapters: [adapter] });
  await app.start();
  let seq = 0;
  const say = (groupId: string, userId: string, text: string): MessageEvent => ({
    type: 'message', platform: 'bench', groupId, chat: 'group', eventId: `e${++seq}`, messageId: `e${seq}`,
    at: clock.now(), sender: { id: userId, name: `成员${userId}` }, kind: 'text', text,
  });

  // 1. 100,000 check-ins across 1,000 groups.
  const raw = rawInsertsPerSec(dir, 20_000);
  const started = process.hrtime.bigint();
  for (let m = 0; m < PER_GROUP; m++) {
    for (let g = 0; g < GROUPS; g++) await app.dispatch(say(`g${g}`, `u${m}`, '打卡'));
  }
  const checkinMs = ms(started);
  const checkins = GROUPS * PER_GROUP;
  const counted = app.store.db.prepare('SELECT COUNT(*) FROM checkins').pluck().get() as number;
  if (counted !== checkins) throw new Error(`expected ${checkins} check-ins, found ${counted}`);

  // 2. A group of 5,000 members with a year of history, written directly (set-up, not measured).
  const big = { platform: 'bench', groupId: 'big' };
  app.store.groups.ensure(big, 0);
  const today = '2026-11-24';
  const db = app.store.db;
  const insertDay = db.prepare('INSERT INTO checkins (platform, group_id, user_id, day, at, seq) VALUES (?, ?, ?, ?, ?, ?)');
  const insertFig = db.prepare('INSERT INTO engagement (platform, group_id, user_id, name, total, streak, longest, last_day, points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertMember = db.prepare('INSERT INTO members (platform, group_id, user_id, name, first_seen) VALUES (?, ?, ?, ?, 0)');
  const seedStart = process.hrtime.bigint();
  db.transaction(() => {
    for (let u = 0; u < BIG; u++) {
      // Members check in on a share of days that varies between them.
      const every = 1 + (u % 7);
      let total = 0;
      for (let d = DAYS; d >= 1; d--) {
        if (d % every) continue;
        insertDay.run('bench', 'big', `b${u}`, addDays(today, -d), 0, 1 + (u % 100));
        total++;
      }
      insertMember.run('bench', 'big', `b${u}`, `成员${u}`);
      insertFig.run('bench', 'big', `b${u}`, `成员${u}`, total, u % 30, 30 + (u % 50), addDays(today, -1), total * 10 + (u % 97));
    }
  })();
  const seedMs = ms(seedStart);
  const historyRows = db.prepare("SELECT COUNT(*) FROM checkins WHERE group_id = 'big'").pluck().get() as number;

  const latency = async (text: string, runs = 15) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      await app.dispatch(say('big', `b${(i * 331) % BIG}`, text));
      times.push(ms(t0));
    }
    return Number(median(times).toFixed(3));
  };
  const rank = {
    today: await latency('/rank today'),
    week: await latency('/rank week'),
    all: await latency('/rank all'),
    streak: await latency('/rank streak'),
    points: await latency('/rank points'),
    me: await latency('/me'),
    checkin: await latency('打卡'),
  };
  await app.stop();
  app.store.db.close();
  console.log(
    JSON.stringify({
      bench: 'engagement',
      checkins,
      groups: GROUPS,
      checkinsPerSec: Math.round(checkins / (checkinMs / 1000)),
      microsecondsPerCheckin: Number(((checkinMs * 1000) / checkins).toFixed(1)),
      rawInsertsPerSec: Math.round(raw),
      bigGroup: { members: BIG, days: DAYS, historyRows, seedMs: Math.round(seedMs) },
      medianMs: rank,
      target: 'rank well under a second',
      meetsTarget: Object.values(rank).every((v) => v < 1000),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
