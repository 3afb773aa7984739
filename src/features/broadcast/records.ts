// What announcements to many groups write, as records their decisions return (src/engine/records.ts).
import { type Recorder, recordKind } from '../../engine/records.js';
import { type Broadcast, type BroadcastState, BroadcastsRepo, type Target } from './broadcasts.sql.js';

export const broadcastDrafted = recordKind<{ broadcast: Pick<Broadcast, 'id' | 'familyId' | 'byUser' | 'text'>; at: number }>('broadcast.drafted');
export const broadcastState = recordKind<{ id: number; state: BroadcastState }>('broadcast.state');
export const broadcastTargeted = recordKind<{ id: number; target: Target }>('broadcast.target');

export const broadcastRecorders: Recorder[] = [
  broadcastDrafted.applied(({ store }, g, { broadcast, at }) => store.of(BroadcastsRepo).add(g, broadcast, at)),
  broadcastState.applied(({ store }, _g, { id, state }) => store.of(BroadcastsRepo).setState(id, state)),
  broadcastTargeted.applied(({ store }, g, { id, target }) => store.of(BroadcastsRepo).addTarget(id, g.platform, target)),
];
