// npm run bench (soak): many groups, many distinct senders, a long run. Prints one JSON line per
// checkpoint as it goes (RSS, heap after GC, latency so far, cache sizes), then a summary with
// start-up times on the grown database and the throughput of spread traffic against one group's,
// each beside raw better-sqlite3 single-row inserts measured in the same run.
//
// SOAK_GROUPS (10,000), SOAK_MESSAGES (1,000,000), SOAK_SENDERS (600,000) set the size; SOAK_CONFIG
// (JSON) the configuration, to weigh other cache budgets. Run with
// --expose-gc for heap-after-GC figures (npm run bench does).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import type { App } from '../src/app.js';
import { parseConfig } from '../src/config/load.js';
import type { Action, ActionResult } from '../src/engine/actions.js';
import type { InboundEvent } from '../src/engine/events.js';
import type { Adapter, EventSink } from '../src/engine/port.js';
import { silentLogger } from '../src/log.js';
import { openApp } from '../src/main.js';
import { SimulatedClock } from '../src/time/clock.js';
import { median, rawInsertsPerSec } from './support.js';

const GROUPS = Number(process.env.SOAK_GROUPS ?? 10_000);
const MESSAGES = Number(process.env.SOAK_MESSAGES ?? 1_000_000);
const SENDERS = Number(process.env.SOAK_SENDERS ?? 600_000);
const REPORT_EVERY = Math.max(1, Math.floor(MESSAGES / 10));
/**
 * Updates arrive in batches (Telegram's getUpdates gives up to 100), each batch in its own turn of
 * the event loop: between them timers fire and the checkpoint worker's messages are read. Without
 * the turns, the whole run would be one turn and nothing but messages would ever run.
 */
const BATCH = 100;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** One scheduler tick per this many messages (about a second of a busy bot). */
const TICK_EVERY = 2_000;

/** Garbage-collection pauses over 10 ms: a stall that is not Steward's code is worth telling apart. */
const gcPauses: { at: number; ms: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.duration > 10) gcPauses.push({ at: e.startTime, ms: e.duration });
}).observe({ entryTypes: ['gc'] });
/** When the soak itself collected (for the heap-after-GC figure): those pauses are not a message's. */
const forced: [number, number][] = [];
const unforced = () => gcPauses.filter((p) => !forced.some(([from, to]) => p.at >= from && p.at <= to)).map((p) => round(p.ms, 1));

const dir = mkdtempSync(join(tmpdir(), 'steward-soak-'));
const gc = (globalThis as { gc?: () => void }).gc;

/** A platform that accepts everything at once: only Steward's own cost is measured. */
class NoopAdapter implements Adapter {
  readonly platform = 'telegram';
  readonly capabilities = SIMULATED.telegram;
  async start(_sink: EventSink) {}
  async perform(_action: Action): Promise<ActionResult> {
    return { ok: true };
  }
  async stop() {}
}

const TEXTS = ['今天的作业大家交了吗', '这个部署方案我觉得可以再讨论一下', '哈哈哈哈', '收到', '请问第三章的练习在哪里', 'Good morning everyone', '我下午晚点到', '有人用过 SQLite 的 WAL 模式吗', '打卡', '谢谢分享'];

