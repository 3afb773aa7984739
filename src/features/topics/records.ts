// What the topics feature writes, as records its decisions return (src/engine/records.ts).
import { type Recorder, recordKind } from '../../engine/records.js';
import { type AnnouncementRow, type TopicRow, TopicsRepo } from './topics.sql.js';

/** A new topic, under the id its decision gave it (TopicsRepo.nextTopicId). */
export const topicAdded = recordKind<{ topic: Omit<TopicRow, 'state'>; at: number }>('topics.added');
/** A topic changed: edited, moved to its next occurrence, done or cancelled. */
export const topicSaved = recordKind<TopicRow>('topics.saved');
export const announcementAdded = recordKind<{ announcement: Omit<AnnouncementRow, 'state'>; at: number }>('topics.announcement');
export const announcementSet = recordKind<{ id: number; at: number; state: AnnouncementRow['state'] }>('topics.announcement-set');

export const topicsRecorders: Recorder[] = [
  topicAdded.applied(({ store }, _g, { topic, at }) => store.of(TopicsRepo).addTopic(topic, at)),
  topicSaved.applied(({ store }, _g, t) => store.of(TopicsRepo).saveTopic(t)),
  announcementAdded.applied(({ store }, _g, { announcement, at }) => store.of(TopicsRepo).addAnnouncement(announcement, at)),
  announcementSet.applied(({ store }, _g, { id, at, state }) => store.of(TopicsRepo).setAnnouncement(id, at, state)),
];
