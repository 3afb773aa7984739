// npm run eval: the ad filter on every labeled dev file in ../shared/data (see its README), as
// one JSON line per dataset and way of judging:
// - rules: the named checks alone;
// - shipped: the checks plus the shipped model (models/spam-lr.json, trained on redistributable
//   sources only; optimistic on the sources it learned from);
// - cv5: the checks plus a model trained on 4/5 of the file and scored on the other 1/5, five
//   times (evaluation use of every source, research-only ones included).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ModelFile, SpamModel } from '../src/features/adfilter/classifier.js';
import { type Counts, type SpamReport, countSpam, evaluateSpam, readJsonl, spamReport } from '../src/features/adfilter/evaluate.js';

const DATA = resolve(process.env.STEWARD_DATA ?? join(import.meta.dirname, '..', '..', 'shared', 'data'));
if (!existsSync(DATA)) {
  console.error(`no labeled data at ${DATA} (set STEWARD_DATA); nothing evaluated`);
  process.exit(1);
}
const threshold = Number(process.env.THRESHOLD ?? 0.85);
const modelThreshold = Number(process.env.MODEL_THRESHOLD ?? 0.8);
const shipped = SpamModel.fromFile(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'models', 'spam-lr.json'), 'utf8')) as ModelFile);

/** Five folds by position; their counts are summed into one report. */
function crossValidated(rows: { text: string; label: string }[]): SpamReport {
  const total: Counts = { tp: 0, fp: 0, fn: 0, tn: 0, seconds: 0 };
  for (let fold = 0; fold < 5; fold++) {
    const model = SpamModel.train(rows.filter((_, i) => i % 5 !== fold));
    const c = countSpam(rows.filter((_, i) => i % 5 === fold), threshold, { probability: (t) => model.probability(t), threshold: modelThreshold });
    for (const k of ['tp', 'fp', 'fn', 'tn', 'seconds'] as const) total[k] += c[k];
  }
  return spamReport(total);
}

for (const set of ['spam_sms_zh', 'spam_chat_zh', 'spam_en']) {
  const rows = readJsonl<{ text: string; label: string }>(join(DATA, set, 'dev.jsonl'));
  console.log(JSON.stringify({ dataset: set, judged: 'rules', threshold, ...evaluateSpam(rows, threshold) }));
  console.log(JSON.stringify({ dataset: set, judged: 'shipped', threshold, modelThreshold, ...evaluateSpam(rows, threshold, { probability: (t) => shipped.probability(t), threshold: modelThreshold }) }));
  console.log(JSON.stringify({ dataset: set, judged: 'cv5', threshold, modelThreshold, ...crossValidated(rows) }));
}
