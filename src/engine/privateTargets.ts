import type { GroupRef } from '../storage/groups.js';
import { LruMap } from '../storage/lru.js';

/**
 * Which group an owner is configuring from a private chat with the bot (`/use`). Kept in memory:
 * it is a conversation state, not a setting; after a restart the owner picks the group again.
 */
export class PrivateTargets {
  private readonly targets = new LruMap<string, GroupRef>(50_000);

  get(platform: string, userId: string): GroupRef | undefined {
    return this.targets.get(`${platform}\u0000${userId}`);
  }

  set(platform: string, userId: string, group: GroupRef): void {
    this.targets.set(`${platform}\u0000${userId}`, group);
  }
}
