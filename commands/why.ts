import type { Action } from '../src/engine/actions.js';
import type { MessageEvent } from '../src/engine/events.js';
import type { Command, Feature } from '../src/engine/registry.js';
import { repliedTo } from '../src/engine/targets.js';
import { urlsIn } from '../src/features/adfilter/index.js';

/** The reason an action carries, where it has one (a deletion's, a strike line's). */
const reasonOf = (actions: Action[]) => actions.map((a) => ('reason' in a && typeof a.reason === 'string' ? a.reason : undefined)).find(Boolean);

/**
 * `/why` as a reply: what each guard would decide about that message now, and why. The decision is
 * recomputed with the group's settings and the time of asking; nothing is stored, nothing is done.
 */
const why: Command = {
  name: 'why',
  aliases: ['为什么'],
  level: 'admin',
  async run(ctx) {
    const m = repliedTo(ctx);
    if (!m?.text) return [ctx.reply(ctx.t.common.needsReply)];
    const urls = urlsIn(m.text);
    const event: MessageEvent = {
      type: 'message', platform: ctx.group.platform, groupId: ctx.group.groupId, chat: 'group', eventId: `why:${ctx.event.eventId}`, messageId: m.messageId,
      at: ctx.now, sender: { id: m.id, name: m.name }, kind: 'text', text: m.text, ...(urls.length ? { urls } : {}),
    };
    const t = ctx.t.why;
    const lines = (await ctx.explain(event)).map((d) => {
      const done = [...new Set(d.actions.flatMap((a) => t.actions[a.type] ?? []))];
      const reason = reasonOf(d.actions);
      return t.line(t.guards[d.rule] ?? d.rule, done.length ? t.would(done, reason) : t.passes, d.stopped);
    });
    return [ctx.reply([t.header(m.name), ...lines].join('\n'))];
  },
};

export const whyFeature: Feature = { name: 'why', commands: [why] };
