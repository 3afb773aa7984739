// What answers (答疑) write, as records their decisions return (src/engine/records.ts).
import { type Recorder, recordKind } from '../../engine/records.js';
import { type AskedQuestion, type Faq, FaqRepo } from './faq.sql.js';

export const faqAdded = recordKind<{ faq: Faq; at: number }>('faq.added');
export const faqRemoved = recordKind<{ id: number }>('faq.removed');
export const noteSet = recordKind<{ name: string; text: string; at: number }>('faq.note');
export const noteRemoved = recordKind<{ name: string }>('faq.note-removed');
export const questionAsked = recordKind<AskedQuestion>('faq.asked');
export const questionReplied = recordKind<{ messageId: string }>('faq.replied');
/** The week's list was sent: what is older than two weeks goes. */
export const questionsPruned = recordKind<{ before: number }>('faq.pruned');

export const faqRecorders: Recorder[] = [
  faqAdded.applied(({ store }, g, { faq, at }) => store.of(FaqRepo).add(g, faq, at)),
  faqRemoved.applied(({ store }, g, { id }) => store.of(FaqRepo).remove(g, id)),
  noteSet.applied(({ store }, g, n) => store.of(FaqRepo).setNote(g, n.name, n.text, n.at)),
  noteRemoved.applied(({ store }, g, n) => store.of(FaqRepo).removeNote(g, n.name)),
  questionAsked.applied(({ store }, g, q) => store.of(FaqRepo).asked(g, q)),
  questionReplied.applied(({ store }, g, q) => store.of(FaqRepo).answered(g, q.messageId)),
  questionsPruned.applied(({ store }, g, p) => store.of(FaqRepo).prune(g, p.before)),
];
