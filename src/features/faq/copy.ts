// Taught answers and notes travel with /settings export: a second group of the same course or
// product answers the same questions from its first day.
import { z } from 'zod';
import type { Action } from '../../engine/actions.js';
import { itemProblems } from '../../engine/copies.js';
import type { GroupCopy } from '../../engine/registry.js';
import { FAQ_LIMITS, NOTE_NAME } from './faq.js';
import { FaqRepo } from './faq.sql.js';
import { faqAdded, noteSet } from './records.js';

const faq = z
  .object({
    phrasings: z.array(z.string().trim().min(1).max(FAQ_LIMITS.phrasing)).min(1).max(FAQ_LIMITS.phrasings),
    answer: z.string().min(1).max(FAQ_LIMITS.answer),
    exact: z.boolean(),
  })
  .strict();
const note = z.object({ name: z.string().regex(NOTE_NAME, 'is not a note name'), text: z.string().min(1).max(FAQ_LIMITS.answer) }).strict();

const sameQuestions = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((p, i) => p === b[i]);

export const faqsCopy: GroupCopy = {
  key: 'faqs',
  export: (ctx) => ctx.store.of(FaqRepo).list(ctx.group).map((f) => ({ phrasings: f.phrasings, answer: f.answer, exact: f.exact })),
  check: (items) => {
    const problems = itemProblems('faqs', faq)(items);
    return items.length > FAQ_LIMITS.faqs ? [...problems, `faqs: ${items.length} > ${FAQ_LIMITS.faqs}`] : problems;
  },
  add(ctx, items) {
    // The same phrasings are the same answer: the group keeps its own, and importing twice adds nothing.
    const repo = ctx.store.of(FaqRepo);
    const have = repo.list(ctx.group);
    const room = Math.max(0, FAQ_LIMITS.faqs - have.length);
    const firstId = repo.nextId();
    const at = ctx.now.getTime();
    const records: Action[] = [];
    for (const f of items.map((item) => faq.parse(item))) {
      if (records.length >= room || have.some((h) => sameQuestions(h.phrasings, f.phrasings))) continue;
      records.push(faqAdded.of(ctx.group, { faq: { id: firstId + records.length, ...f }, at }));
    }
    return { added: records.length, records };
  },
};

export const notesCopy: GroupCopy = {
  key: 'notes',
  export: (ctx) => {
    const repo = ctx.store.of(FaqRepo);
    return repo.notes(ctx.group).map((name) => ({ name, text: repo.note(ctx.group, name)! }));
  },
  check: itemProblems('notes', note),
  add(ctx, items) {
    // A note of the same name is overwritten (as /note does); only new names count as added.
    const repo = ctx.store.of(FaqRepo);
    const at = ctx.now.getTime();
    const notes = items.map((item) => note.parse(item)).map((n) => ({ ...n, name: n.name.toLowerCase() }));
    return { added: notes.filter((n) => repo.note(ctx.group, n.name) === undefined).length, records: notes.map((n) => noteSet.of(ctx.group, { ...n, at })) };
  },
};
