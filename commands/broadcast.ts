import type { Command, Feature } from '../src/engine/registry.js';
import { cancel, confirmRule, draft, reportJob, sendJob } from '../src/features/broadcast/broadcast.js';
import { BroadcastsRepo } from '../src/features/broadcast/broadcasts.sql.js';
import { broadcastRecorders } from '../src/features/broadcast/records.js';

const broadcast: Command = {
  name: 'broadcast',
  aliases: ['群发'],
  level: 'owner',
  run(ctx) {
    const [sub, id, extra] = ctx.command.argv;
    if (sub === 'cancel' && id && extra === undefined && /^\d{1,9}$/.test(id)) {
      const b = ctx.store.of(BroadcastsRepo).get(Number(id));
      if (!b || b.platform !== ctx.group.platform || b.groupId !== ctx.group.groupId || (b.state !== 'sending' && b.state !== 'draft')) return [ctx.reply(ctx.t.broadcast.notCancellable(Number(id)))];
      const now = ctx.now.getTime();
      const sent = ctx.store.of(BroadcastsRepo).targets(b.id).filter((x) => b.state === 'sending' && x.dueAt <= now).length;
      return [...cancel(ctx, b), ctx.reply(ctx.t.broadcast.cancelled(b.id, sent))];
    }
    const text = ctx.command.args.trim();
    return text ? draft(ctx, text) : ctx.usage();
  },
};

export const broadcastFeature: Feature = {
  name: 'broadcast',
  commands: [broadcast],
  rules: [confirmRule],
  jobs: [sendJob, reportJob],
  recorders: broadcastRecorders,
};