function open(file: string, clock: SimulatedClock): { app: App; ms: number } {
  const start = process.hrtime.bigint();
  const app = openApp({ config: parseConfig(JSON.parse(process.env.SOAK_CONFIG ?? '{}'), 'soak'), configFile: 'soak', dbPath: file, clock, log: silentLogger, adapters: [new NoopAdapter()] });
  return { app, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function message(i: number, clock: SimulatedClock, groups: number, senders: number): InboundEvent {
  // The first `senders` messages each come from someone new; later ones from people seen before.
  const sender = i < senders ? i : (i * 7919) % senders;
  const group = sender % groups;
  return {
    type: 'message',
    platform: 'telegram',
    groupId: `-100${group}`,
    chat: 'group',
    eventId: `e${i}`,
    messageId: String(i),
    at: clock.now(),
    sender: { id: String(1_000_000 + sender), name: `成员${sender}` },
    kind: 'text',
    text: `${TEXTS[i % TEXTS.length]} ${i % 97}`,
  };
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/**
 * Message latencies as a histogram: 1 µs buckets to 10 ms, 0.1 ms buckets to 10 s (440 KB). A list
 * of a million times, and the sorted copy each report made, were 16 MB of the soak's own memory,
 * counted in the resident figure it reports.
 */
class Latencies {
  private readonly counts = new Uint32Array(110_000);
  private n = 0;
  max = 0;

  add(ms: number): void {
    const us = ms * 1000;
    this.counts[Math.min(this.counts.length - 1, us < 10_000 ? Math.floor(us) : 10_000 + Math.floor((us - 10_000) / 100))]!++;
    this.n++;
    this.max = Math.max(this.max, ms);
  }

  /** The p-th percentile in ms, to the bucket's width. */
  percentile(p: number): number {
    let seen = 0;
    for (let b = 0; b < this.counts.length; b++) {
      seen += this.counts[b]!;
      if (seen > p * this.n) return b < 10_000 ? b / 1000 : 10 + (b - 10_000) / 10;
    }
    return this.max;
  }
}
const round = (x: number, d = 3) => Number(x.toFixed(d));
const mb = (bytes: number) => round(bytes / 1048576, 1);

function memory(): { rssMB: number; heapMB: number; heapTotalMB: number; externalMB: number; anonMB: number; fileMB: number } {
  const from = performance.now();
  gc?.();
  forced.push([from, performance.now()]);
  const m = process.memoryUsage();
  // Linux splits resident memory into the program's own (anonymous) and mapped files (code, fonts).
  const status = existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '';
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMB: mb(m.rss), heapMB: mb(m.heapUsed), heapTotalMB: mb(m.heapTotal), externalMB: mb(m.external), anonMB: round(kb('RssAnon') / 1024, 1), fileMB: round(kb('RssFile') / 1024, 1) };
}

/**
 * Messages per second through app.dispatch on the grown database, just started (caches cold):
 * `groups` of its groups, from members it knows. Each run sends new messages (new ids).
 */
async function throughput(file: string, clock: SimulatedClock, n: number, groups: number, offset: number): Promise<number> {
  const { app } = open(file, clock);
  await app.start();
  // Senders it knows (sender s is in group s % GROUPS): all over, or the first group's alone.
  const perGroup = Math.max(1, Math.floor(SENDERS / GROUPS));
  const sender = (i: number) => (groups === 1 ? (i % perGroup) * GROUPS : (i * 7919) % SENDERS);
  // A tenth of a second apart: in one group of 60 members each speaks every six seconds, as a lively
  // group does (all at the same instant, flood control would rightly stop them, and the figure would
  // measure punishments).
  const base = clock.now().getTime();
  const events = Array.from({ length: n }, (_, i) => ({ ...message(sender(i), clock, GROUPS, SENDERS), at: new Date(base + i * 100), eventId: `t${offset + i}`, messageId: String(offset + i) }));
  const start = process.hrtime.bigint();
  for (let i = 0; i < events.length; i++) {
    await app.dispatch(events[i]!);
    if (i % BATCH === BATCH - 1) await nextTurn();
  }
  app.store.activity.flush();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await app.stop();
  app.store.db.close();
  return n / seconds;
}

try {
  const file = join(dir, 'soak.db');
  const clock = new SimulatedClock();
  clock.set('2026-11-24T09:00:00+08:00');
  const fresh = open(file, clock);
  const { app } = fresh;
  let s = process.hrtime.bigint();
  await app.start();
  const startupEmptyMs = fresh.ms + Number(process.hrtime.bigint() - s) / 1e6;
  console.log(JSON.stringify({ bench: 'soak', phase: 'start', groups: GROUPS, messages: MESSAGES, senders: SENDERS, ...memory() }));

  const latency = new Latencies();
  /** The messages that took longest, for the summary: what stalls is worth a look. */
  const slow: { message: number; ms: number; kind: string }[] = [];
  let over10Ms = 0;
  const ticks: number[] = [];
  // Spread over a day: a message every ~86 ms of simulated time.
  const stepMs = Math.max(1, Math.floor(86_400_000 / MESSAGES));
  const runStart = process.hrtime.bigint();
  for (let i = 0; i < MESSAGES; i++) {
    const e = message(i, clock, GROUPS, SENDERS);
    s = process.hrtime.bigint();
    await app.dispatch(e);
    const ms = Number(process.hrtime.bigint() - s) / 1e6;
    latency.add(ms);
    if (ms > 10) {
      over10Ms++;
      slow.push({ message: i, ms: round(ms, 1), kind: e.type });
      if (slow.length > 1000) slow.splice(0, slow.length, ...slow.sort((a, b) => b.ms - a.ms).slice(0, 100));
    }
    clock.advance(stepMs);
    if (i % BATCH === BATCH - 1) await nextTurn();
    if (i % TICK_EVERY === TICK_EVERY - 1) {
      s = process.hrtime.bigint();
      await app.tick();
      ticks.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    if ((i + 1) % REPORT_EVERY === 0) {
      console.log(
        JSON.stringify({
          bench: 'soak',
          phase: 'running',
          messages: i + 1,
          ...memory(),
          p50Ms: round(latency.percentile(0.5)),
          p99Ms: round(latency.percentile(0.99)),
          maxMs: round(latency.max),
          walMB: mb(statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0),
          caches: app.cacheStats(),
        }),
      );
    }
  }
  const runSeconds = Number(process.hrtime.bigint() - runStart) / 1e9;
  if (process.env.SOAK_SNAPSHOT) (await import('node:v8')).writeHeapSnapshot(process.env.SOAK_SNAPSHOT);
  const checkpointStats = app.checkpointer.stats();
  await new Promise((resolve) => setImmediate(resolve)); // the observer's last entries
  const gcPausesInRun = unforced();
  await app.stop();
  const tickSorted = Float64Array.from(ticks).sort();
  const summary = { p50Ms: round(latency.percentile(0.5)), p99Ms: round(latency.percentile(0.99)), maxMs: round(latency.max), tickP99Ms: round(percentile(tickSorted, 0.99)), tickMaxMs: round(tickSorted[tickSorted.length - 1] ?? 0) };
  const final = memory();
  app.store.db.close();

  // Start-up on the grown database: nothing may scan a whole table.
  const again = open(file, clock);
  s = process.hrtime.bigint();
  await again.app.start();
  const startupGrownMs = again.ms + Number(process.hrtime.bigint() - s) / 1e6;
  await again.app.stop();
  again.app.store.db.close();

  // Spread traffic against one group's, both beside raw inserts, interleaved (this machine drifts).
  const N = 20_000;
  rawInsertsPerSec(dir, 2000);
  let offset = 10_000_000;
  await throughput(file, clock, 2000, 1, (offset += N));
  const raws: number[] = [];
  const one: number[] = [];
  const spread: number[] = [];
  for (let r = 0; r < 3; r++) {
    raws.push(rawInsertsPerSec(dir, N));
    one.push(await throughput(file, clock, N, 1, (offset += N)));
    spread.push(await throughput(file, clock, N, GROUPS, (offset += N)));
  }
  const raw = median(raws);
  console.log(
    JSON.stringify({
      bench: 'soak',
      phase: 'summary',
      groups: GROUPS,
      messages: MESSAGES,
      senders: SENDERS,
      messagesPerSec: Math.round(MESSAGES / runSeconds),
      ...summary,
      ...final,
      slowest: slow.sort((a, b) => b.ms - a.ms).slice(0, 5),
      over10Ms,
      gcPausesOver10Ms: gcPausesInRun.length,
      longestGcMs: Math.max(0, ...gcPausesInRun),
      checkpoints: checkpointStats,
      startupEmptyMs: round(startupEmptyMs, 1),
      startupGrownMs: round(startupGrownMs, 1),
      rawInsertsPerSec: Math.round(raw),
      oneGroupRatio: round(median(one) / raw),
      spreadRatio: round(median(spread) / raw),
      targets: { rssMB: 150, heapMB: 64, spreadRatio: 0.5, oneGroupRatio: 0.7, maxMs: 10, tickP99Ms: 10, startupMs: 500 },
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
