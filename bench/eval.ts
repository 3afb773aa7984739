// npm run eval: the ad filter on every labeled dev file in ../shared/data (see its README).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evaluateSpam, readJsonl } from '../src/features/adfilter/evaluate.js';

const DATA = resolve(process.env.STEWARD_DATA ?? join(import.meta.dirname, '..', '..', 'shared', 'data'));
if (!existsSync(DATA)) {
  console.error(`no labeled data at ${DATA} (set STEWARD_DATA); nothing evaluated`);
  process.exit(1);
}
const threshold = Number(process.env.THRESHOLD ?? 0.85);
for (const set of ['spam_sms_zh', 'spam_chat_zh', 'spam_en']) {
  // spam_sms_zh masked every digit of its spam as x; mask everything alike so digits tell nothing.
  const rows = readJsonl<{ text: string; label: string }>(join(DATA, set, 'dev.jsonl')).map((r) => (set === 'spam_sms_zh' ? { ...r, text: r.text.replace(/[0-9]/g, 'x') } : r));
  console.log(JSON.stringify({ dataset: set, threshold, ...evaluateSpam(rows, threshold) }));
}
