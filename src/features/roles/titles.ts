// Titles (组织感): the owner names who teaches, assists and leads (讲师, 助教, 班长, 嘉宾); the
// group sees them in /admins and in welcomes ({staff}), and an admin can call everyone with one.
import { type Recorder, recordKind } from '../../engine/records.js';
import type { GroupContext } from '../../engine/context.js';
import { type Titled, TitlesRepo } from './titles.sql.js';

export const titleGiven = recordKind<Titled & { at: number }>('roles.title');
export const titleTaken = recordKind<{ userId: string }>('roles.title-taken');

export const titleRecorders: Recorder[] = [
  titleGiven.applied(({ store }, g, t) => store.of(TitlesRepo).set(g, t, t.at)),
  titleTaken.applied(({ store }, g, t) => store.of(TitlesRepo).remove(g, t.userId)),
];

/** Members by title, titles in the order they were first given. */
export function byTitle(ctx: GroupContext): Map<string, Titled[]> {
  const groups = new Map<string, Titled[]>();
  for (const t of ctx.store.of(TitlesRepo).all(ctx.group)) groups.set(t.title, [...(groups.get(t.title) ?? []), t]);
  return groups;
}

/** "讲师 王老师、助教 小李": who holds which title, for a welcome (empty when nobody does). */
export function staffLine(ctx: GroupContext): string {
  return [...byTitle(ctx)].map(([title, people]) => ctx.t.roles.staffEntry(title, people.map((p) => p.name))).join(ctx.t.roles.staffSeparator);
}
