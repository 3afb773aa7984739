import type { CommandContext } from '../src/engine/context.js';
import type { Command, Feature } from '../src/engine/registry.js';
import type { SpamModel } from '../src/features/adfilter/classifier.js';
import { adFilterRule, decideReview, removeAsAd, secondOpinionAnswer } from '../src/features/adfilter/filter.js';
import { GroupModels } from '../src/features/adfilter/models.js';
import { adFilterMode, adFilterSettings, allowDomains, blockWords, secondOpinionMode } from '../src/features/adfilter/settings.js';
import { atLeast } from '../src/engine/registry.js';
import type { SettingDef } from '../src/settings/definition.js';
import { repliedTo } from '../src/engine/targets.js';
import { AdFilterRepo } from '../src/features/adfilter/adfilter.sql.js';
import { adFilterRecorders, learnedAs } from '../src/features/adfilter/records.js';

/** `/adfilter [mode]`, and `/adfilter second <mode>` where a language model is configured. */
const adfilterCommand = (secondOpinion: boolean): Command => ({
  name: 'adfilter',
  aliases: ['防广告'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.adfilter;
    const [first, second, ...rest] = ctx.command.argv;
    if (!first) {
      const mode = ctx.groupSettings.get(adFilterMode);
      const { spam, ham } = ctx.store.of(AdFilterRepo).exampleCounts(ctx.group);
      const asking = ctx.groupSettings.get(secondOpinionMode);
      const status = t.status(t.modes[mode] ?? mode, spam, ham);
      return [ctx.reply(secondOpinion ? `${status}\n${t.secondStatus(t.secondModes[asking] ?? asking)}` : status)];
    }
    if (first === 'second' || first === '复核') {
      const asking = !rest.length && second ? secondOpinionMode.fromText(second) : undefined;
      if (!asking) return ctx.usage();
      if (!secondOpinion && asking !== 'off') return [ctx.reply(t.secondUnavailable)];
      ctx.save(secondOpinionMode, asking);
      return [ctx.reply(asking === 'off' ? t.secondStatus(t.secondModes.off!) : t.secondSet(t.secondModes[asking] ?? asking))];
    }
    const mode = second === undefined ? adFilterMode.fromText(first) : undefined;
    if (!mode) return ctx.usage();
    ctx.save(adFilterMode, mode);
    return [ctx.reply(t.modeSet(t.modes[mode] ?? mode))];
  },
});

const spam: Command = {
  name: 'spam',
  aliases: ['广告'],
  level: 'admin',
  run(ctx) {
    const m = repliedTo(ctx);
    if (!m) return [ctx.reply(ctx.t.common.needsReply)];
    if (atLeast(ctx.levelOf(ctx.group, { id: m.id }), 'admin')) return [ctx.reply(ctx.t.penalties.notAdmins)];
    return [learnedAs(ctx.group, 'spam', m.text, ctx.now.getTime()), ctx.reply(ctx.t.adfilter.spamDone), ...removeAsAd(ctx, { id: m.id, name: m.name }, m.messageId, m.text, ctx.t.penalties.rules.ads ?? 'ads')];
  },
};

const notspam: Command = {
  name: 'notspam',
  aliases: ['不是广告'],
  level: 'admin',
  run(ctx) {
    const m = repliedTo(ctx);
    if (!m) return [ctx.reply(ctx.t.common.needsReply)];
    return [learnedAs(ctx.group, 'ham', m.text, ctx.now.getTime()), ctx.reply(ctx.t.adfilter.notSpamDone)];
  },
};

function listCommand(name: 'block' | 'allow', alias: string, def: SettingDef<string[]>, label: (c: CommandContext) => string): Command {
  return {
    name,
    aliases: [alias],
    level: 'admin',
    run(ctx) {
      const [sub, ...items] = ctx.command.argv;
      const current = ctx.groupSettings.get(def);
      const show = (v: string[]) => v.join('、') || ctx.t.common.none;
      if (!sub) return [ctx.reply(ctx.t.adfilter.listShow(label(ctx), show(current)))];
      if ((sub !== 'add' && sub !== 'remove') || !items.length) return ctx.usage();
      const words = items.map((w) => (name === 'allow' ? w.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '') : w));
      const next = sub === 'add' ? [...new Set([...current, ...words])] : current.filter((w) => !words.includes(w));
      if (!def.schema.safeParse(next).success) return ctx.usage();
      ctx.save(def, next);
      return [ctx.reply(ctx.t.adfilter.listUpdated(label(ctx), show(next)))];
    },
  };
}

/** The ad filter, judging with the shipped text model unless the operator brings their own; a language model's second opinion where one is configured. */
export function adfilterFeature(spamModel?: SpamModel, secondOpinion = false, cacheBytes?: number): Feature {
  return {
    name: 'adfilter',
    commands: [adfilterCommand(secondOpinion), spam, notspam, listCommand('block', '屏蔽词', blockWords, (c) => c.t.adfilter.blockName), listCommand('allow', '允许网址', allowDomains, (c) => c.t.adfilter.allowName)],
    rules: [adFilterRule(new GroupModels(spamModel && (() => spamModel), cacheBytes && cacheBytes / 2), secondOpinion, cacheBytes && cacheBytes / 2), decideReview, secondOpinionAnswer],
    settings: adFilterSettings,
    recorders: adFilterRecorders,
  };
}
