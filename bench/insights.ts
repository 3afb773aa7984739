// /stats and /heatmap on a group of 5,000 members with a year of activity, and the cost of
// message handling while statistics are read. One JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseConfig } from '../src/config/load.js';
import type { Action, ActionResult } from '../src/engine/actions.js';
import type { Adapter, Capabilities } from '../src/engine/port.js';
import { silentLogger } from '../src/log.js';
import { openApp } from '../src/main.js';
import { ManualClock } from '../src/time/clock.js';
import { median, ms } from './support.js';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 5000);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);

class NullAdapter implements Adapter {
  readonly platform = 'bench';
  readonly capabilities: Capabilities = { deleteMessages: true, mute: true, kick: true, buttons: true, dm: true, photo: true, commandMenu: false, inviteLinks: false, bulk: { gapMs: 0, jitterMs: 0, perDay: 0 } };
  async start() {}
  async stop() {}
  async perform(a: Action): Promise<ActionResult> {
    if (a.type === 'photo' && a.path) pictures++;
    return { ok: true };
  }
}

let pictures = 0;
const dir = mkdtempSync(join(tmpdir(), 'steward-bench-insights-'));
try {
  const clock = new ManualClock('2026-11-24T21:00:00+08:00');
  const app = openApp({ config: parseConfig({}, 'bench'), configFile: 'bench', dbPath: join(dir, 'i.db'), clock, log: silentLogger, adapters: [new NullAdapter()] });
  await app.start();
  const g = { platform: 'bench', groupId: 'big' };
  app.store.groups.ensure(g, 0);
  const db = app.store.db;
  const now = clock.now().getTime();
  const member = db.prepare('INSERT INTO members (platform, group_id, user_id, name, first_seen, joined_at, inviter_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const activity = db.prepare('INSERT OR IGNORE INTO activity (platform, group_id, hour, user_id, kind, count) VALUES (?, ?, ?, ?, ?, ?)');
  const checkin = db.prepare('INSERT OR IGNORE INTO checkins (platform, group_id, user_id, day, at, seq) VALUES (?, ?, ?, ?, ?, 1)');
  const seedStart = process.hrtime.bigint();
  let rows = 0;
  db.transaction(() => {
    for (let u = 0; u < MEMBERS; u++) {
      const joined = now - DAYS * 86_400_000 - (u % 30) * 86_400_000 + (u % 10 === 0 ? (DAYS - 40) * 86_400_000 : 0);
      member.run('bench', 'big', `u${u}`, `成员${u}`, joined, joined, u > 10 ? `u${u % 10}` : null);
      // Members differ: some speak most days, many rarely, a few never.
      const every = 1 + (u % 9);
      for (let d = 0; d < DAYS; d += every) {
        const at = now - d * 86_400_000 - ((u * 37 + d * 13) % 14) * 3_600_000;
        if (at < joined) break;
        activity.run('bench', 'big', Math.floor(at / 3_600_000) * 3600, `u${u}`, 'text', 1 + ((u + d) % 5));
        rows++;
        if (d % 2 === 0) checkin.run('bench', 'big', `u${u}`, new Date(at + 8 * 3_600_000).toISOString().slice(0, 10), at);
      }
    }
  })();
  const seedMs = ms(seedStart);

  let seq = 0;
  const ask = async (text: string, runs = 7) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      await app.dispatch({
        type: 'message', platform: 'bench', groupId: 'big', chat: 'group', eventId: `q${++seq}`, messageId: `q${seq}`,
        at: clock.now(), sender: { id: 'owner', name: 'owner', role: 'owner' }, kind: 'text', text,
      });
      times.push(ms(t0));
    }
    return Number(median(times).toFixed(1));
  };
  const medianMs = { stats7d: await ask('/stats 7d'), stats30d: await ask('/stats 30d'), heatmap: await ask('/heatmap'), layers: await ask('/layers'), invites: await ask('/invites') };
  await app.settled();

  // Ten groups ask for /heatmap at once: the event loop's delay while their charts are drawn (ECharts
  // to SVG, resvg to PNG) and delivered, against the same measure with nothing to draw.
  const groups = Array.from({ length: 10 }, (_, i) => ({ platform: 'bench', groupId: `g${i}` }));
  db.transaction(() => {
    for (const gr of groups) {
      app.store.groups.ensure(gr, 0);
      for (let h = 0; h < 28 * 24; h += 3) activity.run('bench', gr.groupId, Math.floor(now / 3_600_000 - h) * 3600, `u${h % 50}`, 'text', 1 + (h % 7));
    }
  })();
  const loopDelay = async (work: () => Promise<unknown>) => {
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    const t0 = process.hrtime.bigint();
    await work();
    const wallMs = ms(t0);
    h.disable();
    return { wallMs: Math.round(wallMs), p99Ms: Number((h.percentile(99) / 1e6).toFixed(1)), maxMs: Number((h.max / 1e6).toFixed(1)) };
  };
  pictures = 0;
  const idle = await loopDelay(() => new Promise((r) => setTimeout(r, 300)));
  const heatmaps = await loopDelay(async () => {
    await Promise.all(groups.map((gr) => app.dispatch({
      type: 'message', platform: 'bench', groupId: gr.groupId, chat: 'group', eventId: `h${++seq}`, messageId: `h${seq}`,
      at: clock.now(), sender: { id: 'owner', name: 'owner', role: 'owner' }, kind: 'text', text: '/heatmap',
    })));
    await app.settled();
  });
  await app.stop();
  db.close();
  console.log(
    JSON.stringify({
      bench: 'insights',
      members: MEMBERS,
      days: DAYS,
      activityRows: rows,
      seedMs: Math.round(seedMs),
      medianMs,
      target: 'well under a second',
      meetsTarget: Object.values(medianMs).every((v) => v < 1000),
      tenHeatmapsAtOnce: { drawn: pictures, eventLoopDelay: heatmaps, idleEventLoopDelay: idle },
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
