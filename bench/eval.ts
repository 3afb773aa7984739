// npm run eval: the ad filter on every labeled dev file in ../shared/data (see its README), one
// JSON line per dataset and way of judging, then a table:
// - rules: the named checks alone;
// - shipped: checks + the shipped model (models/spam-lr.json, redistributable sources only;
//   optimistic on the sources it learned from, blind to the others);
// - cv5: checks + a model fitted on 4/5 of the file and scored on the other 1/5, five times, folds
//   by the data's split key so near-duplicates stay on one side
//   (evaluation use of every source, research-only ones included): what the method does on
//   held-out data of the same sources.
// A message counts as caught when the filter would remove it (mode "on"; "strict" in its own rows;
// "flagged": removed or sent to the owner to decide).
// Then the off-topic judge on topic_tech_zh: rules alone (no topic words, no history), and 5-fold
// CV where the group's model learned from the other folds as its history; per category too.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CURVE_PRECISIONS, type SpamReport, countAt, crossValidatedScores, digitsMaskedInSpamOnly, evaluateSpam, evaluateSpamFile, maskDigits, readJsonl, scorerOf, spamReport } from '../src/features/adfilter/evaluate.js';
import { loadModel } from '../src/features/adfilter/models.js';
import { THRESHOLDS } from '../src/features/adfilter/settings.js';
import { type TopicReport, type TopicRow, crossValidatedTopic, judgeRows, topicReport } from '../src/features/workhours/evaluate.js';

const DATA = resolve(process.env.STEWARD_DATA ?? join(import.meta.dirname, '..', '..', 'shared', 'data'));
if (!existsSync(DATA)) {
  console.error(`no labeled data at ${DATA} (set STEWARD_DATA); nothing evaluated`);
  process.exit(1);
}
const shipped = scorerOf(loadModel());
const table: { dataset: string; judged: string; r: SpamReport }[] = [];
const curves: { dataset: string; at: number[] }[] = [];
const emit = (dataset: string, judged: string, r: SpamReport) => {
  table.push({ dataset, judged, r });
  console.log(JSON.stringify({ dataset, judged, ...r }));
};

for (const set of ['spam_sms_zh', 'spam_chat_zh', 'spam_en']) {
  const read = readJsonl<{ text: string; label: string }>(join(DATA, set, 'dev.jsonl'));
  // spam_sms_zh's publisher masked spam's digits only: every row is read masked alike.
  const rows = digitsMaskedInSpamOnly(read) ? maskDigits(read) : read;
  emit(set, 'rules', evaluateSpam(rows, THRESHOLDS.on.remove));
  // The shipped judgement, and its curve: the best recall at each precision, whatever the threshold.
  const { recallAtPrecision, digitsMasked: _, ...report } = evaluateSpamFile(rows, THRESHOLDS.on.remove, shipped);
  emit(set, 'shipped', report);
  curves.push({ dataset: set, at: CURVE_PRECISIONS.map((p) => recallAtPrecision[String(p)]!) });
  const cv = crossValidatedScores(rows);
  emit(set, 'cv5', spamReport(countAt(rows, cv.scores, THRESHOLDS.on.remove, cv.seconds)));
  emit(set, 'cv5 strict', spamReport(countAt(rows, cv.scores, THRESHOLDS.strict.remove, cv.seconds)));
  // Removed, or put before the owner (who decides with one tap; nobody is punished on a guess).
  emit(set, 'cv5 flagged', spamReport(countAt(rows, cv.scores, THRESHOLDS.on.review, cv.seconds)));
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
console.log(`\n${pad('dataset', 14)}${pad('judged', 13)}${pad('n', 8)}${pad('P', 8)}${pad('R', 8)}${pad('FPR', 8)}msgs/s`);
for (const { dataset, judged, r } of table) console.log(`${pad(dataset, 14)}${pad(judged, 13)}${pad(r.n, 8)}${pad(r.precision, 8)}${pad(r.recall, 8)}${pad(r.falsePositiveRate, 8)}${r.messagesPerSecond}`);

console.log(`\n${pad('shipped', 14)}${pad('R@P0.95', 10)}${pad('R@P0.97', 10)}R@P0.99`);
for (const c of curves) console.log(`${pad(c.dataset, 14)}${pad(c.at[0]!, 10)}${pad(c.at[1]!, 10)}${c.at[2]}`);

const topicRows = readJsonl<TopicRow>(join(DATA, 'topic_tech_zh', 'dev.jsonl'));
const topicTable: { judged: string; r: TopicReport }[] = [];
const emitTopic = (judged: string, r: TopicReport) => {
  topicTable.push({ judged, r });
  console.log(JSON.stringify({ dataset: 'topic_tech_zh', judged, ...r }));
};
const rulesOnly = judgeRows(topicRows);
emitTopic('rules', topicReport(topicRows, rulesOnly.offTopic, rulesOnly.seconds));
const cvTopic = crossValidatedTopic(topicRows);
emitTopic('cv5 history', topicReport(topicRows, cvTopic.offTopic, cvTopic.seconds));

console.log(`\n${pad('dataset', 14)}${pad('judged', 13)}${pad('n', 8)}${pad('on blocked', 12)}${pad('off caught', 12)}msgs/s`);
for (const { judged, r } of topicTable) console.log(`${pad('topic_tech_zh', 14)}${pad(judged, 13)}${pad(r.n, 8)}${pad(r.onTopicBlockedRate, 12)}${pad(r.offTopicCaughtRate, 12)}${r.messagesPerSecond}`);

// Per category: the share judged as its label says (on: let through; off: caught), with no
// history (a fresh group: the chit-chat signs alone) and with the group's model from the other folds.
const right = (offTopic: readonly boolean[]) => {
  const byCategory = new Map<string, { n: number; right: number; label: string }>();
  topicRows.forEach((r, i) => {
    const c = byCategory.get(r.category ?? '?') ?? { n: 0, right: 0, label: r.label };
    c.n++;
    if (offTopic[i] === (r.label === 'off')) c.right++;
    byCategory.set(r.category ?? '?', c);
  });
  return byCategory;
};
const fresh = right(rulesOnly.offTopic);
const learned = right(cvTopic.offTopic);
console.log(`\n${pad('category: judged right', 32)}${pad('label', 7)}${pad('n', 8)}${pad('no history', 12)}cv5 history`);
for (const [c, v] of [...learned].sort((a, b) => a[1].label.localeCompare(b[1].label) || b[1].n - a[1].n)) {
  console.log(`${pad(c, 32)}${pad(v.label, 7)}${pad(v.n, 8)}${pad((fresh.get(c)!.right / v.n).toFixed(3), 12)}${(v.right / v.n).toFixed(3)}`);
}
