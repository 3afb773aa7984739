// What polls write, as records their decisions return (src/engine/records.ts).
import { type Recorder, recordKind } from '../../engine/records.js';
import { type Poll, PollsRepo, type Vote } from './polls.sql.js';

export const pollOpened = recordKind<{ poll: Omit<Poll, 'platform' | 'groupId' | 'closed'>; at: number }>('polls.opened');
export const pollVoted = recordKind<{ id: number; vote: Vote; at: number }>('polls.vote');
export const pollClosed = recordKind<{ id: number }>('polls.closed');

export const pollRecorders: Recorder[] = [
  pollOpened.applied(({ store }, g, { poll, at }) => store.of(PollsRepo).add(g, poll, at)),
  pollVoted.applied(({ store }, _g, { id, vote, at }) => store.of(PollsRepo).vote(id, vote, at)),
  pollClosed.applied(({ store }, _g, { id }) => store.of(PollsRepo).close(id)),
];
