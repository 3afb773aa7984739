import type { Command, Feature } from '../src/engine/registry.js';
import { faqsCopy, notesCopy } from '../src/features/faq/copy.js';
import { FAQ_LIMITS as LIMITS, NOTE_NAME, faqRule, unansweredJob } from '../src/features/faq/faq.js';
import { FaqRepo } from '../src/features/faq/faq.sql.js';
import { faqAdded, faqRecorders, faqRemoved, noteRemoved, noteSet } from '../src/features/faq/records.js';

const faq: Command = {
  name: 'faq',
  aliases: ['问答'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.faq;
    const repo = ctx.store.of(FaqRepo);
    const [sub, ...rest] = ctx.command.argv;
    if (!sub) {
      const all = repo.list(ctx.group);
      return [ctx.reply(all.length ? t.list(all.map((f) => t.line(f.id, f.phrasings.join(' / '), f.exact, f.answer.length > 40 ? `${f.answer.slice(0, 40)}…` : f.answer))) : t.none)];
    }
    if (sub === 'remove' && rest.length === 1 && /^\d{1,9}$/.test(rest[0]!)) {
      const id = Number(rest[0]);
      if (!repo.list(ctx.group).some((f) => f.id === id)) return [ctx.reply(t.noSuch(id))];
      return [faqRemoved.of(ctx.group, { id }), ctx.reply(t.removed(id))];
    }
    if (sub !== 'add') return ctx.usage();
    // "/faq add [exact] 怎么报名|如何报名 = 看群公告"
    let body = ctx.command.args.slice(ctx.command.args.indexOf('add') + 3).trim();
    const exact = body.startsWith('exact ');
    if (exact) body = body.slice('exact '.length);
    const eq = [body.indexOf('='), body.indexOf('＝')].filter((i) => i >= 0).sort((a, b) => a - b)[0];
    if (eq === undefined) return ctx.usage();
    const phrasings = body.slice(0, eq).split(/[|｜]/).map((p) => p.trim()).filter(Boolean);
    const answer = body.slice(eq + 1).trim();
    if (!phrasings.length || !answer) return ctx.usage();
    if (phrasings.length > LIMITS.phrasings || phrasings.some((p) => p.length > LIMITS.phrasing) || answer.length > LIMITS.answer) {
      return [ctx.reply(t.tooLong(LIMITS.phrasings, LIMITS.phrasing, LIMITS.answer))];
    }
    if (repo.list(ctx.group).length >= LIMITS.faqs) return [ctx.reply(t.full(LIMITS.faqs))];
    const id = repo.nextId();
    return [faqAdded.of(ctx.group, { faq: { id, phrasings, answer, exact }, at: ctx.now.getTime() }), ctx.reply(t.added(id, phrasings.join(' / ')))];
  },
};

const note: Command = {
  name: 'note',
  aliases: ['笔记'],
  level: 'admin',
  run(ctx) {
    const t = ctx.t.faq;
    const [first, ...rest] = ctx.command.argv;
    if (first === 'remove' && rest.length === 1) {
      const name = rest[0]!.replace(/^#/, '').toLowerCase();
      if (ctx.store.of(FaqRepo).note(ctx.group, name) === undefined) return [ctx.reply(t.noNote(name))];
      return [noteRemoved.of(ctx.group, { name }), ctx.reply(t.noteRemoved(name))];
    }
    const name = (first ?? '').replace(/^#/, '').toLowerCase();
    const text = ctx.command.args.slice(ctx.command.args.indexOf(first ?? '') + (first ?? '').length).trim();
    if (!NOTE_NAME.test(name) || !text || text.length > LIMITS.answer) return ctx.usage();
    return [noteSet.of(ctx.group, { name, text, at: ctx.now.getTime() }), ctx.reply(t.noteSaved(name))];
  },
};

const notes: Command = {
  name: 'notes',
  aliases: ['笔记列表'],
  level: 'member',
  run(ctx) {
    const names = ctx.store.of(FaqRepo).notes(ctx.group);
    return [ctx.reply(names.length ? ctx.t.faq.notes(names.map((n) => `#${n}`)) : ctx.t.faq.noNotes)];
  },
};

/** Answers and notes; each build remembers on its own when it last gave each answer. */
export const faqFeature = (): Feature => ({
  name: 'faq',
  commands: [faq, note, notes],
  rules: [faqRule()],
  jobs: [unansweredJob],
  recorders: faqRecorders,
  copies: [faqsCopy, notesCopy],
});
