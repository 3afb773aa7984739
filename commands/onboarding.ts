import type { Command, Feature } from '../src/engine/registry.js';
import { staffLine } from '../src/features/roles/index.js';
import { onboardingJobs, onboardingRules } from '../src/features/onboarding/onboarding.js';
import { onboardingRecorders } from '../src/features/onboarding/records.js';
import { parseSwitch } from '../src/settings/core.js';
import {
  introAction,
  introEnabled,
  introHours,
  introTemplate,
  onboardingSettings,
  verifyAnswer,
  verifyKeyword,
  verifyMinutes,
  verifyMode,
  verifyObserve,
  verifyQuestion,
  welcomeTemplate,
} from '../src/features/onboarding/settings.js';
import { renderTemplate } from '../src/features/onboarding/template.js';
import { rulesSetting } from '../src/settings/core.js';

const welcome: Command = {
  name: 'welcome',
  aliases: ['欢迎语'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.onboarding;
    const args = ctx.command.args;
    if (!args) return [ctx.reply(t.welcomeShow(ctx.groupSettings.get(welcomeTemplate) || t.defaultWelcome))];
    const template = args === 'reset' ? '' : welcomeTemplate.fromText(args);
    if (template === undefined) return ctx.usage();
    ctx.save(welcomeTemplate, template);
    const rules = ctx.groupSettings.get(rulesSetting);
    const preview = renderTemplate(template || t.defaultWelcome, {
      name: `@${ctx.event.sender.name}`,
      group: ctx.store.groups.label(ctx.group),
      rules: rules ? t.rulesBlock(rules) : '',
      count: String(ctx.store.members.countPresent(ctx.group)),
      inviter: ctx.event.sender.name,
      staff: staffLine(ctx),
    });
    return [ctx.reply(t.welcomeUpdated(preview))];
  },
};

/** `/verify off|button|math|emoji|keyword <word>|question <question…> <answer> [minutes]`, `/verify observe on|off` */
const verify: Command = {
  name: 'verify',
  aliases: ['入群验证'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.onboarding;
    const [mode, ...rest] = ctx.command.argv;
    // A trailing number is the time limit, once the mode's own words are there (a question's
    // answer may itself be a number: "1+1=? 2").
    const needs = { button: 0, math: 0, emoji: 0, keyword: 1, question: 2 }[mode as 'button' | 'math' | 'emoji' | 'keyword' | 'question'] ?? Infinity;
    const minutesArg = rest.length > needs && /^\d+$/.test(rest.at(-1)!) ? Number(rest.pop()) : undefined;
    if (minutesArg !== undefined && (minutesArg < 1 || minutesArg > 1440)) return ctx.usage();
    let how: string;
    switch (mode) {
      case 'off':
        if (rest.length) return ctx.usage();
        ctx.save(verifyMode, 'off');
        return [ctx.reply(t.verifyOff)];
      case 'observe': {
        const on = rest.length === 1 ? parseSwitch(rest[0]!) : undefined;
        if (on === undefined) return ctx.usage();
        ctx.save(verifyObserve, on);
        return [ctx.reply(on ? t.verifyObserving : t.verifyEnforcing)];
      }
      case 'button':
        if (rest.length) return ctx.usage();
        ctx.save(verifyMode, 'button');
        how = ctx.capabilities(ctx.group.platform).buttons ? t.howButton : t.howKeyword(t.verifyButtonKeyword);
        break;
      case 'math':
      case 'emoji':
        if (rest.length) return ctx.usage();
        ctx.save(verifyMode, mode);
        // A picture to pick needs buttons: without them newcomers get a sum.
        how = mode === 'emoji' && ctx.capabilities(ctx.group.platform).buttons ? t.howPick : t.howMath;
        break;
      case 'keyword': {
        if (rest.length !== 1) return ctx.usage();
        ctx.save(verifyKeyword, rest[0]!);
        ctx.save(verifyMode, 'keyword');
        how = t.howKeyword(rest[0]!);
        break;
      }
      case 'question': {
        if (rest.length < 2) return ctx.usage();
        const answer = rest.pop()!;
        const question = rest.join(' ');
        ctx.save(verifyQuestion, question);
        ctx.save(verifyAnswer, answer);
        ctx.save(verifyMode, 'question');
        how = t.howQuestion(question);
        break;
      }
      default:
        return ctx.usage();
    }
    if (minutesArg !== undefined) ctx.save(verifyMinutes, minutesArg);
    return [ctx.reply(t.verifyOn(how, ctx.groupSettings.get(verifyMinutes)))];
  },
};

/** `/intro off`, `/intro on [template] [hours]`, `/intro action nothing|report|remove` */
const intro: Command = {
  name: 'intro',
  aliases: ['自我介绍'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.onboarding;
    const [mode, ...rest] = ctx.command.argv;
    if (mode === 'off' && !rest.length) {
      ctx.save(introEnabled, false);
      return [ctx.reply(t.introOff)];
    }
    if (mode === 'action' && rest.length === 1) {
      const action = introAction.fromText(rest[0]!);
      if (!action) return ctx.usage();
      ctx.save(introAction, action);
      return [ctx.reply(t.introActionSet(action))];
    }
    if (mode !== 'on') return ctx.usage();
    const hours = rest.length && /^\d+$/.test(rest.at(-1)!) ? Number(rest.pop()) : undefined;
    if (hours !== undefined && (hours < 1 || hours > 720)) return ctx.usage();
    if (rest.length) ctx.save(introTemplate, rest.join(' '));
    if (hours !== undefined) ctx.save(introHours, hours);
    ctx.save(introEnabled, true);
    const s = ctx.groupSettings;
    return [ctx.reply(t.introOn(s.get(introTemplate) || t.defaultIntro, s.get(introHours)))];
  },
};

export const onboardingFeature: Feature = {
  name: 'onboarding',
  commands: [welcome, verify, intro],
  rules: onboardingRules,
  jobs: onboardingJobs,
  recorders: onboardingRecorders,
  settings: onboardingSettings,
};
