// The action log in the group's language. Deciders write stable codes ("removed:0.86",
// "step:1:remind", "by:群主"); /log and the dashboard read them here. Older free-text rows print as
// they were written.
import type { Messages } from '../../i18n/index.js';
import { parseStep } from './ladder.js';
import { describeStep } from './punish.js';

export function logAction(t: Messages, action: string): string {
  return t.penalties.log.actions[action] ?? action;
}

export function logOutcome(t: Messages, outcome: string): string {
  const l = t.penalties.log;
  const [code, ...rest] = outcome.split(':');
  const arg = rest.join(':');
  switch (code) {
    case 'done':
      return l.done;
    case 'fallback':
      return l.fallback(rest[0] ?? '', rest.slice(1).join(':'));
    case 'removed':
      return l.removed(arg);
    case 'would':
      return l.would(rest[0] ?? '', rest[1] ?? '');
    case 'asked':
      return l.asked(rest[1] ?? '');
    case 'opinion':
      return l.opinion(rest[0] ?? '', rest[1] ?? '');
    case 'by':
      return l.by(arg);
    case 'raid':
      return l.raid(arg);
    case 'from':
      return l.from(arg);
    case 'list':
      return l.list(arg);
    case 'votes':
      return l.votes(Number(arg));
    case 'step': {
      const step = parseStep(rest.slice(1).join(':'));
      return step ? l.step(Number(rest[0]), describeStep(t, step)) : outcome;
    }
    default:
      return outcome;
  }
}
