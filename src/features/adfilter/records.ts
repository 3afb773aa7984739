// What the ad filter writes, as records its decisions return (src/engine/records.ts).
import type { Action } from '../../engine/actions.js';
import { type Recorder, recordKind } from '../../engine/records.js';
import type { GroupRef } from '../../storage/groups.js';
import { type AdQuestion, type AdReview, AdFilterRepo } from './adfilter.sql.js';

const exampleLearned = recordKind<{ label: 'spam' | 'ham'; text: string; at: number }>('adfilter.example');
/** A doubtful message put before the owner, under the id its decision gave it (AdFilterRepo.nextReviewId). */
export const reviewOpened = recordKind<{ review: Omit<AdReview, 'platform' | 'groupId' | 'state'>; at: number }>('adfilter.review');
export const reviewDecided = recordKind<{ id: number; label: 'spam' | 'ham' }>('adfilter.review-decided');
/** A verdict held while a language model is asked (the askSecondOpinion action names its id). */
export const questionHeld = recordKind<Omit<AdQuestion, 'platform' | 'groupId'>>('adfilter.question');
export const questionAnswered = recordKind<{ id: number }>('adfilter.question-answered');

/** An example the group's filter learns from (an owner's correction, a won appeal). */
export const learnedAs = (g: GroupRef, label: 'spam' | 'ham', text: string, at: number): Action => exampleLearned.of(g, { label, text, at });

export const adFilterRecorders: Recorder[] = [
  exampleLearned.applied(({ store }, g, { label, text, at }) => store.of(AdFilterRepo).addExample(g, label, text, at)),
  reviewOpened.applied(({ store }, g, { review, at }) => store.of(AdFilterRepo).addReview(g, review, at)),
  reviewDecided.applied(({ store }, _g, { id, label }) => void store.of(AdFilterRepo).decide(id, label)),
  questionHeld.applied(({ store }, g, q) => store.of(AdFilterRepo).addQuestion(g, q)),
  questionAnswered.applied(({ store }, _g, { id }) => void store.of(AdFilterRepo).answer(id)),
];
