// npm run train: the shipped spam model, from the dev files in ../shared/data whose terms allow
// redistribution (see ../shared/data/README.md). Research-only sources are for evaluation only.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readJsonl, trainSpamModel } from '../src/features/adfilter/evaluate.js';
import { writeModel } from '../src/features/adfilter/training.js';

/** Sources a shipped model may learn from, with the terms that allow it. */
export const REDISTRIBUTABLE: Record<string, string> = {
  qq_mc_group: 'siuank/ADDetector4J, MIT, Copyright (c) 2024 落叶 (dataset credited to hsn8086, samples from loyisa)',
  qq_group_review: 'hhhhc-da/nonebot2-review, MIT, Copyright (c) 2026 ayasaki_nanoka',
  uci_sms_en: 'UCI SMS Spam Collection v.1, Almeida & Gómez Hidalgo (DocEng 2011): free with no limitations beyond the authors\u2019 copyright',
  tg_spam_umputun_ru_en: 'umputun/tg-spam, MIT, Copyright (c) 2023 Umputun',
};

const DATA = resolve(process.env.STEWARD_DATA ?? join(import.meta.dirname, '..', '..', 'shared', 'data'));
if (!existsSync(DATA)) {
  console.error(`no labeled data at ${DATA} (set STEWARD_DATA)`);
  process.exit(1);
}
const rows = ['spam_chat_zh', 'spam_en'].flatMap((set) => readJsonl<{ text: string; label: string; source: string }>(join(DATA, set, 'dev.jsonl')));
const allowed = rows.filter((r) => r.source in REDISTRIBUTABLE);
const model = trainSpamModel(allowed);
mkdirSync(join(import.meta.dirname, '..', 'models'), { recursive: true });
const out = join(import.meta.dirname, '..', 'models', 'spam-lr.json');
writeModel(out, model, Object.values(REDISTRIBUTABLE));
console.log(JSON.stringify({ model: out, trainedOn: allowed.length, bySource: Object.fromEntries(Object.keys(REDISTRIBUTABLE).map((s) => [s, allowed.filter((r) => r.source === s).length])) }));
