// The operator's own ad model: labeled rows from their own groups in, a model file out, with a
// cross-validated estimate of how it will do. The shipped model may only learn from sources whose
// terms allow redistribution; an operator's model never leaves their machine, so it may learn
// from whatever they have the right to use.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import type { SpamModel } from './classifier.js';
import { type Labeled, type SpamReport, countAt, crossValidatedScores, spamReport, trainSpamModel } from './evaluate.js';
import { cannotRead } from './models.js';
import { THRESHOLDS } from './settings.js';

/** Labeled data that cannot be used, each problem with its file and line. */
export class DataError extends Error {
  override name = 'DataError';
}

const MAX_PROBLEMS = 10;

/** Rows {"text", "label"} from JSONL files, the label one of `labels`; other fields are ignored. */
export function readLabeledRows(paths: readonly string[], labels: readonly [string, ...string[]]): Labeled[] {
  const row = z.object({ text: z.string('a string is required').min(1, 'is empty'), label: z.enum(labels, `must be ${labels.map((l) => `"${l}"`).join(' or ')}`) });
  const rows: Labeled[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch (err) {
      problems.push(cannotRead(path, err));
      continue;
    }
    content.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        problems.push(`${path}:${i + 1}: not valid JSON`);
        return;
      }
      const r = row.safeParse(value);
      if (r.success) rows.push(r.data);
      else problems.push(`${path}:${i + 1}: ${r.error.issues.map((x) => (x.path.length ? `${x.path.join('.')}: ${x.message}` : x.message)).join('; ')}`);
    });
  }
  if (problems.length) {
    const more = problems.length > MAX_PROBLEMS ? `\n… and ${problems.length - MAX_PROBLEMS} more` : '';
    throw new DataError(`${problems.slice(0, MAX_PROBLEMS).join('\n')}${more}`);
  }
  return rows;
}

/** Writes a model file whole or not at all: a crash mid-write leaves the old file in place. */
export function writeModel(path: string, model: SpamModel, sources: string[]): void {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(model.toFile(sources))}\n`);
  renameSync(partial, path);
}

/** Fewer examples of a side than this teach a model nothing it can be trusted with. */
export const MIN_EACH_LABEL = 20;

export interface TrainSummary {
  model: string;
  spam: number;
  ham: number;
  /** 5-fold cross-validation on the same rows, at the removal level of mode "on". */
  crossValidated: Omit<SpamReport, 'task' | 'messagesPerSecond'>;
}

/** `steward train`: fits the ad filter's text model on the operator's rows and writes it to `out`. */
export function trainOwnModel(paths: readonly string[], out: string): TrainSummary {
  const rows = readLabeledRows(paths, ['spam', 'ham']);
  const spam = rows.filter((r) => r.label === 'spam').length;
  const ham = rows.length - spam;
  if (spam < MIN_EACH_LABEL || ham < MIN_EACH_LABEL) {
    throw new DataError(`${spam} spam and ${ham} ham rows: at least ${MIN_EACH_LABEL} of each are needed to learn from`);
  }
  const cv = crossValidatedScores(rows);
  const { task: _task, messagesPerSecond: _speed, ...crossValidated } = spamReport(countAt(rows, cv.scores, THRESHOLDS.on.remove, cv.seconds));
  writeModel(out, trainSpamModel(rows), paths.map((p) => `operator data: ${basename(p)}`));
  return { model: out, spam, ham, crossValidated };
}
