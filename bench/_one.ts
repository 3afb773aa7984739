import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import { parseConfig } from '../src/config/load.js';
import { silentLogger } from '../src/log.js';
import { openApp } from '../src/main.js';
import { SimulatedClock } from '../src/time/clock.js';
class Noop { platform = 'telegram'; capabilities = SIMULATED.telegram; async start() {} async perform() { return { ok: true }; } async stop() {} }
const clock = new SimulatedClock(); clock.set('2026-11-24T09:00:00+08:00');
const app = openApp({ config: parseConfig({}, 'x'), configFile: 'x', dbPath: join(mkdtempSync(join(tmpdir(), 'o-')), 'a.db'), clock, log: silentLogger, adapters: [new Noop() as any] });
await app.start();
const TEXTS = (process.env.TEXTS ?? '今天的作业大家交了吗|这个部署方案我觉得可以再讨论一下|哈哈哈哈|收到|请问第三章的练习在哪里|Good morning everyone|我下午晚点到|有人用过 SQLite 的 WAL 模式吗|打卡|谢谢分享').split('|');
const G = Number(process.env.G ?? 1);
const base = clock.now().getTime();
const N = 20000;
const ev = (i: number) => ({ type: 'message', platform: 'telegram', groupId: `-100${i % G}`, chat: 'group', eventId: `e${i}`, messageId: String(i), at: new Date(base + i * 100), sender: { id: String(1000 + (i % 60)), name: `成员${i % 60}` }, kind: 'text', text: `${TEXTS[i % TEXTS.length]} ${i % 97}` });
for (let r = 0; r < 2; r++) {
  const t = performance.now();
  for (let i = r * N; i < (r + 1) * N; i++) { await app.dispatch(ev(i) as any); if (i % 100 === 99) await new Promise((res) => setImmediate(res)); }
  console.log('msgs/s', Math.round(N / ((performance.now() - t) / 1000)));
}
await app.stop();
