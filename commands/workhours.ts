import type { Action } from '../src/engine/actions.js';
import type { Command, Feature } from '../src/engine/registry.js';
import { GroupTopicModels } from '../src/features/workhours/topicModel.js';
import { workHoursRule } from '../src/features/workhours/focus.js';
import {
  focusSetting,
  formatSchedule,
  freeTopicsSetting,
  holidaysSetting,
  parseDayRange,
  topicDescriptionSetting,
  topicWordsSetting,
  workhoursSettings,
  worktimeSetting,
} from '../src/features/workhours/settings.js';
import { parseWeeklySchedule } from '../src/time/calendar.js';
import { repliedTo } from '../src/engine/targets.js';
import { activeStrikes, withdraw } from '../src/features/penalties/index.js';
import { topicLearned, workhoursRecorders } from '../src/features/workhours/records.js';
import { TopicExamplesRepo } from '../src/features/workhours/topicExamples.sql.js';

const worktime: Command = {
  name: 'worktime',
  aliases: ['工作时间'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.workhours;
    const [first, second, extra] = ctx.command.argv;
    const show = () => {
      const s = ctx.groupSettings;
      const schedule = s.get(worktimeSetting);
      return [ctx.reply(t.show(schedule ? formatSchedule(schedule) : ctx.t.common.off, s.get(holidaysSetting).length, t.modes[s.get(focusSetting)] ?? ''))];
    };
    if (!first) return show();
    if (first === 'off' && !second) {
      ctx.save(worktimeSetting, null);
      return [ctx.reply(t.off)];
    }
    if (first === 'holiday') {
      if (second === 'clear' && !extra) {
        ctx.save(holidaysSetting, []);
        return [ctx.reply(t.holidaysCleared)];
      }
      const days = second && !extra ? parseDayRange(second) : undefined;
      if (!days) return ctx.usage();
      const all = [...new Set([...ctx.groupSettings.get(holidaysSetting), ...days])].sort().slice(-1000);
      ctx.save(holidaysSetting, all);
      return [ctx.reply(t.holidaysAdded(days.length, all.length))];
    }
    const schedule = parseWeeklySchedule(ctx.command.args);
    if (!schedule) return ctx.usage();
    ctx.save(worktimeSetting, schedule);
    return show();
  },
};

const focus: Command = {
  name: 'focus',
  aliases: ['专注模式'],
  level: 'admin',
  run(ctx) {
    const [first, second, extra] = ctx.command.argv;
    if (first === 'free' && extra === undefined && (second === undefined || second === 'off')) {
      // Typed inside a forum topic: that topic is (or is no longer) free chat in work hours.
      const thread = ctx.event.threadId;
      if (thread === undefined) return [ctx.reply(ctx.t.workhours.freeNeedsTopic)];
      const free = ctx.groupSettings.get(freeTopicsSetting).filter((id) => id !== thread);
      ctx.save(freeTopicsSetting, second === 'off' ? free : [...free, thread].slice(-50));
      return [ctx.reply(second === 'off' ? ctx.t.workhours.topicFocused : ctx.t.workhours.topicFree)];
    }
    const mode = ctx.command.argv.length === 1 ? focusSetting.fromText(ctx.command.args) : undefined;
    if (!mode) return ctx.usage();
    ctx.save(focusSetting, mode);
    return [ctx.reply(ctx.t.workhours.focusSet(ctx.t.workhours.modes[mode] ?? mode))];
  },
};

const topicWordsCommand = (topicModels: GroupTopicModels): Command => ({
  name: 'topicwords',
  aliases: ['topic-words', '主题词'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.workhours;
    const [sub, ...rest] = ctx.command.argv;
    const words = ctx.groupSettings.get(topicWordsSetting);
    const save = (next: string[]) => {
      ctx.save(topicWordsSetting, next);
      return [ctx.reply(t.wordsUpdated(next.join('、') || ctx.t.common.none))];
    };
    switch (sub) {
      case undefined:
      case 'list': {
        const { on, off } = topicModels.model(ctx.group, ctx.store.of(TopicExamplesRepo)).learned;
        return [ctx.reply(t.wordsShow(words.join('、') || ctx.t.common.none, ctx.groupSettings.get(topicDescriptionSetting) || ctx.t.common.none, on, off))];
      }
      case 'add': {
        const added = topicWordsSetting.fromText(rest.join(' '));
        if (!added?.length || words.length + added.length > 300) return ctx.usage();
        return save([...new Set([...words, ...added])]);
      }
      case 'remove': {
        const gone = new Set(rest.map((w) => w.toLowerCase()));
        if (!gone.size) return ctx.usage();
        return save(words.filter((w) => !gone.has(w.toLowerCase())));
      }
      case 'clear':
        return save([]);
      case 'about': {
        const description = topicDescriptionSetting.fromText(ctx.command.args.slice('about'.length));
        if (!description) return ctx.usage();
        ctx.save(topicDescriptionSetting, description);
        return [ctx.reply(t.aboutUpdated(description))];
      }
      default:
        return ctx.usage();
    }
  },
});

/** An admin's correction: the group's model learns the replied message as off topic. */
const offTopic: Command = {
  name: 'offtopic',
  aliases: ['跑题'],
  level: 'admin',
  run(ctx) {
    const m = repliedTo(ctx);
    if (!m?.text) return [ctx.reply(ctx.t.common.needsReply)];
    return [topicLearned.of(ctx.group, { label: 'off', source: 'owner', text: m.text, at: ctx.now.getTime() }), ctx.reply(ctx.t.workhours.offTopicNoted)];
  },
};

/** The other way: learned as on topic, and a work-hours strike for that very message withdrawn. */
const onTopic: Command = {
  name: 'ontopic',
  aliases: ['不跑题'],
  level: 'admin',
  run(ctx) {
    const m = repliedTo(ctx);
    if (!m?.text) return [ctx.reply(ctx.t.common.needsReply)];
    const out: Action[] = [topicLearned.of(ctx.group, { label: 'on', source: 'owner', text: m.text, at: ctx.now.getTime() }), ctx.reply(ctx.t.workhours.onTopicNoted)];
    const strike = activeStrikes(ctx, m.id).find((s) => s.rule === 'workhours' && s.messageId === m.messageId);
    if (strike) {
      const user = { id: m.id, name: m.name };
      out.push(...withdraw(ctx, strike, 'work-hours strike withdrawn', ctx.event.sender.name));
      out.push(ctx.send(ctx.t.workhours.onTopicRevoked(m.name), { mentions: [user] }));
      if (strike.step.startsWith('mute')) out.push({ type: 'unmute', ...ctx.group, user, reason: 'on topic after all' });
    }
    return out;
  },
};

/** Work-hours focus; each instance keeps its own groups' topic models (one per App). */
export function workhoursFeature(topicModelBytes?: number): Feature {
  const topicModels = new GroupTopicModels(topicModelBytes);
  return {
    name: 'workhours',
    commands: [worktime, focus, topicWordsCommand(topicModels), offTopic, onTopic],
    rules: [workHoursRule(topicModels)],
    settings: workhoursSettings,
    recorders: workhoursRecorders(topicModels),
  };
}
