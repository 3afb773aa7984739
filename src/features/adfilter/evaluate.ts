import { readFileSync } from 'node:fs';
import { type Suspect, judge } from './checks.js';

export interface SpamReport {
  task: 'spam';
  n: number;
  precision: number;
  recall: number;
  f1: number;
  falsePositiveRate: number;
  messagesPerSecond: number;
}

const URL_RE = /\bhttps?:\/\/[^\s]+|\bwww\.[^\s]+|\bt\.me\/[^\s]+/gi;

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** How a message would be judged: the rule checks' verdict, and optionally the classifier's probability. */
export function isSpam(text: string, threshold: number, classifier?: { probability(text: string): number; threshold: number }): boolean {
  const suspect: Suspect = { kind: 'text', text, urls: text.match(URL_RE) ?? [], newcomer: false, allowDomains: [], blockWords: [], sameTextElsewhere: 0 };
  if (judge(suspect).score >= threshold) return true;
  return !!classifier && classifier.probability(text) >= classifier.threshold;
}

/**
 * Scores labeled rows {text, label: spam|ham} with the filter as a group would run it: a text
 * message from a member with history, nothing allowed, no block words. `threshold` is the verdict
 * score from which the filter removes a message.
 */
export function evaluateSpam(
  rows: { text: string; label: string }[],
  threshold: number,
  classifier?: { probability(text: string): number; threshold: number },
): SpamReport {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const started = process.hrtime.bigint();
  for (const r of rows) {
    const spam = isSpam(r.text, threshold, classifier);
    if (spam && r.label === 'spam') tp++;
    else if (spam) fp++;
    else if (r.label === 'spam') fn++;
    else tn++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const round = (x: number) => Number(x.toFixed(4));
  return {
    task: 'spam',
    n: rows.length,
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    falsePositiveRate: round(fp + tn ? fp / (fp + tn) : 0),
    messagesPerSecond: Math.round(rows.length / seconds),
  };
}
