import type { CommandContext } from '../src/engine/context.js';
import type { Command, Feature } from '../src/engine/registry.js';
import { outOfRange } from '../src/engine/targets.js';
import { endRaid, raidEndJob, raidRule, startRaid } from '../src/features/raid/raid.js';
import { RaidsRepo } from '../src/features/raid/raids.sql.js';
import { raidRecorders } from '../src/features/raid/records.js';
import { raidJoins, raidMode, raidQuietMinutes, raidSeconds, raidSettings } from '../src/features/raid/settings.js';
import { formatLocal } from '../src/time/calendar.js';

function status(ctx: CommandContext) {
  const s = ctx.groupSettings;
  const t = ctx.t.raid;
  const open = ctx.store.of(RaidsRepo).open(ctx.group);
  const now = open ? t.now(open.by, formatLocal(new Date(open.startedAt), s.timezone), open.joins) : t.normal;
  return [ctx.reply(t.show(t.modes[s.get(raidMode)] ?? s.get(raidMode), s.get(raidJoins), s.get(raidSeconds), s.get(raidQuietMinutes), now))];
}

const lockdown: Command = {
  name: 'lockdown',
  aliases: ['封群'],
  level: 'admin',
  run(ctx) {
    const [first, second, third, extra] = ctx.command.argv;
    const t = ctx.t.raid;
    const open = () => ctx.store.of(RaidsRepo).open(ctx.group);
    if (!first) return status(ctx);
    if (first === 'on' && !second) {
      if (open()) return [ctx.reply(t.alreadyOn)];
      return [...startRaid(ctx, 'owner', 0), ctx.reply(t.lockedDown)];
    }
    if (first === 'off' && !second) {
      const raid = open();
      if (!raid) return [ctx.reply(t.notOn)];
      return [...endRaid(ctx, raid), ctx.reply(t.lifted)];
    }
    if (first === 'auto' && second && !third) {
      const mode = raidMode.fromText(second);
      if (!mode) return ctx.usage();
      ctx.save(raidMode, mode);
      return status(ctx);
    }
    if (first === 'auto' && second && third && !extra) {
      const joins = raidJoins.fromText(second);
      const seconds = raidSeconds.fromText(third);
      if (joins === undefined) return outOfRange(ctx, raidJoins);
      if (seconds === undefined) return outOfRange(ctx, raidSeconds);
      ctx.save(raidJoins, joins);
      ctx.save(raidSeconds, seconds);
      return status(ctx);
    }
    if (first === 'quiet' && second && !third) {
      const minutes = raidQuietMinutes.fromText(second);
      if (minutes === undefined) return outOfRange(ctx, raidQuietMinutes);
      ctx.save(raidQuietMinutes, minutes);
      return status(ctx);
    }
    return ctx.usage();
  },
};

/** Raid mode and /lockdown; each build counts joins in its own memory. */
export const raidFeature = (): Feature => ({
  name: 'raid',
  commands: [lockdown],
  rules: [raidRule()],
  jobs: [raidEndJob],
  settings: raidSettings,
  recorders: raidRecorders,
});
