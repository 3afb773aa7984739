import { foldOf } from '../../eval/folds.js';
import { judgeTopic } from './offTopic.js';
import { TopicModel, topicFeatures } from './topicModel.js';

export interface TopicReport {
  task: 'topic';
  n: number;
  onTopicBlockedRate: number;
  offTopicCaughtRate: number;
  messagesPerSecond: number;
}

export interface TopicRow {
  text: string;
  label: string;
  category?: string;
}

/** A group's model after it has seen these past messages, labeled {text, label: on|off}. */
export function modelFromHistory(history: readonly TopicRow[]): TopicModel {
  return TopicModel.fit(history.map((r) => ({ label: r.label === 'off' ? 'off' : 'on', source: 'history', features: topicFeatures(r.text) })));
}

/**
 * Which rows the work-hours judge calls off topic, for a group with no topic words that has
 * learned from its history (as the live rule asks it), and the time that took.
 */
export function judgeRows(rows: readonly TopicRow[], model?: TopicModel): { offTopic: boolean[]; seconds: number } {
  const started = process.hrtime.bigint();
  const learned = model?.ready ? model : undefined;
  const offTopic = rows.map((r) => judgeTopic({ kind: 'text', text: r.text }, { words: [], description: '' }, learned).offTopic);
  return { offTopic, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export function topicReport(rows: readonly TopicRow[], offTopic: readonly boolean[], seconds: number): TopicReport {
  let on = 0;
  let blocked = 0;
  let off = 0;
  let caught = 0;
  rows.forEach((r, i) => {
    if (r.label === 'off') {
      off++;
      if (offTopic[i]) caught++;
    } else {
      on++;
      if (offTopic[i]) blocked++;
    }
  });
  const round = (x: number) => Number(x.toFixed(4));
  return {
    task: 'topic',
    n: rows.length,
    onTopicBlockedRate: round(on ? blocked / on : 0),
    offTopicCaughtRate: round(off ? caught / off : 0),
    messagesPerSecond: Math.round(rows.length / Math.max(seconds, 1e-9)),
  };
}

export function evaluateTopic(rows: readonly TopicRow[], history: readonly TopicRow[]): TopicReport {
  const { offTopic, seconds } = judgeRows(rows, modelFromHistory(history));
  return topicReport(rows, offTopic, seconds);
}

/** k-fold, folds by split key (near-duplicates together): every row judged by a model whose history held the other folds. */
export function crossValidatedTopic(rows: readonly TopicRow[], folds = 5): { offTopic: boolean[]; seconds: number } {
  const fold = rows.map((r) => foldOf(r.text, folds));
  const offTopic = new Array<boolean>(rows.length);
  let seconds = 0;
  for (let k = 0; k < folds; k++) {
    const held = rows.map((r, i) => ({ r, i })).filter(({ i }) => fold[i] === k);
    const judged = judgeRows(
      held.map(({ r }) => r),
      modelFromHistory(rows.filter((_, i) => fold[i] !== k)),
    );
    held.forEach(({ i }, j) => {
      offTopic[i] = judged.offTopic[j]!;
    });
    seconds += judged.seconds;
  }
  return { offTopic, seconds };
}
