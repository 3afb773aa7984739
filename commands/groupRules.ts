import type { Command, Feature } from '../src/engine/registry.js';
import { rulesSetting } from '../src/settings/core.js';

const rules: Command = {
  name: 'rules',
  aliases: ['群规'],
  level: 'member',
  run(ctx) {
    const text = ctx.groupSettings.get(rulesSetting);
    return [ctx.reply(text ? ctx.t.rules.show(text) : ctx.t.rules.none)];
  },
};

const setrules: Command = {
  name: 'setrules',
  aliases: ['设置群规'],
  level: 'admin',
  run(ctx) {
    const text = rulesSetting.fromText(ctx.command.args);
    if (!text) return ctx.usage();
    ctx.save(rulesSetting, text);
    return [ctx.reply(ctx.t.rules.updated(text))];
  },
};

export const groupRulesFeature: Feature = { name: 'rules', commands: [rules, setrules] };
