import type { Messages } from '../i18n/index.js';
import type { GroupRef } from '../storage/groups.js';
import type { CommandMenuAction, MenuCommand } from './actions.js';
import type { Registry } from './registry.js';

/** The group's command menu in its language: what members see, and what admins see. */
export function commandMenu(registry: Registry, t: Messages, group: GroupRef): CommandMenuAction {
  const entry = (name: string): MenuCommand => ({ command: name, description: t.commands[name] ?? name });
  const all = [...registry.commands.values()].filter((c) => c.name !== 'start');
  return {
    type: 'commandMenu',
    platform: group.platform,
    groupId: group.groupId,
    member: all.filter((c) => c.level === 'member').map((c) => entry(c.name)),
    admin: all.map((c) => entry(c.name)),
  };
}
