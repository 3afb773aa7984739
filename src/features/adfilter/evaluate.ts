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

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  seconds: number;
}

/** Counts right and wrong verdicts on labeled rows, and the time they took. */
export function countSpam(
  rows: { text: string; label: string }[],
  threshold: number,
  classifier?: { probability(text: string): number; threshold: number },
): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0, tn: 0, seconds: 0 };
  const started = process.hrtime.bigint();
  for (const r of rows) {
    const spam = isSpam(r.text, threshold, classifier);
    if (spam && r.label === 'spam') c.tp++;
    else if (spam) c.fp++;
    else if (r.label === 'spam') c.fn++;
    else c.tn++;
  }
  c.seconds = Number(process.hrtime.bigint() - started) / 1e9;
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
  return spamReport(countSpam(rows, threshold, classifier));
}
