import type { GroupRef } from '../storage/groups.js';
import type { Store } from '../storage/store.js';
import type { Sender } from './events.js';
import { type Level, highest } from './registry.js';

/**
 * Who may do what in a group, in one place: the platform's configured superusers own every group
 * of theirs; otherwise the highest of the role the platform states on this very message, the role
 * it reported for the group, and the role an owner gave by command.
 */
export class Owners {
  constructor(
    private readonly store: Store,
    /** Config `owners`: user ids per platform. */
    private readonly superusers: Readonly<Record<string, readonly string[]>>,
  ) {}

  levelOf(group: GroupRef, sender: Pick<Sender, 'id' | 'role'>): Level {
    if (this.superusers[group.platform]?.includes(sender.id)) return 'owner';
    const stored = this.store.members.get(group, sender.id);
    return highest(sender.role, stored?.role, stored?.platformRole);
  }

  /** Everyone the group's owner notes go to: the superusers and every member with the owner role. */
  of(group: GroupRef): string[] {
    const owners = new Set(this.superusers[group.platform] ?? []);
    for (const m of this.store.members.withRole(group, 'owner')) owners.add(m.userId);
    return [...owners];
  }
}
