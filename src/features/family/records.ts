// What families write, as records their decisions return (src/engine/records.ts).
import { type Recorder, recordKind } from '../../engine/records.js';
import { type FamilyBan, FamiliesRepo } from './family.sql.js';

/** A new family (ownerId '': a group's own list, begun by /ban, that no owner has claimed yet). */
export const familyCreated = recordKind<{ id: number; ownerId: string; at: number }>('family.created');
export const familyAdopted = recordKind<{ id: number; ownerId: string }>('family.adopted');
export const familyLinked = recordKind<{ familyId: number; sharesBans: boolean }>('family.linked');
export const familyLeft = recordKind<Record<string, never>>('family.left');
export const familyBanned = recordKind<{ familyId: number; ban: FamilyBan }>('family.ban');
export const familyUnbanned = recordKind<{ familyId: number; userId: string }>('family.unban');

export const familyRecorders: Recorder[] = [
  familyCreated.applied(({ store }, g, f) => store.of(FamiliesRepo).create(f.id, g.platform, f.ownerId, f.at)),
  familyAdopted.applied(({ store }, _g, f) => store.of(FamiliesRepo).adopt(f.id, f.ownerId)),
  familyLinked.applied(({ store }, g, l) => store.of(FamiliesRepo).link(g, l.familyId, l.sharesBans)),
  familyLeft.applied(({ store }, g) => store.of(FamiliesRepo).unlink(g)),
  familyBanned.applied(({ store }, _g, b) => store.of(FamiliesRepo).ban(b.familyId, b.ban)),
  familyUnbanned.applied(({ store }, _g, u) => store.of(FamiliesRepo).unban(u.familyId, u.userId)),
];
