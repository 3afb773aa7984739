import type { Command, Feature } from '../src/engine/registry.js';
import { closeJob, closePoll, mayClose, openPoll, parsePoll, voteRule } from '../src/features/polls/polls.js';
import { PollsRepo } from '../src/features/polls/polls.sql.js';
import { pollRecorders } from '../src/features/polls/records.js';

const poll: Command = {
  name: 'poll',
  aliases: ['投票'],
  level: 'member',
  run(ctx) {
    const t = ctx.t.polls;
    const repo = ctx.store.of(PollsRepo);
    const [first, second, extra] = ctx.command.argv;
    if (!first) {
      const open = repo.open(ctx.group);
      return open.length ? [ctx.reply(t.open(open.map((p) => `#${p.id} ${p.question}`)))] : ctx.usage();
    }
    if (first === 'close' && second && !extra) {
      const p = /^#?\d{1,9}$/.test(second) ? repo.get(Number(second.replace('#', ''))) : undefined;
      if (!p || p.platform !== ctx.group.platform || p.groupId !== ctx.group.groupId || p.closed) return [ctx.reply(t.noSuch(second))];
      if (!mayClose(ctx, p)) return [ctx.reply(t.notYours)];
      return closePoll(ctx, p);
    }
    const req = parsePoll(ctx.command.args);
    return req ? openPoll(ctx, req) : ctx.usage();
  },
};

export const pollsFeature: Feature = {
  name: 'polls',
  commands: [poll],
  rules: [voteRule],
  jobs: [closeJob],
  recorders: pollRecorders,
};
