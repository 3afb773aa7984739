import type { Command, Feature } from '../src/engine/registry.js';
import { managedSetting, parseSwitch } from '../src/settings/core.js';

/**
 * `/manage on|off`: the group owner lets Steward act in a group it was merely added to (WeChat
 * rooms not listed in the config), or sends it back to silence.
 */
const manage: Command = {
  name: 'manage',
  aliases: ['托管'],
  level: 'owner',
  inUnmanaged: true,
  run(ctx) {
    const title = ctx.store.groups.label(ctx.group);
    if (!ctx.event.unmanaged) return [ctx.reply(ctx.t.manage.configured(title))];
    const value = ctx.command.args ? parseSwitch(ctx.command.args) : undefined;
    if (value === undefined) return ctx.usage();
    ctx.save(managedSetting, value);
    return [ctx.reply(value ? ctx.t.manage.on(title) : ctx.t.manage.off)];
  },
};

export const manageFeature: Feature = { name: 'manage', commands: [manage] };
