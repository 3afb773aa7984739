// npm run train: the shipped spam model (models/spam-lr.json) from what may be shipped: the
// redistributable sources in ../shared/data and the project's own generated text (see
// bench/corpus/shipped.ts). The same data gives the same file, byte for byte.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { trainSpamModel } from '../src/features/adfilter/evaluate.js';
import { writeModel } from '../src/features/adfilter/training.js';
import { SHIPPABLE, shippedTrainingRows } from './corpus/shipped.js';

const DATA = resolve(process.env.STEWARD_DATA ?? join(import.meta.dirname, '..', '..', 'shared', 'data'));
if (!existsSync(DATA)) {
  console.error(`no labeled data at ${DATA} (set STEWARD_DATA)`);
  process.exit(1);
}
const { rows, tatoebaCredits } = shippedTrainingRows(DATA);
const model = trainSpamModel(rows);
const dir = join(import.meta.dirname, '..', 'models');
mkdirSync(dir, { recursive: true });
const out = join(dir, 'spam-lr.json');
const used = Object.keys(SHIPPABLE).filter((s) => rows.some((r) => r.source === s));
writeModel(out, model, used.map((s) => SHIPPABLE[s]!));
// CC-BY asks that each Tatoeba sentence's authors be credited wherever the work goes.
writeFileSync(join(dir, 'tatoeba-attribution.txt'), `Tatoeba sentences the shipped model learned from (CC-BY 2.0 FR), each with its authors:\n${tatoebaCredits.join('\n')}\n`);
const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).length;
console.log(JSON.stringify({ model: out, trainedOn: rows.length, spam: count((r) => r.label === 'spam'), ham: count((r) => r.label === 'ham'), bySource: Object.fromEntries(used.map((s) => [s, count((r) => r.source === s)])) }));
