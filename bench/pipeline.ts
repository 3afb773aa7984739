// npm run bench: messages per second through the whole inbound pipeline (simulator line →
// event → parse → rules → activity ledger write), beside raw better-sqlite3 single-row inserts
// measured in the same run on the same disk. Prints one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShellSimulator } from '../adapters/shell/simulator.js';
import { parseConfig } from '../src/config/load.js';
import { silentLogger } from '../src/log.js';
import { openApp } from '../src/main.js';
import { SimulatedClock } from '../src/time/clock.js';

const N = Number(process.env.BENCH_MESSAGES ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'steward-bench-'));

import { median, rawInsertsPerSec } from './support.js';

let run = 0;
const rawInserts = (n: number) => rawInsertsPerSec(dir, n);

async function pipeline(n: number): Promise<number> {
  const file = join(dir, `steward-${++run}.db`);
  const clock = new SimulatedClock();
  clock.set('2026-11-24T09:00:00+08:00');
  // Readable mode: the simulator prints nothing for ordinary messages, as a platform would send nothing.
  const sim = new ShellSimulator({ imitate: 'telegram', json: false, color: false, clock, timeZone: 'Asia/Shanghai', write: () => {} });
  const app = openApp({ config: parseConfig({}, 'bench'), configFile: 'bench', dbPath: file, clock, log: silentLogger, adapters: [sim] });
  await app.start();
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    // 500 members in turn, ten messages each: within what flood control lets a person say.
    if (i % 10 === 0) lines.push(`:as user${(i / 10) % 500} 成员${(i / 10) % 500}`);
    lines.push(`今天的第 ${i} 条消息，大家讨论一下部署方案`);
    if (i % 1000 === 999) lines.push(':advance 10m');
  }
  const start = process.hrtime.bigint();
  for (const line of lines) await sim.feed(line);
  app.store.activity.flush(); // the last buffered counts are part of the work measured
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const ledger = app.store.db.prepare('SELECT SUM(count) FROM activity').pluck().get() as number;
  if (ledger !== n) throw new Error(`ledger holds ${ledger} messages, expected ${n}`);
  app.store.db.close();
  return n / seconds;
}

try {
  // Warm up both paths (JIT, page cache), then measure.
  rawInserts(2000);
  await pipeline(2000);
  // This machine's speed drifts between seconds: interleave three rounds of each and compare medians.
  const raws: number[] = [];
  const pipes: number[] = [];
  for (let round = 0; round < 3; round++) {
    raws.push(rawInserts(N));
    pipes.push(await pipeline(N));
  }
  const raw = median(raws);
  const piped = median(pipes);
  const ratio = piped / raw;
  console.log(
    JSON.stringify({
      bench: 'inbound-pipeline',
      messages: N,
      rawRounds: raws.map(Math.round),
      pipelineRounds: pipes.map(Math.round),
      pipelineMessagesPerSec: Math.round(piped),
      rawInsertsPerSec: Math.round(raw),
      ratio: Number(ratio.toFixed(3)),
      target: 0.5,
      meetsTarget: ratio >= 0.5,
      node: process.version,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
