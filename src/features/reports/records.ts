// What reports write, as records their decisions return (src/engine/records.ts).
import { type Recorder, recordKind } from '../../engine/records.js';
import { type Report, type ReportState, ReportsRepo } from './reports.sql.js';

/** A message reported for the first time, under the id its decision gave it (ReportsRepo.nextId). */
export const reportFiled = recordKind<Omit<Report, 'platform' | 'groupId' | 'state'>>('reports.filed');
export const reportVoted = recordKind<{ id: number; reporterId: string; at: number }>('reports.vote');
export const reportSettled = recordKind<{ id: number; state: ReportState; by: string | null }>('reports.state');

export const reportsRecorders: Recorder[] = [
  reportFiled.applied(({ store }, g, r) => store.of(ReportsRepo).add(g, r)),
  reportVoted.applied(({ store }, g, v) => store.of(ReportsRepo).vote(g, v.id, v.reporterId, v.at)),
  reportSettled.applied(({ store }, _g, s) => store.of(ReportsRepo).setState(s.id, s.state, s.by)),
];
