// Upcoming events travel with /settings export: a sister group of the same course gets the same
// meet-up, with its own sign-up list and reminder. Past events and sign-ups stay where they were.
import { z } from 'zod';
import type { Action } from '../../engine/actions.js';
import { itemProblems } from '../../engine/copies.js';
import type { GroupCopy } from '../../engine/registry.js';
import { EventsRepo } from './events.sql.js';
import { eventRecords } from './events.js';

const event = z
  .object({
    title: z.string().min(1).max(100),
    place: z.string().max(200),
    startsAt: z.iso.datetime({ offset: true }),
    capacity: z.number().int().positive().max(99_999).nullable(),
  })
  .strict();

export const eventsCopy: GroupCopy = {
  key: 'events',
  export: (ctx) =>
    ctx.store.of(EventsRepo)
      .upcoming(ctx.group, ctx.now.getTime())
      .map((e) => ({ title: e.title, place: e.place, startsAt: new Date(e.startsAt).toISOString(), capacity: e.capacity })),
  check: itemProblems('events', event),
  add(ctx, items) {
    // An event already there (same title and start) or over by now is not added.
    const repo = ctx.store.of(EventsRepo);
    const now = ctx.now.getTime();
    const have = new Set(repo.upcoming(ctx.group, now).map((e) => `${e.title}\u0000${e.startsAt}`));
    const firstId = repo.nextId();
    const records: Action[] = [];
    let added = 0;
    for (const e of items.map((item) => event.parse(item))) {
      const startsAt = Date.parse(e.startsAt);
      if (startsAt <= now || have.has(`${e.title}\u0000${startsAt}`)) continue;
      have.add(`${e.title}\u0000${startsAt}`);
      records.push(...eventRecords(ctx, firstId + added++, { title: e.title, place: e.place, startsAt, capacity: e.capacity }));
    }
    return { added, records };
  },
};
