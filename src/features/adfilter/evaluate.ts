import { readFileSync } from 'node:fs';
import { type TextScorer, cannotBeAdByText, judge, modelInput, urlsIn } from './checks.js';
import { foldOf } from '../../eval/folds.js';
import { SpamModel } from './classifier.js';

export interface SpamReport {
  task: 'spam';
  n: number;
  precision: number;
  recall: number;
  f1: number;
  falsePositiveRate: number;
  messagesPerSecond: number;
}

export interface Labeled {
  text: string;
  label: string;
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** A model from labeled rows {text, label: spam|ham}: what `npm run train` and the evaluations fit. */
export function trainSpamModel(rows: readonly Labeled[]): SpamModel {
  return SpamModel.train(rows.map((r) => ({ input: modelInput(r.text), spam: r.label === 'spam' })));
}

export const scorerOf = (model: SpamModel): TextScorer => (input) => model.probability(input);

/**
 * The verdict score the live filter gives a text message from a member with history, in a group
 * with nothing allowed and no block words: quick pass, checks and model, as in the rule.
 */
export function verdictScore(text: string, model?: TextScorer): number {
  const suspect = { kind: 'text', text, urls: urlsIn(text), newcomer: false, allowDomains: [], blockWords: [], sameTextElsewhere: 0 };
  return judge(suspect, { ...(model ? { model } : {}), quiet: cannotBeAdByText(suspect) }).score;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  seconds: number;
}

/** Verdict scores for labeled rows, and the time they took. */
export function scoreRows(rows: readonly Labeled[], model?: TextScorer): { scores: number[]; seconds: number } {
  const started = process.hrtime.bigint();
  const scores = rows.map((r) => verdictScore(r.text, model));
  return { scores, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/**
 * The best recall any threshold on the verdict score reaches while precision stays at least
 * `precision` (0 if none does): a point of the precision-recall curve, whatever the thresholds.
 */
export function recallAtPrecision(rows: readonly Labeled[], scores: readonly number[], precision: number): number {
  const order = scores.map((s, i) => [s, rows[i]!.label === 'spam'] as const).sort((a, b) => b[0] - a[0]);
  const spam = order.filter(([, isSpam]) => isSpam).length;
  let tp = 0;
  let fp = 0;
  let best = 0;
  for (let i = 0; i < order.length; i++) {
    if (order[i]![1]) tp++;
    else fp++;
    // Only where the next score differs is this a threshold anyone could set.
    if (i + 1 < order.length && order[i + 1]![0] === order[i]![0]) continue;
    if (tp / (tp + fp) >= precision) best = Math.max(best, spam ? tp / spam : 0);
  }
  return Number(best.toFixed(4));
}

/** Right and wrong verdicts when a score from `threshold` on counts as caught. */
export function countAt(rows: readonly Labeled[], scores: readonly number[], threshold: number, seconds: number): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0, tn: 0, seconds };
  rows.forEach((r, i) => {
    const spam = scores[i]! >= threshold;
    if (spam && r.label === 'spam') c.tp++;
    else if (spam) c.fp++;
    else if (r.label === 'spam') c.fn++;
    else c.tn++;
  });
  return c;
}

export function spamReport(c: Counts): SpamReport {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  const round = (x: number) => Number(x.toFixed(4));
  const n = c.tp + c.fp + c.fn + c.tn;
  return {
    task: 'spam',
    n,
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    falsePositiveRate: round(c.fp + c.tn ? c.fp / (c.fp + c.tn) : 0),
    messagesPerSecond: Math.round(n / Math.max(c.seconds, 1e-9)),
  };
}

const HAS_DIGIT = /[0-9]/;

/**
 * Whether the file's spam had every digit masked by its publisher while its ham kept them (the
 * spam_sms_zh quirk: "xxxxxxxxxxx" for a phone number in spam, real numbers in ham). Digits would
 * then give the label away, and to the checks backwards: a real phone number would mark ham.
 */
export function digitsMaskedInSpamOnly(rows: readonly Labeled[]): boolean {
  const share = (label: string) => {
    const side = rows.filter((r) => r.label === label);
    return side.length ? side.filter((r) => HAS_DIGIT.test(r.text)).length / side.length : 0;
  };
  return rows.filter((r) => r.label === 'spam').length >= 100 && share('spam') < 0.005 && share('ham') > 0.05;
}

/** Every digit as the publisher masked spam's: "x". */
export const maskDigits = (rows: readonly Labeled[]): Labeled[] => rows.map((r) => ({ ...r, text: r.text.replace(/[0-9]/g, 'x') }));

/** Precisions at which `steward eval` and `npm run eval` report the best recall. */
export const CURVE_PRECISIONS = [0.95, 0.97, 0.99] as const;

export interface FileReport extends SpamReport {
  /** The best recall at each of CURVE_PRECISIONS, whatever the threshold. */
  recallAtPrecision: Record<string, number>;
  /** Digits were masked on every row, as the file's spam had them masked (see digitsMaskedInSpamOnly). */
  digitsMasked: boolean;
}

/** A labeled file as `steward eval spam` reports it: at the removal level, and its curve. */
export function evaluateSpamFile(rows: readonly Labeled[], threshold: number, model?: TextScorer): FileReport {
  const digitsMasked = digitsMaskedInSpamOnly(rows);
  const judged = digitsMasked ? maskDigits(rows) : rows;
  const { scores, seconds } = scoreRows(judged, model);
  const recall = Object.fromEntries(CURVE_PRECISIONS.map((p) => [String(p), recallAtPrecision(judged, scores, p)]));
  return { ...spamReport(countAt(judged, scores, threshold, seconds)), recallAtPrecision: recall, digitsMasked };
}

/** Scores labeled rows {text, label: spam|ham}; a row counts as caught from `threshold` (the removal score). */
export function evaluateSpam(rows: readonly Labeled[], threshold: number, model?: TextScorer): SpamReport {
  const { scores, seconds } = scoreRows(rows, model);
  return spamReport(countAt(rows, scores, threshold, seconds));
}

/**
 * k-fold cross-validation, folds by split key (near-duplicates stay in one fold): a model fitted
 * on k−1 folds scores the k-th, so every row gets a score from a model that never saw it or its twins.
 */
export function crossValidatedScores(rows: readonly Labeled[], folds = 5): { scores: number[]; seconds: number } {
  const fold = rows.map((r) => foldOf(r.text, folds));
  const scores = new Array<number>(rows.length);
  let seconds = 0;
  for (let k = 0; k < folds; k++) {
    const model = trainSpamModel(rows.filter((_, i) => fold[i] !== k));
    const held = rows.map((r, i) => ({ r, i })).filter(({ i }) => fold[i] === k);
    const s = scoreRows(
      held.map(({ r }) => r),
      scorerOf(model),
    );
    held.forEach(({ i }, j) => {
      scores[i] = s.scores[j]!;
    });
    seconds += s.seconds;
  }
  return { scores, seconds };
}
