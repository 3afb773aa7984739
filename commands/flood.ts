import type { Command, Feature } from '../src/engine/registry.js';
import { outOfRange } from '../src/engine/targets.js';
import { floodRule } from '../src/features/flood/flood.js';
import { floodMessages, floodMode, floodRepeats, floodSeconds, floodSettings, floodStickers } from '../src/features/flood/settings.js';

const flood: Command = {
  name: 'flood',
  aliases: ['防刷屏'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.flood;
    const argv = ctx.command.argv;
    const show = () => {
      const s = ctx.groupSettings;
      return [ctx.reply(t.show(t.modes[s.get(floodMode)] ?? s.get(floodMode), s.get(floodMessages), s.get(floodSeconds), s.get(floodRepeats), s.get(floodStickers)))];
    };
    if (!argv.length) return show();
    const [first, second, extra] = argv;
    if (extra !== undefined) return ctx.usage();
    if (second === undefined) {
      const mode = floodMode.fromText(first!);
      if (!mode) return ctx.usage();
      ctx.save(floodMode, mode);
      return show();
    }
    const setting = first === 'repeat' ? floodRepeats : first === 'stickers' ? floodStickers : undefined;
    if (setting) {
      const n = setting.fromText(second);
      if (n === undefined) return outOfRange(ctx, setting);
      ctx.save(setting, n);
      return show();
    }
    const n = floodMessages.fromText(first!);
    const seconds = floodSeconds.fromText(second);
    if (n === undefined) return outOfRange(ctx, floodMessages);
    if (seconds === undefined) return outOfRange(ctx, floodSeconds);
    ctx.save(floodMessages, n);
    ctx.save(floodSeconds, seconds);
    return show();
  },
};

/** Flood control (刷屏): a guard with its own memory of who said what lately, one per app. */
export const floodFeature = (memoryBytes?: number): Feature => ({
  name: 'flood',
  commands: [flood],
  rules: [floodRule(memoryBytes)],
  settings: floodSettings,
});
