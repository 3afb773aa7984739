// What work-hours focus writes, as records its decisions return (src/engine/records.ts).
import { type Recorder, recordKind } from '../../engine/records.js';
import type { TopicExample } from './topicExamples.sql.js';
import { TopicExamplesRepo } from './topicExamples.sql.js';
import type { GroupTopicModels } from './topicModel.js';

/** An example for the group's topic model: an owner's correction, or what the history vouches for. */
export const topicLearned = recordKind<{ label: TopicExample['label']; source: TopicExample['source']; text: string; at: number }>('workhours.example');

/** Stored, and learned at once by the group's model in memory (each App keeps its own). */
export const workhoursRecorders = (topicModels: GroupTopicModels): Recorder[] => [
  topicLearned.applied(({ store }, g, e) => topicModels.learn(g, store.of(TopicExamplesRepo), e.label, e.source, e.text, e.at)),
];
