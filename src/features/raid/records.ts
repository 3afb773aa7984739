// What raid mode writes, as records its decisions return (src/engine/records.ts).
import { type Recorder, recordKind } from '../../engine/records.js';
import { type Raid, RaidsRepo } from './raids.sql.js';

export const raidStarted = recordKind<Raid>('raid.start');
export const raidJoined = recordKind<{ id: number; n: number; at: number }>('raid.join');
export const raidEnded = recordKind<{ id: number; at: number }>('raid.end');

export const raidRecorders: Recorder[] = [
  raidStarted.applied(({ store }, g, r) => store.of(RaidsRepo).start(g, r)),
  raidJoined.applied(({ store }, _g, j) => store.of(RaidsRepo).joined(j.id, j.n, j.at)),
  raidEnded.applied(({ store }, _g, e) => store.of(RaidsRepo).end(e.id, e.at)),
];
