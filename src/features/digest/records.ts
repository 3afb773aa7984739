// What the digest writes, as records its decisions return (src/engine/records.ts).
import { type Recorder, recordKind } from '../../engine/records.js';
import { type Digest, DigestsRepo } from './digests.sql.js';

export const digestMarked = recordKind<Omit<Digest, 'id'>>('digest.marked');
export const digestRecorders: Recorder[] = [digestMarked.applied(({ store }, g, d) => store.of(DigestsRepo).add(g, d))];
