import type { Command, Feature } from '../src/engine/registry.js';
import { decideReport, fileReport, reportHideAt } from '../src/features/reports/reports.js';
import { reportsRecorders } from '../src/features/reports/records.js';

const report: Command = {
  name: 'report',
  aliases: ['举报'],
  level: 'member',
  run: fileReport,
};

export const reportsFeature: Feature = {
  name: 'reports',
  commands: [report],
  rules: [decideReport],
  settings: [reportHideAt],
  recorders: reportsRecorders,
};
