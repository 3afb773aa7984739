// What onboarding writes, as records its decisions return (src/engine/records.ts).
import { type Recorder, recordKind } from '../../engine/records.js';
import { type NewcomerStage, NewcomersRepo } from './newcomers.sql.js';

export const newcomerArrived = recordKind<{ userId: string; name: string; inviterName: string | undefined; at: number; stage: NewcomerStage }>('onboarding.arrived');
export const newcomerMoved = recordKind<{ userId: string; stage: NewcomerStage }>('onboarding.stage');
/** A wrong answer to the entry question, counted. */
export const newcomerMissed = recordKind<{ userId: string }>('onboarding.missed');
/** A held-back newcomer was told how to get in (once, not at every message). */
export const newcomerTold = recordKind<{ userId: string }>('onboarding.told');
export const introReminded = recordKind<{ userId: string }>('onboarding.intro-reminded');

export const onboardingRecorders: Recorder[] = [
  newcomerArrived.applied(({ store }, g, n) => store.of(NewcomersRepo).arrive(g, n.userId, n.name, n.inviterName, n.at, n.stage)),
  newcomerMoved.applied(({ store }, g, { userId, stage }) => store.of(NewcomersRepo).setStage(g, userId, stage)),
  newcomerMissed.applied(({ store }, g, { userId }) => void store.of(NewcomersRepo).wrongAnswer(g, userId)),
  newcomerTold.applied(({ store }, g, { userId }) => void store.of(NewcomersRepo).firstHeldNotice(g, userId)),
  introReminded.applied(({ store }, g, { userId }) => store.of(NewcomersRepo).markIntroReminded(g, userId)),
];
