import type { CommandContext } from '../src/engine/context.js';
import { type Command, type Feature, atLeast } from '../src/engine/registry.js';

function line(ctx: CommandContext, c: Command): string {
  const words = (c.aliases ?? []).filter((a) => !/^[a-z]/i.test(a));
  const desc = ctx.t.commands[c.name] ?? '';
  return `/${c.name}${words.length ? ctx.t.help.keywords(words) : ''}${desc ? ` — ${desc}` : ''}`;
}

/** Lists what the sender may use; admin commands appear only for admins and owners. */
const help: Command = {
  name: 'help',
  aliases: ['帮助', 'start'],
  level: 'member',
  where: 'any',
  run(ctx) {
    // Opened from the link in a strike message (Telegram sends "/start appeal").
    if (ctx.command.args === 'appeal') return [ctx.reply(ctx.t.appeal.howTo)];
    const mine = [...ctx.registry.commands.values()].filter((c) => atLeast(ctx.level, c.level));
    const members = mine.filter((c) => c.level === 'member').map((c) => line(ctx, c));
    const admins = mine.filter((c) => c.level !== 'member').map((c) => line(ctx, c));
    const title = ctx.store.groups.label(ctx.group);
    const parts = [ctx.t.help.header(title), ...members];
    if (admins.length) parts.push('', ctx.t.help.adminSection, ...admins);
    parts.push('', ctx.t.help.footer);
    return [ctx.reply(parts.join('\n'))];
  },
};

export const helpFeature: Feature = { name: 'help', commands: [help] };
