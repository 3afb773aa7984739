// What events write, as records their decisions return (src/engine/records.ts).
import { type Recorder, recordKind } from '../../engine/records.js';
import { type GroupEvent, EventsRepo, type Signup } from './events.sql.js';

export const eventAdded = recordKind<{ event: Omit<GroupEvent, 'platform' | 'groupId' | 'code'>; at: number }>('events.added');
export const eventSigned = recordKind<{ id: number; userId: string; userName: string; at: number; state: Signup['state'] }>('events.signed');
export const eventCodeSet = recordKind<{ id: number; code: string }>('events.code');
export const eventAttended = recordKind<{ id: number; userId: string }>('events.attended');

export const eventRecorders: Recorder[] = [
  eventAdded.applied(({ store }, g, { event, at }) => store.of(EventsRepo).add(g, event, at)),
  eventSigned.applied(({ store }, _g, s) => store.of(EventsRepo).sign(s.id, s.userId, s.userName, s.at, s.state)),
  eventCodeSet.applied(({ store }, _g, c) => store.of(EventsRepo).setCode(c.id, c.code)),
  eventAttended.applied(({ store }, _g, a) => store.of(EventsRepo).attended(a.id, a.userId)),
];
